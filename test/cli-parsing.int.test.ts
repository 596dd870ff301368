import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userVerbs } from '../src/cli/accounts.js';
import { runCli } from '../src/cli/main.js';

/** Runs one `ledger …` line in-process against a store in `directory`, with the accounts verbs as the composition root adds them. */
function cli(directory: string, language: Record<string, string> = {}) {
  return async (args: string[], stdin = '') => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      readStdin: async () => stdin,
      env: { LEDGER_STORE: join(directory, 'ledger.sqlite'), ...language },
      extensions: [userVerbs],
    });
    return { code, stdout, stderr };
  };
}

type Run = ReturnType<typeof cli>;

/** A usage error: exit 2, nothing on stdout, one line on stderr that contains every part given. */
async function expectUsageError(run: Run, args: string[], ...parts: string[]) {
  const out = await run(args);
  expect(out.code, `ledger ${args.join(' ')}: ${out.stderr}`).toBe(2);
  expect(out.stdout).toBe('');
  expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(out.stderr).toMatch(/^ledger: /);
  for (const part of parts) expect(out.stderr).toContain(part);
  return out;
}

/** The verbs a help text lists: the first word of each entry outside the options, arguments and environment sections. */
function listedVerbs(help: string): string[] {
  return help
    .split(/\n\s*\n/)
    .filter(
      (section) =>
        /^[A-ZÆØÅ][\wæøå ,-]*:\s*$/m.test(section.split('\n')[0]!) &&
        !/Options:|Arguments:|Environment:|Examples:|Valg:|valg:|Argumenter:|Miljø:|Eksempler:/.test(section),
    )
    .flatMap((section) =>
      section
        .split('\n')
        .slice(1)
        .map((line) => /^ {2}([a-z][a-z-]*)\b/.exec(line)?.[1])
        .filter((verb): verb is string => verb !== undefined && verb !== 'help'),
    );
}

