import { existsSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { InvalidStoredEventError, parseStoredEvent } from '../../events/catalogue.js';
import { LedgerView } from '../../projections/ledger-view.js';
import { balancesReport, frameReport } from '../../projections/queries.js';
import { ImportRejectedError, checkExportSource, exportedEvents } from '../app/transfer.js';
import type { Ledger } from '../ledger.js';
import { hasLogChain, type IntegrityProblem } from '../store/port.js';
import { auditLog, type AuditReport } from '../trust/audit.js';
import { readCheckpoints, type Checkpoint } from '../trust/checkpoints.js';
import { keyIdOf, loadPublicKey } from '../trust/signing-key.js';
import { UsageError, type CliContext } from './verb.js';

/**
 * `ledger verify [export.ndjson] [--checkpoints FILE --public-key FILE]`: checks the
 * store (or an export) — every hash chain, the log chain, the positions, the seals of
 * closed years, the projections against a recomputation — and, given the auditor's
 * checkpoints and public key, that the log is the one the checkpoints signed.
 */
interface Verdict {
  ok: boolean;
  problems: string[];
  notes: string[];
  summary: string;
  details: Record<string, unknown>;
}

/** Checks beside the log's own (the accounts file's demo accounts). */
export type VerifyExtension = (context: CliContext, ledger: Ledger | null) => Promise<{ problems: string[]; notes: string[] }>;

export interface VerifyOptions {
  checkpoints?: string | undefined;
  publicKey?: string | undefined;
}

/** Verifies the store (or the export file given) and reports; the exit code. */
export async function verifyLedger(
  context: CliContext,
  exportFile: string | undefined,
  options: VerifyOptions,
  extensions: VerifyExtension[] = [],
): Promise<number> {
  const signed = signedCheckpointsOf(options);
  const verdict = exportFile === undefined ? await verifyStore(context, signed) : await verifyExport(exportFile, signed);
  for (const extension of extensions) {
    const extra = await extension(context, exportFile === undefined ? await context.readOnlyLedger() : null);
    verdict.problems.push(...extra.problems);
    verdict.notes.push(...extra.notes);
  }
  verdict.ok = verdict.problems.length === 0;
  // Which key the checkpoints were held to, whatever the outcome: the auditor compares it with the fingerprint they were given.
  if (signed) verdict.details.keyId = keyIdOf(signed.publicKey);
  if (signed && !verdict.ok)
    verdict.notes.push(`sjekkpunktene ble kontrollert med nøkkelen med fingeravtrykk ${keyIdOf(signed.publicKey)}`);
  report(context, verdict);
  return verdict.ok ? 0 : 1;
}

function signedCheckpointsOf(options: VerifyOptions): { list: Checkpoint[]; publicKey: KeyObject } | undefined {
  const { checkpoints: file, publicKey: key } = options;
  if (file === undefined && key === undefined) return undefined;
  if (file === undefined || key === undefined) throw new UsageError('give --checkpoints FILE and --public-key FILE together');
  if (!existsSync(file)) throw Object.assign(new Error(file), { code: 'ENOENT', path: file });
  return { list: readCheckpoints(file), publicKey: loadPublicKey(key) };
}

async function verifyStore(context: CliContext, signed: ReturnType<typeof signedCheckpointsOf>): Promise<Verdict> {
  const ledger = await context.readOnlyLedger();
  const integrity = await ledger.store.verifyIntegrity();
  const projectionProblems = integrity.ok ? await recomputeProjections(ledger) : [];
  // The seals are read from the events, so only from a log whose chains hold; the checkpoints always.
  const audit =
    integrity.ok || signed
      ? await readableAudit(() =>
          auditLog(ledger.store.readAll(), { recomputeHashes: signed !== undefined, ...(signed ? { checkpoints: signed } : {}) }),
        )
      : emptyAudit;
  return {
    ok: false,
    problems: [...integrity.problems.map(describeProblem), ...projectionProblems, ...audit.problems],
    notes: [
      ...(hasLogChain(ledger.store)
        ? []
        : [
            'lagringen har ingen loggkjede (skrevet før den ble innført, eller fjernet); med --checkpoints og --public-key regnes den ut fra hendelsene',
          ]),
      ...audit.notes,
    ],
    summary: `${integrity.eventsChecked} hendelser i ${integrity.streamsChecked} strømmer; hash-kjedene og loggkjeden er hele, ${sealsLine(audit)}, og projeksjonene stemmer med en ny beregning fra loggen${checkpointsLine(audit, signed)}.`,
    details: { integrity, projectionProblems, audit },
  };
}

const emptyAudit: AuditReport = {
  ok: true,
  problems: [],
  notes: [],
  eventsChecked: 0,
  yearsSealed: 0,
  checkpointsChecked: 0,
  coveredPosition: 0,
  lastPosition: 0,
  logHead: { position: 0, hash: '' },
};

/** An audit that could not read the log to its end is a problem, named, not a crash. */
async function readableAudit(run: () => Promise<AuditReport>): Promise<AuditReport> {
  try {
    return await run();
  } catch (error: unknown) {
    if (!(error instanceof SyntaxError)) throw error;
    return { ...emptyAudit, ok: false, problems: [`the log cannot be read to its end for the audit: ${error.message}`] };
  }
}

async function verifyExport(file: string, signed: ReturnType<typeof signedCheckpointsOf>): Promise<Verdict> {
  const problems: string[] = [];
  try {
    checkExportSource({ file });
  } catch (error: unknown) {
    if (!(error instanceof ImportRejectedError)) throw error;
    problems.push(...error.problems);
  }
  const audit = await readableAudit(() =>
    auditLog(exportedEvents({ file }), { recomputeHashes: true, ...(signed ? { checkpoints: signed } : {}) }),
  );
  problems.push(...audit.problems);
  return {
    ok: false,
    problems,
    notes: audit.notes,
    summary: `eksporten ${file}: ${audit.eventsChecked} hendelser; manifest, hash-kjedene og loggkjeden stemmer, ${sealsLine(audit)}${checkpointsLine(audit, signed)}.`,
    details: { export: file, audit },
  };
}

const sealsLine = (audit: AuditReport) => `forseglingen av ${audit.yearsSealed} lukkede år holder`;
const checkpointsLine = (audit: AuditReport, signed: ReturnType<typeof signedCheckpointsOf>) =>
  signed
    ? `; ${audit.checkpointsChecked} signerte sjekkpunkter holder, og de dekker posisjon 1–${audit.coveredPosition} (nøkkelens fingeravtrykk ${keyIdOf(signed.publicKey)})`
    : '';

function describeProblem(problem: IntegrityProblem): string {
  return `${problem.stream}${problem.revision !== undefined ? `@${problem.revision}` : ''}${problem.position !== undefined ? ` (posisjon ${problem.position})` : ''}: ${problem.problem}`;
}

/** Every event through the full catalogue into a fresh view, compared with the projections as they start. */
async function recomputeProjections(ledger: Ledger): Promise<string[]> {
  const problems: string[] = [];
  let started = true;
  try {
    await ledger.runner.start();
  } catch (error: unknown) {
    if (!(error instanceof InvalidStoredEventError)) throw error;
    problems.push(`the projections cannot be built: ${error.message}`);
    started = false;
  }
  const fresh = new LedgerView();
  // Every event through the full catalogue (the rebuild's lean read checks data only):
  // one it refuses is named here, and the recomputation goes on without it.
  for await (const record of ledger.store.readAll()) {
    let event: ReturnType<typeof parseStoredEvent>;
    try {
      event = parseStoredEvent(record);
    } catch (error: unknown) {
      if (!(error instanceof InvalidStoredEventError)) throw error;
      problems.push(error.message);
      continue;
    }
    fresh.apply(event);
  }
  const current = ledger.runner.view;
  const years = started ? new Set([...fresh.years.keys(), ...current.years.keys()]) : new Set<number>();
  for (const year of years) {
    if (JSON.stringify(frameReport(fresh, year)) !== JSON.stringify(frameReport(current, year)))
      problems.push(`the ${year} frame differs from a recomputation from the log`);
    if (JSON.stringify(balancesReport(fresh, year)) !== JSON.stringify(balancesReport(current, year)))
      problems.push(`the ${year} balances differ from a recomputation from the log`);
  }
  return problems;
}

function report(context: CliContext, verdict: Verdict): void {
  const { io } = context;
  if (context.json) {
    io.stdout.write(
      `${JSON.stringify({ ok: verdict.ok, problems: verdict.problems, notes: verdict.notes, ...verdict.details }, null, 2)}\n`,
    );
    return;
  }
  if (verdict.ok) io.stdout.write(`OK: ${verdict.summary}\n`);
  for (const note of verdict.notes) io.stdout.write(`Merk: ${note}\n`);
  if (!verdict.ok)
    io.stderr.write(
      `ledger: verification failed: ${verdict.problems.length} problem(s)\n${verdict.problems.map((problem) => `  ${problem}`).join('\n')}\n`,
    );
}
