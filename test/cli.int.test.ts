import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rehash } from './support/forge.js';
import { runCli } from '../src/cli/main.js';
import { userVerbs } from '../src/cli/accounts.js';
import { AccountStore } from '../src/accounts/account-store.js';
import { chainHash } from '../src/store/hash-chain.js';

/** Runs the CLI in-process against a store file in a fresh directory, as a user would from a shell. */
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
    // Amounts are grouped with no-break spaces; compare them as plain spaces.
    return { code, stdout: stdout.replaceAll('\u00a0', ' '), stderr };
  };
}

describe('the ledger CLI on the embedded store', () => {
  let directory: string;
  let run: ReturnType<typeof cli>;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
    run = cli(directory);
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('loads the demo once, and a second run records nothing and says so', async () => {
    const first = await run(['demo']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('72 kommandoer');
    const second = await run(['demo']);
    expect(second.stdout).toContain('allerede lastet');
  });

  it('shows the 2025 frame the Norwegian way, and as JSON with decimal strings', async () => {
    await run(['demo']);
    const human = await run(['frame', '2025']);
    expect(human.stdout).toMatch(/Justert ramme\s+kr 12 595 000/);
    expect(human.stdout).toMatch(/Tilgjengelig om anbefalingen vedtas\s+kr 1 250 000/);
    const json = JSON.parse((await run(['frame', '2025', '--json'])).stdout);
    expect(json.figures.frame).toBe('12595000.00');
  });

  it('answers as of an effective date: before the settlement the 2025 frame is only what was received', async () => {
    await run(['demo']);
    const json = JSON.parse((await run(['frame', '2025', '--json', '--as-of', '2025-06-01'])).stdout);
    expect(json.figures).toMatchObject({ received: '10615000.00', frame: '10615000.00', recommended: '0.00' });
    expect(json.asOf).toEqual({ date: '2025-06-01' });
  });

  it('explains a figure down to case numbers and a running balance', async () => {
    await run(['demo']);
    const out = await run(['explain', '2024', 'granted', 'programme-area:barn-og-unge']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('04.25');
    expect(out.stdout).toMatch(/Utgående saldo\s+kr 1 200 000/);
  });

  it('settles a year, and settling it again appends nothing and says so', async () => {
    await run(['demo']);
    const first = await run(['settle', '2025']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Avregnet 2025');
    expect(first.stdout).toContain('kr 12 595 000 overført fra 2025');
    const second = await run(['settle', '2025']);
    expect(second.stdout).toContain('allerede avregnet');
    const trail = JSON.parse((await run(['trail', '2025', '--json'])).stdout);
    expect(trail.rows.filter((row: { eventType: string }) => row.eventType === 'YearClosed')).toHaveLength(1);
  });

  it('records commands from stdin through the rules and refuses a broken one with one clear line', async () => {
    await run(['demo']);
    const good = JSON.stringify({
      type: 'CastVote',
      idempotencyKey: 'v1',
      caseNumber: '22.25',
      memberId: 'leder',
      pointNumber: 2,
      choice: { alternativeNumber: 2 },
      effectiveDate: '2025-09-18',
    });
    expect((await run(['record', '-'], good)).stdout).toContain('Registrert 1 kommandoer');
    const tooMuch = JSON.stringify({
      type: 'AwardGrant',
      idempotencyKey: 'g1',
      year: 2025,
      initiativeId: 'vip',
      plan: { amount: '13000000' },
      authority: { caseNumber: '04.25', pointNumber: 1 },
    });
    const refused = await run(['record', '-'], tooMuch);
    expect(refused.code).toBe(1);
    // Case 04.25 point 1 authorised the 2024 table: nothing for VIP in 2025, said as such, with its name.
    expect(refused.stderr.replaceAll('\u00a0', ' ').trim().split('\n')).toEqual([
      'ledger: kommando 1 (AwardGrant): avvist: Punkt 1 i sak 04.25 gir ikke hjemmel for noe til VIP (very important patient) i 2025, så kr 13 000 000 kan ikke tildeles under det.',
      'ledger: kommandoen ble ikke lagret.',
    ]);
    const malformed = await run(['record', '-'], '{"type": ');
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('line 1: ikke gyldig JSON');
  });

  it('records a file as one unit: a refusal in the middle stores none of it; --continue stores what passes and says what', async () => {
    await run(['demo']);
    const lines = readFileSync('docs/examples/case-22-25-outcome.ndjson', 'utf8').trim().split('\n');
    // The outcome with one grant too many in the middle: 750 000.01 more to VIP than point 1 authorises.
    const broken = [
      ...lines.slice(0, 12),
      JSON.stringify({
        type: 'AwardGrant',
        idempotencyKey: 'too-much',
        year: 2025,
        initiativeId: 'vip',
        plan: { amount: '750000.01' },
        authority: { caseNumber: '22.25', pointNumber: 1 },
        effectiveDate: '2025-09-18',
      }),
      ...lines.slice(12),
    ];
    const file = join(directory, 'outcome.ndjson');
    writeFileSync(file, broken.join('\n'));
    const head = async () => JSON.parse((await run(['frame', '2025', '--json'])).stdout).figures.granted as string;
    const before = await head();
    const unit = await run(['record', file, '--actor', 'sekretariat']);
    expect(unit.code).toBe(1);
    expect(unit.stderr).toMatch(/^ledger: kommando 13 \(AwardGrant\): avvist: Punkt 1 i sak 22\.25 gir hjemmel for kr.3.000.000 til VIP/);
    expect(unit.stderr).toContain('ledger: ingen av de 19 kommandoene ble lagret.');
    expect(await head()).toBe(before);
    expect(JSON.parse((await run(['case', '22.25', '--json'])).stdout).adopted).toBeNull();

    const each = await run(['record', file, '--continue', '--actor', 'sekretariat']);
    expect(each.code).toBe(1);
    expect(each.stdout).toMatch(/ 13 {2}AwardGrant: avvist — Punkt 1 i sak 22\.25 gir hjemmel for kr 3 000 000 til VIP/);
    expect(each.stdout).toContain('Registrert 18 av 19 kommandoer (18 hendelser); 1 avvist.');
    expect(await head()).toBe('11345000.00');
  });

  it('settles a year as of the date given, and says so when it was settled already', async () => {
    await run(['demo']);
    await run(['record', 'docs/examples/case-22-25-outcome.ndjson', '--actor', 'sekretariat']);
    const early = await run(['settle', '2025', '--date', '2025-12-30']);
    expect(early.code).toBe(1);
    expect(early.stderr).toBe('ledger: avvist: 2025 avregnes tidligst 31.12.2025, ikke 30.12.2025.\n');
    const settled = await run(['settle', '2025', '--date', '2026-01-15', '--json']);
    expect(settled.code).toBe(0);
    const outcome = JSON.parse(settled.stdout);
    expect(outcome.events.map((event: { effectiveDate: string }) => event.effectiveDate)).toEqual(outcome.events.map(() => '2026-01-15'));
    const again = await run(['settle', '2025']);
    expect(again).toMatchObject({ code: 0, stdout: '2025 var allerede avregnet og lukket; ingenting ble lagt til.\n', stderr: '' });
    // Recording the same settlement from a file answers the same, with the same exit code, and adds nothing.
    const recorded = await run(['record', '-'], JSON.stringify({ type: 'SettleYear', idempotencyKey: 'again', year: 2025 }));
    expect(recorded).toEqual(again);
    expect(JSON.parse((await run(['frame', '2026', '--json'])).stdout).figures.remainderCarriedIn).toBe('750000.00');
  });

  it('exports with a manifest and imports into an empty store with the same figures', async () => {
    await run(['demo']);
    const exportFile = join(directory, 'export.ndjson');
    expect((await run(['export', '--out', exportFile])).code).toBe(0);
    const lines = readFileSync(exportFile, 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1)!).manifest.events).toBe(lines.length - 1);
    const other = cli(join(directory, 'other'));
    expect((await other(['import', exportFile])).code).toBe(0);
    expect((await other(['frame', '2025', '--json'])).stdout).toBe((await run(['frame', '2025', '--json'])).stdout);
    const again = await other(['import', exportFile]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not empty');
  });

  it('refuses an export whose content was changed after it was written', async () => {
    await run(['demo']);
    const exportFile = join(directory, 'export.ndjson');
    await run(['export', '--out', exportFile]);
    writeFileSync(exportFile, readFileSync(exportFile, 'utf8').replace('"10700000.00"', '"10800000.00"'));
    const refused = await cli(join(directory, 'other'))(['import', exportFile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('checksum');
  });

  it('verifies an intact ledger and detects a changed amount in the store file', async () => {
    await run(['demo']);
    const intact = await run(['verify']);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('OK: 88 hendelser');
    const db = new Database(join(directory, 'ledger.sqlite'));
    db.prepare(
      `UPDATE events SET data = replace(data, '"1000000.00"', '"1100000.00"') WHERE type = 'GrantAwarded' AND data LIKE '%"vip"%'`,
    ).run();
    db.close();
    const tampered = await run(['verify']);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain('content does not match its hash');
  });

  it('names every event whose hash is right but which the catalogue refuses (written around the ledger), and exits 1', async () => {
    await run(['demo']);
    const db = new Database(join(directory, 'ledger.sqlite'));
    // The last event of two streams, each with its actor emptied and its hash recomputed: the chains hold.
    const damaged = ['registry', 'case-22.25'].map((stream) => {
      const row = db.prepare('SELECT * FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1').get(stream) as Record<
        string,
        string | number
      >;
      const metadata = { ...(JSON.parse(row.metadata as string) as object), actor: '' };
      const content = {
        stream,
        revision: row.revision as number,
        id: row.id as string,
        type: row.type as string,
        schemaVersion: row.schema_version as number,
        data: JSON.parse(row.data as string),
        metadata,
      };
      db.prepare('UPDATE events SET metadata = ?, hash = ? WHERE position = ?').run(
        JSON.stringify(metadata),
        chainHash(row.previous_hash as string, content),
        row.position,
      );
      return row.id as string;
    });
    // And the log chain over them, as someone writing around the ledger would.
    rehash(db);
    db.close();
    const checked = await run(['verify']);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain('verification failed');
    for (const id of damaged) expect(checked.stderr).toMatch(new RegExp(`stored event ${id} .*metadata\\.actor`));
  });

  it('detects events removed from the end of the log', async () => {
    await run(['demo']);
    const db = new Database(join(directory, 'ledger.sqlite'));
    db.prepare('DELETE FROM events WHERE position = (SELECT MAX(position) FROM events)').run();
    db.close();
    const tampered = await run(['verify']);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/removed|stream head/);
  });

  it('walks through the README: recording the outcome of case 22.25 changes the 2025 frame', async () => {
    await run(['demo']);
    const recorded = await run(['record', 'docs/examples/case-22-25-outcome.ndjson', '--actor', 'sekretariat']);
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toContain('Registrert 18 kommandoer');
    const caseView = (await run(['case', '22.25'])).stdout;
    expect(caseView).toContain('Penger vedtatt i saken');
    expect(caseView).toMatch(/18\.09\.2025 +1 +Tildelt kr 3 000 000 til VIP.*kr 3 000 000 +ledger explain 2025 granted initiative:vip/);
    expect(caseView).toMatch(/18\.09\.2025 +2 +Fond .*kr 500 000 +ledger explain 2025 reserved total/);
    const frame = JSON.parse((await run(['frame', '2025', '--json'])).stdout).figures;
    expect(frame).toMatchObject({
      frame: '12595000.00',
      reserved: '500000.00',
      granted: '11345000.00',
      available: '750000.00',
      availableIfRecommendationAdopted: '750000.00',
    });
    const detail = JSON.parse((await run(['case', '22.25', '--json'])).stdout);
    expect(detail.adopted.points.find((point: { number: number }) => point.number === 2).alternativeNumber).toBe(2);
    expect(detail.tally.find((point: { pointNumber: number }) => point.pointNumber === 2)).toEqual({
      pointNumber: 2,
      counts: { 'alt:2': 4, 'alt:1': 2 },
      blank: 0,
    });
    expect(caseView).toContain('stemmer: alt. 1: 2, alt. 2: 4, blanke: 0');
    const again = await run(['record', 'docs/examples/case-22-25-outcome.ndjson']);
    expect(again.stdout).toContain('18 var registrert fra før');
    // The README's refusal, word for word: a grant the frame could carry but the committee never decided.
    const beyond = await run(
      ['record', '-'],
      '{"type":"AwardGrant","idempotencyKey":"x1","year":2025,"initiativeId":"vip","plan":{"amount":"750000.01"},"authority":{"caseNumber":"22.25","pointNumber":1}}',
    );
    expect(beyond.code).toBe(1);
    expect(beyond.stderr.replaceAll('\u00a0', ' ')).toBe(
      [
        'ledger: kommando 1 (AwardGrant): avvist: Punkt 1 i sak 22.25 gir hjemmel for kr 3 000 000 til VIP (very important patient) i 2025; kr 3 000 000 er allerede tildelt, så kr 0 er igjen og kr 750 000,01 kan ikke tildeles.',
        'ledger: kommandoen ble ikke lagret.',
        '',
      ].join('\n'),
    );
  });

  it('creates named accounts beside the store, refuses a member account for an unknown member, and deactivates', async () => {
    await run(['demo']);
    const added = await run(['user', 'add', 'kari', '--role', 'secretariat', '--name', 'Kari Nordmann']);
    expect(added.code).toBe(0);
    const token = /API-token (\S+)/.exec(added.stdout)![1]!;
    const accounts = AccountStore.open(join(directory, 'accounts.sqlite'));
    expect(accounts.verifyToken(token)?.username).toBe('kari');
    accounts.close();
    expect((await run(['user', 'add', 'ola', '--role', 'member', '--name', 'Ola', '--member', 'nobody'])).stderr).toContain(
      'SSU-medlemmet «nobody» er ikke registrert i registeret (se ledger list members)',
    );
    expect((await run(['user', 'add', 'ola', '--role', 'member', '--name', 'Ola', '--member', 'leder'])).code).toBe(0);
    expect((await run(['user', 'add', 'per', '--role', 'boss', '--name', 'Per'])).code).toBe(2);
    expect((await run(['user', 'deactivate', 'kari'])).code).toBe(0);
    const list = JSON.parse((await run(['user', 'list', '--json'])).stdout);
    expect(list.find((account: { username: string }) => account.username === 'kari').active).toBe(false);
  });

  it('gives usage errors with exit code 2', async () => {
    expect((await run(['frame'])).code).toBe(2);
    expect((await run(['nonsense'])).stderr).toContain('ukjent kommando «nonsense»');
    expect((await run(['frame', '2025', '--as-of', '2025-13-01'])).code).toBe(2);
  });
});