describe('the ledger CLI reads its command line strictly', () => {
  let directory: string;
  let run: Run;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-cli-parsing-'));
    run = cli(directory);
    expect((await run(['demo'])).code).toBe(0);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('names the nearest valid option for a typo, exits 2 and answers nothing, in bokmål unless asked for English', async () => {
    const line = await expectUsageError(run, ['frame', '2025', '--asof', '2025-06-01']);
    expect(line.stderr).toBe('ledger: ukjent valg «--asof» (mente du --as-of?) — se ledger frame --help\n');
    await expectUsageError(run, ['frame', '2025', '--jsno'], 'ukjent valg «--jsno»', '(mente du --json?)');
    await expectUsageError(
      run,
      ['user', 'add', 'kari', '--role', 'reader', '--nmae', 'Kari'],
      'ukjent valg «--nmae»',
      '(mente du --name?)',
    );
    for (const english of [cli(directory, { LEDGER_LANG: 'en' }), cli(directory, { LANG: 'en_GB.UTF-8' })])
      expect((await expectUsageError(english, ['frame', '2025', '--asof', '2025-06-01'])).stderr).toBe(
        'ledger: unknown option «--asof» (did you mean --as-of?) — see ledger frame --help\n',
      );
    expect((await expectUsageError(run, ['--lang', 'en', 'frame', '2025', '--asof', '2025-06-01'])).stderr).toContain(
      'did you mean --as-of?',
    );
    // An English locale gives way to LEDGER_LANG, and --lang to both.
    const both = cli(directory, { LANG: 'en_US.UTF-8', LEDGER_LANG: 'nb' });
    expect((await expectUsageError(both, ['frame', '2025', '--asof', 'x'])).stderr).toContain('ukjent valg');
    expect((await expectUsageError(both, ['frame', '2025', '--lang=en', '--asof', 'x'])).stderr).toContain('unknown option');
  });

  it('names the nearest verb for an unknown one, at the top and inside a group', async () => {
    await expectUsageError(run, ['frmae', '2025'], 'ukjent kommando «frmae»', '(mente du frame?)', 'se ledger --help');
    await expectUsageError(run, ['user', 'ad', 'kari'], 'ukjent kommando «ad»', '(mente du add?)', 'se ledger user --help');
  });

  it('refuses an option the verb does not take, and records nothing', async () => {
    await expectUsageError(run, ['import', 'export.ndjson', '--as-of', '2025-06-01'], 'ukjent valg «--as-of»', 'se ledger import --help');
    await expectUsageError(run, ['settle', '2025', '--as-of', '2025-06-01'], 'ukjent valg «--as-of»');
    await expectUsageError(
      run,
      ['settle', '2025', '--date', '2026-02-30'],
      '--date: En dato skrives ÅÅÅÅ-MM-DD og må finnes i kalenderen',
      '«2026-02-30»',
    );
    const frame = JSON.parse((await run(['frame', '2025', '--json'])).stdout);
    expect(frame.closed).toBe(false);
    await expectUsageError(
      run,
      ['record', 'docs/examples/case-22-25-outcome.ndjson', '--actr', 'sekretariat'],
      'ukjent valg «--actr»',
      '--actor',
    );
    const detail = JSON.parse((await run(['case', '22.25', '--json'])).stdout);
    expect(detail.adopted).toBeNull();
  });

  it('refuses more arguments than the verb takes', async () => {
    await expectUsageError(run, ['frame', '2025', '2026'], 'for mange argumenter: ventet 1, fikk 2', 'se ledger frame --help');
    await expectUsageError(run, ['figures', 'granted'], 'for mange argumenter: ventet 0, fikk 1');
    await expectUsageError(
      run,
      ['user', 'add', 'kari', 'Kari', 'Nordmann', '--role', 'reader', '--name', 'Kari'],
      'for mange argumenter',
      'se ledger user add --help',
    );
    expect(JSON.parse((await run(['user', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('checks years, dates, positions, case numbers, figures and scopes before it opens anything', async () => {
    const fresh = join(directory, 'untouched');
    const untouched = cli(fresh);
    await expectUsageError(untouched, ['frame'], 'argumentet <year> mangler');
    const year = await expectUsageError(untouched, ['frame', '20x5']);
    expect(year.stderr).toBe('ledger: <year>: Et år er fire sifre fra 2000 til 2100, som 2025 (fikk «20x5») — se ledger frame --help\n');
    await expectUsageError(untouched, ['settle', '25'], '<year>: Et år er fire sifre', '«25»');
    await expectUsageError(
      untouched,
      ['frame', '2025', '--as-of', '2025-02-30'],
      '--as-of: En dato skrives ÅÅÅÅ-MM-DD og må finnes i kalenderen',
      '«2025-02-30»',
    );
    await expectUsageError(untouched, ['frame', '2025', '--as-of', '1.6.2025'], '--as-of:', 'ÅÅÅÅ-MM-DD', '«1.6.2025»');
    await expectUsageError(
      untouched,
      ['trail', '2025', '--as-of-position', '1.5'],
      '--as-of-position: En loggposisjon er et helt tall',
      '«1.5»',
    );
    await expectUsageError(untouched, ['trail', '2025', '--as-of-position', '-3'], '--as-of-position');
    await expectUsageError(
      untouched,
      ['cases', '--as-of', '2025-06-01', '--as-of-position', '40'],
      '--as-of kan ikke brukes sammen med --as-of-position',
    );
    await expectUsageError(untouched, ['case', '22'], '<case-number>: Et saksnummer skrives NN.ÅÅ, som 22.25', '«22»');
    await expectUsageError(
      untouched,
      ['explain', '2025', 'grant'],
      '<figure>: «grant» er ikke en post. Mente du granted (Tildelt)? Se postene med ledger figures',
    );
    await expectUsageError(
      untouched,
      ['explain', '2025', 'granted', 'area:x'],
      '<scope>: Et omfang er total, programme-area:ID',
      '«area:x»',
    );
    await expectUsageError(untouched, ['export', '--out'], '--out mangler en verdi');
    await expectUsageError(
      untouched,
      ['user', 'add', 'per', '--role', 'boss', '--name', 'Per'],
      '--role: Gyldige valg er secretariat, member, auditor, reader',
      '«boss»',
    );
    await expectUsageError(untouched, ['user', 'add', 'per', '--role', 'reader'], '--name må oppgis');
    const english = cli(fresh, { LEDGER_LANG: 'en' });
    expect((await expectUsageError(english, ['frame', '20x5'])).stderr).toBe(
      'ledger: <year>: A year is four digits from 2000 to 2100, such as 2025 (got «20x5») — see ledger frame --help\n',
    );
    await expectUsageError(english, ['explain', '2025', 'grant'], '<figure>: «grant» is not a figure. Did you mean granted (Granted)?');
    await expectUsageError(english, ['user', 'add', 'per', '--role', 'reader'], '--name is required');
    await expectUsageError(english, ['frame'], 'the argument <year> is missing');
    expect(existsSync(fresh)).toBe(false);
  });

  it('still answers a date or a position that is valid, and takes the global options before or after the verb', async () => {
    const late = JSON.parse((await run(['frame', '2025', '--as-of=2025-06-01', '--json'])).stdout);
    expect(late.asOf).toEqual({ date: '2025-06-01' });
    const before = await run(['--json', 'frame', '2025', '--as-of-position', '40']);
    const after = await run(['frame', '2025', '--as-of-position', '40', '--json']);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout).asOf).toEqual({ position: 40 });
    expect(after.stdout).toBe(before.stdout);
    const elsewhere = await run(['--store', join(directory, 'other.sqlite'), 'cases', '--json']);
    expect(JSON.parse(elsewhere.stdout)).toEqual([]);
  });

  it('lists every verb in ledger --help, and without a verb shows that help as a usage error', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    const verbs = listedVerbs(help.stdout);
    expect(verbs).toEqual(
      expect.arrayContaining(['frame', 'balances', 'trail', 'explain', 'figures', 'cases', 'case', 'demo', 'record', 'settle']),
    );
    expect(verbs).toEqual(expect.arrayContaining(['export', 'import', 'rebuild', 'verify', 'user']));
    expect(verbs).toEqual(expect.arrayContaining(['list', 'grant', 'vote', 'resolution']));
    for (const option of ['--store', '--json', '--actor', '--lang']) expect(help.stdout).toContain(option);
    expect(help.stdout).toMatch(/^Bruk: ledger <kommando> \[argumenter\] \[valg\]/);
    expect(help.stdout).toContain('Beløp skrives som 1 000 000, 1.000.000, 1000000 eller kr 1 000 000,50');
    expect(help.stdout).toMatch(/grant +registrer: award\|plan\|adjust\|release/);
    const bare = await run([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toContain('Bruk: ledger <kommando>');
    expect((await run(['help'])).stdout).toBe(help.stdout);
    const english = (await cli(directory, { LEDGER_LANG: 'en' })(['--help'])).stdout;
    expect(english).toMatch(/^Usage: ledger <verb> \[arguments\] \[options\]/);
    expect(english).toContain('Global Options:');
    expect(listedVerbs(english)).toEqual(verbs);
  });

  it('gives every verb and sub-verb its own --help that names its arguments and options, and exits 0', async () => {
    const top = listedVerbs((await run(['--help'])).stdout);
    const paths = [...top];
    for (const verb of top) {
      const subVerbs = listedVerbs((await run([verb, '--help'])).stdout);
      paths.push(...subVerbs.map((sub) => `${verb} ${sub}`));
    }
    expect(paths).toEqual(expect.arrayContaining(['user add', 'user list', 'user deactivate', 'user token']));
    for (const path of paths) {
      const help = await run([...path.split(' '), '--help']);
      expect(help.code, path).toBe(0);
      expect(help.stdout, path).toMatch(new RegExp(`^Bruk: ledger ${path}\\b`));
      expect(help.stdout, path).toContain('-h, --help');
      expect(help.stdout, path).toContain('Globale valg:');
      // Every verb that does something shows how it is written; a group lists its verbs instead.
      if (!/^ {2}[a-z]+ .*\n/m.test(help.stdout.split('Kommandoer:')[1] ?? ''))
        expect(help.stdout, path).toMatch(/Eksempler:\n {2}\$ (\w+=\S+ )?ledger /);
      expect(help.stderr, path).toBe('');
    }
  });

  it("names each verb's own arguments and options in its help, and not another verb's", async () => {
    const expected: Record<string, { has: string[]; lacks?: string[] }> = {
      frame: { has: ['year', '--as-of <date>', '--as-of-position <n>'] },
      explain: { has: ['year', 'figure', 'scope', 'availableIfRecommendationAdopted', '--as-of <date>'] },
      case: { has: ['case-number', 'NN.ÅÅ', '--as-of <date>'] },
      settle: { has: ['year', '--date <date>'], lacks: ['--as-of'] },
      import: { has: ['file'], lacks: ['--as-of', '--out'] },
      export: { has: ['--out <file>'], lacks: ['--as-of'] },
      record: { has: ['file', 'stdin', '--continue'], lacks: ['--as-of'] },
      'user add': { has: ['username', '--role <role>', '--name <name>', '--member <id>', '--password <password>'], lacks: ['--as-of'] },
    };
    for (const [path, { has, lacks = [] }] of Object.entries(expected)) {
      const help = (await run([...path.split(' '), '--help'])).stdout;
      for (const text of has) expect(help, `${path} --help`).toContain(text);
      for (const text of lacks) expect(help, `${path} --help`).not.toContain(text);
    }
    expect((await run(['help', 'frame'])).stdout).toBe((await run(['frame', '--help'])).stdout);
  });
});
