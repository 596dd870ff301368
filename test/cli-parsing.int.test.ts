import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userVerbs } from '../src/cli/accounts.js';
import { runCli } from '../src/cli/main.js';

/** Runs one `ledger …` line in-process against a store in `directory`, with the accounts verbs as the composition root adds them. */
function cli(directory: string) {
  return async (args: string[], stdin = '') => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      readStdin: async () => stdin,
      env: { LEDGER_STORE: join(directory, 'ledger.sqlite') },
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
    .filter((section) => /^[A-Z][\w ,-]*:\s*$/m.test(section.split('\n')[0]!) && !/Options:|Arguments:|Environment:/.test(section))
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

  it('names the nearest valid option for a typo, exits 2 and answers nothing', async () => {
    await expectUsageError(
      run,
      ['frame', '2025', '--asof', '2025-06-01'],
      "unknown option '--asof'",
      '(did you mean --as-of?)',
      'ledger frame --help',
    );
    await expectUsageError(run, ['frame', '2025', '--jsno'], "unknown option '--jsno'", '(did you mean --json?)');
    await expectUsageError(
      run,
      ['user', 'add', 'kari', '--role', 'reader', '--nmae', 'Kari'],
      "unknown option '--nmae'",
      '(did you mean --name?)',
    );
  });

  it('names the nearest verb for an unknown one, at the top and inside a group', async () => {
    await expectUsageError(run, ['frmae', '2025'], "unknown command 'frmae'", '(did you mean frame?)', 'ledger --help');
    await expectUsageError(run, ['user', 'ad', 'kari'], "unknown command 'ad'", '(did you mean add?)', 'ledger user --help');
  });

  it('refuses an option the verb does not take, and records nothing', async () => {
    await expectUsageError(run, ['import', 'export.ndjson', '--as-of', '2025-06-01'], "unknown option '--as-of'", 'ledger import --help');
    await expectUsageError(run, ['settle', '2025', '--as-of', '2025-06-01'], "unknown option '--as-of'");
    await expectUsageError(run, ['settle', '2025', '--date', '2026-02-30'], "'2026-02-30' is invalid");
    const frame = JSON.parse((await run(['frame', '2025', '--json'])).stdout);
    expect(frame.closed).toBe(false);
    await expectUsageError(
      run,
      ['record', 'docs/examples/case-22-25-outcome.ndjson', '--actr', 'sekretariat'],
      "unknown option '--actr'",
      '--actor',
    );
    const detail = JSON.parse((await run(['case', '22.25', '--json'])).stdout);
    expect(detail.adopted).toBeNull();
  });

  it('refuses more arguments than the verb takes', async () => {
    await expectUsageError(run, ['frame', '2025', '2026'], "too many arguments for 'frame'", 'Expected 1 argument but got 2');
    await expectUsageError(run, ['figures', 'granted'], "too many arguments for 'figures'");
    await expectUsageError(
      run,
      ['user', 'add', 'kari', 'Kari', 'Nordmann', '--role', 'reader', '--name', 'Kari'],
      "too many arguments for 'add'",
    );
    expect(JSON.parse((await run(['user', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('checks years, dates, positions, case numbers, figures and scopes before it opens anything', async () => {
    const fresh = join(directory, 'untouched');
    const untouched = cli(fresh);
    await expectUsageError(untouched, ['frame'], "missing required argument 'year'");
    await expectUsageError(untouched, ['frame', '20x5'], "'20x5' is invalid for argument 'year'", 'four digits');
    await expectUsageError(untouched, ['settle', '25'], "'25' is invalid for argument 'year'");
    await expectUsageError(
      untouched,
      ['frame', '2025', '--as-of', '2025-02-30'],
      "'2025-02-30' is invalid",
      'does not exist in the calendar',
    );
    await expectUsageError(untouched, ['frame', '2025', '--as-of', '1.6.2025'], "'1.6.2025' is invalid", 'YYYY-MM-DD');
    await expectUsageError(untouched, ['trail', '2025', '--as-of-position', '1.5'], "'1.5' is invalid", 'whole number');
    await expectUsageError(untouched, ['trail', '2025', '--as-of-position', '-3'], '--as-of-position');
    await expectUsageError(untouched, ['cases', '--as-of', '2025-06-01', '--as-of-position', '40'], 'cannot be used with');
    await expectUsageError(untouched, ['case', '22'], "'22' is invalid for argument 'case-number'", 'NN.YY');
    await expectUsageError(untouched, ['explain', '2025', 'grant'], "'grant' is invalid for argument 'figure'", 'granted');
    await expectUsageError(
      untouched,
      ['explain', '2025', 'granted', 'area:x'],
      "'area:x' is invalid for argument 'scope'",
      'programme-area:ID',
    );
    await expectUsageError(untouched, ['export', '--out'], "option '--out <file>' argument missing");
    await expectUsageError(
      untouched,
      ['user', 'add', 'per', '--role', 'boss', '--name', 'Per'],
      "'boss' is invalid",
      'secretariat, member, auditor, reader',
    );
    await expectUsageError(untouched, ['user', 'add', 'per', '--role', 'reader'], "required option '--name <name>' not specified");
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
    for (const option of ['--store', '--json', '--actor']) expect(help.stdout).toContain(option);
    const bare = await run([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toContain('Usage: ledger <verb>');
    expect((await run(['help'])).stdout).toBe(help.stdout);
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
      expect(help.stdout, path).toMatch(new RegExp(`^Usage: ledger ${path}\\b`));
      expect(help.stdout, path).toContain('-h, --help');
      expect(help.stdout, path).toContain('Global Options:');
      expect(help.stderr, path).toBe('');
    }
  });

  it("names each verb's own arguments and options in its help, and not another verb's", async () => {
    const expected: Record<string, { has: string[]; lacks?: string[] }> = {
      frame: { has: ['year', '--as-of <date>', '--as-of-position <n>'] },
      explain: { has: ['year', 'figure', 'scope', 'availableIfRecommendationAdopted', '--as-of <date>'] },
      case: { has: ['case-number', 'NN.YY', '--as-of <date>'] },
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
