import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { taskSpecs } from '../src/cli/verbs/tasks.js';
import { commandTypes } from '../src/commands/table.js';

/** Today to the CLI in these tests (which year a `--date` may be left out in); the ledger's own clock is the machine's. */
const NOW = new Date('2026-12-06T12:00:00Z');

/** The CLI in-process on a store file of its own. */
function cli(directory: string, language: Record<string, string> = {}) {
  return async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      readStdin: async () => '',
      env: { LEDGER_STORE: join(directory, 'ledger.sqlite'), LEDGER_ACTOR: 'sekretariat', ...language },
      now: () => NOW,
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
      expect(help.stdout).toContain(`Bruk: ledger ${spec.path.join(' ')}`);
      for (const option of spec.options ?? []) expect(help.stdout, spec.path.join(' ')).toContain(option.flags.split(' ')[0]);
      expect(help.stdout).toContain('--date <date>');
      // Every example in the help is a line the verb takes: each option it uses is one of the verb's own.
      expect(spec.examples.length, spec.path.join(' ')).toBeGreaterThan(0);
      for (const example of spec.examples) {
        expect(help.stdout).toContain(`$ ${example}`);
        expect(example.startsWith(`ledger ${spec.path.join(' ')} `), example).toBe(true);
        for (const flag of example.match(/ --[a-z-]+/g) ?? [])
          expect([...(spec.options ?? []).map((option) => option.flags.split(' ')[0]), '--date', '--key'], example).toContain(flag.trim());
      }
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
    expect(late.stderr).toContain('Annet ble avsluttet 02.06.2025; ingenting nytt kan tildeles');
  });

  it('refuses what the rules refuse, in one line, storing nothing; a bad value is a usage error naming its option', async () => {
    await ok(['demo']);
    const before = (await frame(2025)).granted;
    const award = ['grant', 'award', '2025', '--initiative', 'vip', '--authority', '22.25/1', '--date', '2025-09-18'];
    const refused = await run([...award, '--amount', '1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'ledger: avvist: Sak 22.25 har ikke noe vedtak å vise til ennå; registrer vedtaket først (ledger resolution adopt 22.25).\n',
    );
    expect((await cli(directory, { LEDGER_LANG: 'en' })([...award, '--amount', '1'])).stderr).toBe(
      'ledger: refused: Case 22.25 has no adopted resolution to cite yet; record the adoption first (ledger resolution adopt 22.25).\n',
    );
    expect((await frame(2025)).granted).toBe(before);
    const badAuthority = await run(['grant', 'award', '2025', '--initiative', 'vip', '--amount', '1', '--authority', '22.25']);
    expect(badAuthority.code).toBe(2);
    expect(badAuthority.stderr).toContain('--authority: En hjemmel er en sak og et punkt, skrevet NN.ÅÅ/P, som 22.25/1 (fikk «22.25»)');
    // A field the rules' schema refuses is named by the option typed, not by the command's field (plan.amount).
    const zero = await run([
      'grant',
      'award',
      '2025',
      '--initiative',
      'vip',
      '--amount',
      '0',
      '--authority',
      '04.25/1',
      '--date',
      '2025-02-21',
    ]);
    expect(zero).toMatchObject({ code: 1, stderr: 'ledger: ugyldig kommando: --amount: beløpet må være mer enn null\n' });
    // A negative amount is refused as negative, and an ambiguous one with both readings.
    const negative = await run(['grant', 'award', '2025', '--initiative', 'vip', '--amount', '-250 000', '--authority', '04.25/1']);
    expect(negative.stderr).toContain('--amount: «-250 000» er negativt; her skrives beløpet uten minus');
    const ambiguous = await run(['grant', 'award', '2025', '--initiative', 'vip', '--amount', '1.000', '--authority', '04.25/1']);
    expect(ambiguous).toMatchObject({ code: 2 });
    expect(ambiguous.stderr).toContain('--amount: «1.000» kan leses både som 1 000 og som 1,00');
    const missing = await run(['case', 'open', '23.25', '--title', 'Uten møte']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--meeting må oppgis');
    // An event is named by what it did and when, never by its id.
    const trail = JSON.parse(await ok(['trail', '2025', '--json'])) as { rows: { eventType: string; eventId: string }[] };
    const receipt = trail.rows.find((row) => row.eventType === 'FundsReceived')!.eventId;
    const wrongKind = await run(['spending', 'correct', '2025', receipt, '--change', '-1 000', '--reason', 'Feil', '--date', '2025-06-01']);
    expect(wrongKind.stderr.replaceAll('\u00a0', ' ')).toBe(
      'ledger: avvist: Hendelsen «Mottatt kr 10 615 000 for 2025 (Rekrutterings- og samhandlingsmidler 2025)» av 03.03.2025 er ikke en forbruksrapport i 2025; se hendelsene (ledger trail 2025).\n',
    );
    const tooEarly = await cli(directory, { LEDGER_LANG: 'en' })([
      'funds',
      'correct',
      '2025',
      receipt,
      '--change',
      '-1 000',
      '--reason',
      'Feil',
      '--date',
      '2025-01-01',
    ]);
    expect(tooEarly.stderr.replaceAll('\u00a0', ' ')).toBe(
      'ledger: refused: The event «Received kr 10 615 000 for 2025 (Rekrutterings- og samhandlingsmidler 2025)» of 03.03.2025 took effect on 03.03.2025; its correction cannot take effect on 01.01.2025.\n',
    );
    // A mistyped id is refused with the one that was probably meant.
    const typo = await run(['spending', 'report', '2026', '--initiative', 'vipp', '--amount', '1', '--reference', 'F1']);
    expect(typo.stderr).toContain('Satsningen «vipp» er ikke registrert');
    expect(typo.stderr).toContain('Mente du vip (VIP (very important patient))?');
  });

  it('records a command once: run again, the same verb says it was recorded before', async () => {
    await ok(['demo']);
    const args = ['funds', 'expect', '2026', '--amount', '10.600.000', '--reason', 'Statsbudsjettet'];
    expect(await ok(args)).toContain('Registrert:');
    expect(await ok(args)).toContain('Var registrert fra før');
    expect((await frame(2026)).expectedReceipt).toBe('10600000.00');
  });
  it('needs --date for a step of a meeting and for an earlier year, and defaults to today otherwise', async () => {
    await ok(['demo']);
    const vote = await run(['vote', 'cast', '22.25', 'leder', '2', 'alt:2']);
    expect(vote).toMatchObject({ code: 2, stdout: '' });
    expect(vote.stderr).toBe(
      'ledger: --date må oppgis for et steg i et møte (en stemme, et vedtak, noe som viser til et punkt): det gjelder fra dagen det ble besluttet, ikke dagen det skrives inn (06.12.2026). Møtet i sak 22.25 var 18.09.2025: --date 2025-09-18.\n',
    );
    const cited = await run(['reserve-fund', 'establish', '2025', '--name', 'Fond', '--authority', '22.25/2']);
    expect(cited.code).toBe(2);
    expect(cited.stderr).toContain('--date må oppgis for et steg i et møte');
    const earlier = await run(['funds', 'receive', '2025', '--amount', '1', '--reference', 'R', '--received-on', '2025-12-01']);
    expect(earlier.code).toBe(2);
    expect(earlier.stderr).toContain('--date må oppgis for 2025, et tidligere år enn i år (2026)');
    expect(earlier.stderr).toContain('--date 2025-12-31');
    const english = await cli(directory, { LEDGER_LANG: 'en' })(['vote', 'cast', '22.25', 'leder', '2', 'alt:2']);
    expect(english.stderr).toContain('--date is required for a step of a meeting');
    // This year and later years take today; so does the registry.
    expect(await ok(['funds', 'expect', '2027', '--amount', '10 000 000'])).toContain('Registrert:');
    expect(await ok(['partner', 'add', 'ny-partner', '--name', 'Ny partner', '--kind', 'municipality'])).toContain('Registrert:');
    // With the date given, the vote is recorded.
    expect(await ok(['vote', 'cast', '22.25', 'leder', '2', 'alt:2', '--date', '2025-09-18'])).toContain('Registrert:');
  });

  it('lists the ids of initiatives, members, areas, partners and cases, with their names, as text or JSON', async () => {
    await ok(['demo']);
    const initiatives = JSON.parse(await ok(['list', 'initiatives', '--json'])) as {
      initiativeId: string;
      name: string;
      programmeArea: string;
    }[];
    expect(initiatives).toContainEqual(
      expect.objectContaining({
        initiativeId: 'vip',
        name: 'VIP (very important patient)',
        programmeArea: 'Bo trygt hjemme med integrerte helsetjenester',
      }),
    );
    expect(await ok(['list', 'initiatives'])).toMatch(/^vip +VIP \(very important patient\) +Bo trygt hjemme/m);
    const members = JSON.parse(await ok(['list', 'members', '--json'])) as { memberId: string; partner: string }[];
    expect(members.map((member) => member.memberId)).toContain('leder');
    expect(await ok(['list', 'areas'])).toMatch(/^barn-og-unge +Barn og unge$/m);
    expect(await ok(['list', 'partners'])).toMatch(/^si +Sykehuset Innlandet/m);
    expect(await ok(['list', 'cases'])).toMatch(/^22\.25 +18\.09\.2025 /m);
    const wrong = await run(['list', 'initiativs']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('<what>: Gyldige valg er initiatives, members, areas, partners, cases (fikk «initiativs»)');
  });
});
