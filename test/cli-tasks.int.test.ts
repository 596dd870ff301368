import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { taskSpecs } from '../src/cli/verbs/tasks.js';
import { commandTypes } from '../src/commands/table.js';

/** The CLI in-process on a store file of its own. */
function cli(directory: string) {
  return async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      readStdin: async () => '',
      env: { LEDGER_STORE: join(directory, 'ledger.sqlite'), LEDGER_ACTOR: 'sekretariat' },
    });
    return { code, stdout: stdout.replaceAll('\u00a0', ' '), stderr };
  };
}

describe('task verbs: every command of the secretariat from the command line', () => {
  let directory: string;
  let run: ReturnType<typeof cli>;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-tasks-'));
    run = cli(directory);
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const ok = async (args: string[]) => {
    const result = await run(args);
    expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
    return result.stdout;
  };
  const frame = async (year: number) => JSON.parse(await ok(['frame', String(year), '--json'])).figures as Record<string, string>;

  it('has a verb for every command (the settlement is `ledger settle`), each with its own help', async () => {
    expect(taskSpecs.map((spec) => spec.type).sort()).toEqual(commandTypes.filter((type) => type !== 'SettleYear').sort());
    for (const spec of taskSpecs) {
      const help = await run([...spec.path, '--help']);
      expect(help.code, spec.path.join(' ')).toBe(0);
      expect(help.stdout).toContain(`Usage: ledger ${spec.path.join(' ')}`);
      for (const option of spec.options ?? []) expect(help.stdout, spec.path.join(' ')).toContain(option.flags.split(' ')[0]);
      expect(help.stdout).toContain('--date <date>');
    }
  });

  it('records a whole year from the command line: registry, receipt, case, votes, grants, spending, reserve fund, settlement', async () => {
    await ok(['programme-area', 'add', 'omrade', '--name', 'Område', '--date', '2025-01-02']);
    await ok([
      'initiative',
      'add',
      'tiltak',
      '--name',
      'Tiltak',
      '--area',
      'omrade',
      '--criterion',
      'utvikling',
      '--phase',
      'oppstart',
      '--date',
      '2025-01-02',
    ]);
    await ok([
      'initiative',
      'add',
      'annet',
      '--name',
      'Annet',
      '--area',
      'omrade',
      '--criterion',
      'drift',
      '--phase',
      'drift',
      '--date',
      '2025-01-02',
    ]);
    await ok(['partner', 'add', 'si', '--name', 'Sykehuset Innlandet', '--kind', 'hospital-trust', '--date', '2025-01-02']);
    for (const member of ['leder', 'nestleder', 'medlem'])
      await ok(['member', 'add', member, '--name', member, '--partner', 'si', '--date', '2025-01-02']);
    await ok(['quorum', 'set', '2', '--date', '2025-01-02']);
    await ok([
      'funds',
      'receive',
      '2025',
      '--amount',
      '1000000',
      '--reference',
      'Tilskudd 2025',
      '--received-on',
      '2025-01-15',
      '--date',
      '2025-01-15',
    ]);
    await ok(['case', 'open', '01.25', '--meeting', '2025-02-20', '--title', 'Prioritering 2025', '--date', '2025-01-20']);
    await ok([
      'proposal',
      'submit',
      '01.25',
      '--year',
      '2025',
      '--initiative',
      'tiltak',
      '--amount',
      '700000',
      '--by',
      'si',
      '--id',
      'p1',
      '--date',
      '2025-01-25',
    ]);
    await ok(['proposal', 'revise', '01.25', 'p1', '--amount', '650000', '--reason', 'Justert', '--date', '2025-01-26']);
    await ok([
      'recommendation',
      'record',
      '01.25',
      '--year',
      '2025',
      '--line',
      'tiltak=600000',
      '--line',
      'annet=200000',
      '--date',
      '2025-02-01',
    ]);
    const resolution = [
      ...['--point', 'SSU gir tilslutning til anbefalingen', '--authorises', '1=recommendation'],
      ...[
        '--point',
        'Fond',
        '--authorises',
        '2=reserve-fund:2025',
        '--alternative',
        '2:Alt. 1: kr 100 000=100000',
        '--alternative',
        '2:Alt. 2: ikke etablere=',
      ],
    ];
    await ok(['resolution', 'propose', '01.25', ...resolution, '--date', '2025-02-01']);
    await ok(['vote', 'cast', '01.25', 'leder', '2', 'alt:1', '--date', '2025-02-20']);
    await ok(['vote', 'cast', '01.25', 'nestleder', '2', 'alt:2', '--date', '2025-02-20']);
    await ok(['vote', 'cast', '01.25', 'medlem', '2', 'alt:1', '--date', '2025-02-20']);
    const adopted = [
      ...['--point', '1=adopted', '--point', '2=alt:1:majority', '--by', 'consensus'],
      ...['--present', 'leder', '--present', 'nestleder', '--present', 'medlem'],
    ];
    await ok(['resolution', 'adopt', '01.25', ...adopted, '--date', '2025-02-20']);
    await ok(['reserve-fund', 'establish', '2025', '--name', 'Fond 2025', '--authority', '01.25/2', '--date', '2025-02-21']);
    await ok([
      'grant',
      'award',
      '2025',
      '--initiative',
      'tiltak',
      '--amount',
      '600000',
      '--authority',
      '01.25/1',
      '--id',
      'g1',
      '--date',
      '2025-02-21',
    ]);
    await ok([
      'grant',
      'award',
      '2025',
      '--initiative',
      'annet',
      '--amount',
      '200000',
      '--authority',
      '01.25/1',
      '--id',
      'g2',
      '--date',
      '2025-02-21',
    ]);
    await ok([
      'grant',
      'adjust',
      '2025',
      'g1',
      '--change',
      '-100000',
      '--authority',
      '01.25/1',
      '--reason',
      'Lavere behov',
      '--date',
      '2025-03-01',
    ]);
    const spent = await ok([
      'spending',
      'report',
      '2025',
      '--initiative',
      'tiltak',
      '--amount',
      '50000',
      '--reference',
      'Faktura 1',
      '--date',
      '2025-04-01',
      '--json',
    ]);
    const reportId = (JSON.parse(spent) as { events: { id: string }[] }).events[0]!.id;
    await ok(['spending', 'correct', '2025', reportId, '--change', '-5000', '--reason', 'Kreditnota', '--date', '2025-04-02']);
    await ok(['grant', 'release', '2025', 'g2', '--amount', '20000', '--reason', 'Mindreforbruk', '--date', '2025-06-01']);
    await ok(['initiative', 'end', 'annet', '--reason', 'Utgår', '--authority', '01.25/1', '--date', '2025-06-02']);
    await ok(['initiative', 'drop', '2025', 'annet', '--reason', 'Utgår', '--authority', '01.25/1', '--date', '2025-06-02']);
    await ok(['settle', '2025', '--date', '2026-01-15']);
    const figures2025 = await frame(2025);
    expect(figures2025).toMatchObject({
      received: '1000000.00',
      granted: '700000.00',
      reserved: '100000.00',
      released: '200000.00',
      spent: '45000.00',
    });
    // 2026: the remainder (1 000 000 − 700 000 − 100 000), released funds (20 000 + the 180 000 dropped), the fund carried.
    expect(await frame(2026)).toMatchObject({
      remainderCarriedIn: '200000.00',
      releasedCarriedIn: '200000.00',
      reserveCarriedIn: '100000.00',
      frame: '400000.00',
    });
    // A closed year's grant corrected in 2026: tiltak's 2025 grant stood at 500 000 and should have been 450 000.
    const corrected = [
      ...['correct', 'grant', '2026', 'g1', '--corrected-year', '2025', '--instalment', '2025=450000'],
      '--authority',
      '01.25/1',
    ];
    await ok([...corrected, '--reason', 'Tildelingen var 50 000 for høy', '--date', '2026-01-20']);
    expect(await frame(2026)).toMatchObject({ priorYearAdjustment: '50000.00', frame: '450000.00' });
    const late = await run([
      'grant',
      'award',
      '2026',
      '--initiative',
      'annet',
      '--amount',
      '1',
      '--authority',
      '01.25/1',
      '--date',
      '2026-01-20',
    ]);
    expect(late.code).toBe(1);
    expect(late.stderr).toContain('initiative-dropped');
  });

  it('refuses what the rules refuse, in one line, storing nothing; a bad value is a usage error naming its option', async () => {
    await ok(['demo']);
    const before = (await frame(2025)).granted;
    const refused = await run(['grant', 'award', '2025', '--initiative', 'vip', '--amount', '1', '--authority', '22.25/1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('ledger: refused (resolution-not-adopted): case 22.25 has no adopted resolution to cite\n');
    expect((await frame(2025)).granted).toBe(before);
    const badAuthority = await run(['grant', 'award', '2025', '--initiative', 'vip', '--amount', '1', '--authority', '22.25']);
    expect(badAuthority.code).toBe(2);
    expect(badAuthority.stderr).toContain("--authority <NN.YY/point>' argument '22.25' is invalid");
    const badAmount = await run(['grant', 'award', '2025', '--initiative', 'vip', '--amount', '1,5', '--authority', '04.25/1']);
    expect(badAmount.code).toBe(1);
    expect(badAmount.stderr).toMatch(/--plan \(plan\.amount\)|plan\.amount/);
    const missing = await run(['case', 'open', '23.25', '--title', 'Uten møte']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--meeting <date>' not specified");
  });

  it('records a command once: run again, the same verb says it was recorded before', async () => {
    await ok(['demo']);
    const args = ['funds', 'expect', '2026', '--amount', '10600000', '--reason', 'Statsbudsjettet'];
    expect(await ok(args)).toContain('Registrert:');
    expect(await ok(args)).toContain('Var registrert fra før');
    expect((await frame(2026)).expectedReceipt).toBe('10600000.00');
  });
});
