import { readFileSync } from 'node:fs';
import { monotonicFactory } from 'ulid';
import { describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/app/command-handler.js';
import { LedgerReader } from '../src/app/ledger-reader.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { CASE_22_25_HISTORY, parseCommandText, runCommands } from '../src/demo/history.js';
import { writeDocument } from '../src/documents/formats.js';
import { DocumentService } from '../src/documents/service.js';
import type { EventStore } from '../src/store/port.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { testStore } from './support/esdb-server.js';
import { portOnly } from './support/port-only.js';

/**
 * Issue 21's history: case 04.25 (20.02.2025) distributed the 2024 funds with SAMBA as a
 * three-year plan of 1 000 000 (333 333,34 in 2024, so Barn og unge 2024 stands at
 * 533 333,34), and 2024 was settled on 01.09.2025. Case 22.25 then corrects SAMBA's 2024
 * grant to 1 000 000, as its attachment 1 states it: one command, and the ledger moves
 * exactly 666 666,66 from the 2025 frame to SAMBA's earmark, drops the plan's later
 * instalments, and shows the correction from both ends. On SQLite, and on the path the
 * EventStoreDB store takes (the port alone).
 */

type Command = Record<string, unknown> & { type: string };

const SAMBA_PLAN = [
  { year: 2024, amount: '333333.34' },
  { year: 2025, amount: '333333.33' },
  { year: 2026, amount: '333333.33' },
];

/** The demo history with SAMBA's 2024 grant as a three-year plan, and case 22.25 with a point that corrects it. */
function history(): Command[] {
  return (parseCommandText(readFileSync(CASE_22_25_HISTORY, 'utf8')) as Command[]).map((command) => {
    if (command.type === 'AwardGrant' && command.grantId === 'g2024-samba')
      return { ...command, plan: { amountTotal: '1000000', instalments: SAMBA_PLAN } };
    if (command.type === 'ProposeResolution' && command.caseNumber === '04.25') return withSambaPlan(command);
    if (command.type === 'ProposeResolution' && command.caseNumber === '22.25') return withCorrectionPoint(command);
    return command;
  });
}

type Point = {
  number: number;
  authorises: { kind: string; lines?: { target: { initiativeId?: string }; year: number; amount: string }[] };
};

function withSambaPlan(command: Command): Command {
  const points = (command.points as Point[]).map((point) => {
    if (point.number !== 1 || !point.authorises.lines) return point;
    const lines = point.authorises.lines.filter((line) => line.target.initiativeId !== 'samba');
    return {
      ...point,
      authorises: { ...point.authorises, lines: [...lines, ...SAMBA_PLAN.map((line) => ({ target: { initiativeId: 'samba' }, ...line }))] },
    };
  });
  return { ...command, points };
}

function withCorrectionPoint(command: Command): Command {
  const point = {
    number: 5,
    text: 'Strategisk samarbeidsutvalg retter tildelingen til SAMBA for 2024 til kr 1 000 000, slik vedlegg 1 viser.',
    alternatives: [],
    authorises: { kind: 'allocation', fundedBy: 'frame', lines: [{ target: { initiativeId: 'samba' }, year: 2024, amount: '1000000' }] },
  };
  return { ...command, points: [...(command.points as Point[]), point] };
}

/** Case 22.25's outcome as the walk-through records it, point 5 adopted by consensus too. */
function outcome(): Command[] {
  const text = readFileSync(new URL('../docs/examples/case-22-25-outcome.ndjson', import.meta.url), 'utf8');
  return (parseCommandText(text) as Command[]).map((command) =>
    command.type === 'AdoptResolution'
      ? { ...command, points: [...(command.points as object[]), { number: 5, outcome: 'adopted' }] }
      : command,
  );
}

const correction = {
  type: 'CorrectClosedGrant',
  idempotencyKey: 'samba-2024',
  effectiveDate: '2025-09-18',
  year: 2025,
  correctedYear: 2024,
  grantId: 'g2024-samba',
  instalments: [
    { year: 2024, amount: '1000000' },
    { year: 2025, amount: '0' },
    { year: 2026, amount: '0' },
  ],
  authority: { caseNumber: '22.25', pointNumber: 5 },
  reason: 'Vedlegg 1 til sak 22.25: SAMBA fikk 1 000 000 for 2024',
};

async function ledgerOn(store: EventStore) {
  let instant = Date.parse('2026-11-01T09:00:00Z');
  const handler = new CommandHandler(store, { clock: () => new Date((instant += 1000)), newId: monotonicFactory() });
  await runCommands(handler, history(), 'sekretariat');
  await runCommands(handler, outcome(), 'sekretariat');
  const reader = new LedgerReader(store, new ProjectionRunner(store, { checkpointPath: null }));
  return { handler, reader, store };
}

// On a real EventStoreDB server too, where LEDGER_TEST_ESDB names one (the correction is one append there).
const esdb = process.env.LEDGER_TEST_ESDB?.trim();
if (!esdb) console.log('[skipped] correcting SAMBA’s 2024 grant on a real EventStoreDB server: LEDGER_TEST_ESDB not set');
const stores: [string, () => EventStore][] = [
  ['SQLite', () => new SqliteEventStore(':memory:')],
  ['the port alone (the EventStoreDB path)', () => portOnly(new SqliteEventStore(':memory:'))],
  ...(esdb ? [['EventStoreDB', () => testStore(esdb)] as [string, () => EventStore]] : []),
];

describe.each(stores)('correcting SAMBA’s 2024 grant after 2024 was settled, on %s', (_name, storeOf) => {
  it('moves exactly 666 666,66 from the 2025 frame to SAMBA’s earmark and drops the later instalments, in one unit', async () => {
    const { handler, reader } = await ledgerOn(storeOf());
    const before = { frame: (await reader.frame(2025)).figures, samba: await samba(reader, 2025) };
    expect((await reader.frame(2024)).figures).toMatchObject({ granted: '9053333.34', remainderCarriedOut: '1646666.66' });
    expect(before.frame).toMatchObject({ frame: '13261666.66', committed: '333333.33' });
    expect(before.samba).toMatchObject({ earmarkedCarriedIn: '333333.34', committed: '333333.33' });

    const result = await handler.execute(correction, { actor: 'sekretariat' });
    expect(result.events.map((event) => event.type)).toEqual([
      'ClosedYearCorrected',
      'PriorYearAdjustmentRecorded',
      'PriorYearAdjustmentRecorded',
      'GrantPlanChanged',
    ]);
    const after = { frame: (await reader.frame(2025)).figures, samba: await samba(reader, 2025) };
    expect(after.frame).toMatchObject({ frame: '12595000.00', priorYearAdjustment: '-666666.66', committed: '0.00' });
    expect(after.samba).toMatchObject({ earmarkedCarriedIn: '1000000.00', committed: '0.00' });
    expect((await reader.frame(2026)).figures).toMatchObject({ committed: '0.00' });
  });

  it('explains 2024 with the correction beside the sealed figure, and 2025 with the adjustment linking back', async () => {
    const { handler, reader } = await ledgerOn(storeOf());
    const result = await handler.execute(correction, { actor: 'sekretariat' });
    const header = result.events[0]!;
    const award = (await reader.trail(2024)).rows.find((row) => row.eventType === 'GrantAwarded' && row.description.nb.includes('SAMBA'))!;

    const area = await reader.explain({
      year: 2024,
      figure: 'granted',
      scope: { kind: 'programme-area', programmeAreaId: 'barn-og-unge' },
    });
    expect(area.value).toBe('533333.34');
    expect(area.valueAsCorrected).toBe('1200000.00');
    expect(area.laterCorrections?.map((row) => [row.position, row.amount, row.caseNumber])).toEqual([
      [header.position, '666666.66', '22.25'],
    ]);
    const sambaRow = area.rows.find((row) => row.eventId === award.eventId)!;
    expect(sambaRow.correctedBy.map((link) => [link.position, link.year])).toEqual([[header.position, 2025]]);

    const adjustment = await reader.explain({ year: 2025, figure: 'priorYearAdjustment', scope: { kind: 'total' } });
    expect(adjustment.rows.map((row) => [row.amount, row.correctsEvent?.eventId, row.correctsEvent?.year])).toEqual([
      ['-666666.66', award.eventId, 2024],
    ]);
    const trail = await reader.trail(2024);
    expect(trail.rows.find((row) => row.eventId === award.eventId)!.correctedBy.map((link) => link.eventType)).toContain(
      'ClosedYearCorrected',
    );
  });

  it('prints 1 200 000 for Barn og unge 2024 in the allocation table of 22.25, as attachment 1 does, with its footnote', async () => {
    const { handler, reader, store } = await ledgerOn(storeOf());
    const documents = new DocumentService(store, reader, { funderOrganisationId: null });
    const unchanged = await documents.build({ kind: 'allocation', caseNumber: '22.25' }, null);
    const barnOgUnge = (table: unknown) =>
      (table as { areas: { scope: string; amounts: Record<string, string> }[] }).areas.find(
        (area) => area.scope === 'programme-area:barn-og-unge',
      )!;
    expect(barnOgUnge((unchanged.content as { table: unknown }).table).amounts.granted).toBe('533333.34');
    await handler.execute(correction, { actor: 'sekretariat' });
    const document = await documents.build({ kind: 'allocation', caseNumber: '22.25' }, null);
    const table = (
      document.content as { table: { corrections: { scope: string; asRecorded: string; standing: string; caseNumbers: string[] }[] } }
    ).table;
    expect(barnOgUnge(table).amounts).toMatchObject({ granted: '1200000.00', grantedAsRecorded: '533333.34', carried: '1200000.00' });
    expect(table.corrections).toEqual([
      expect.objectContaining({ scope: 'initiative:samba', asRecorded: '333333.34', standing: '1000000.00', caseNumbers: ['22.25'] }),
    ]);
    const html = (await writeDocument(documents, document, 'html')).bytes.toString('utf8');
    expect(html.replace(/\u00a0/g, ' ')).toContain(
      'SAMBA (BUP Tynset og Nord-Østerdal): tildelt 2024 ble ført med kr 333 333,34 og er rettet ved sak 22.25 til kr 1 000 000',
    );
  });

  it('publishes the grant in the 360Giving export at the amount that stands, saying what the correction changed', async () => {
    const { handler, reader, store } = await ledgerOn(storeOf());
    const documents = new DocumentService(store, reader, { funderOrganisationId: 'XI-TEST' });
    const sambaGrant = async () => {
      const document = await documents.build({ kind: 'grants' }, null);
      const json = JSON.parse((await writeDocument(documents, document, '360giving-json')).bytes.toString('utf8')) as {
        grants: { id: string; amountAwarded: number; description: string }[];
      };
      return json.grants.find((grant) => grant.id === 'XI-TEST-g2024-samba')!;
    };
    // Before: the three-year plan as awarded, 333 333,34 a year.
    expect((await sambaGrant()).amountAwarded).toBe(1000000);
    await handler.execute(correction, { actor: 'sekretariat' });
    const corrected = await sambaGrant();
    // After: 1 000 000 in 2024, the later instalments dropped, as the correction says.
    expect(corrected.amountAwarded).toBe(1000000);
    expect(corrected.description.replace(/\u00a0/g, ' ')).toContain(
      'Rettet etter at 2024 ble avsluttet: 2024 ført med kr 333 333,34, står med kr 1 000 000.',
    );
  });
});

async function samba(reader: LedgerReader, year: number) {
  const balances = await reader.balances(year);
  const area = balances.programmeAreas.find((candidate) => candidate.id === 'barn-og-unge')!;
  return area.initiatives.find((row) => row.id === 'samba')!.figures;
}
