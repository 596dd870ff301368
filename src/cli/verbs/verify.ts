import { InvalidStoredEventError, parseStoredEvent } from '../../../events/catalogue.js';
import { LedgerView } from '../../../projections/ledger-view.js';
import { balancesReport, frameReport } from '../../../projections/queries.js';
import type { Ledger } from '../../ledger.js';
import { helpGroups, type CliVerb } from '../verb.js';

/** `ledger verify`: the hash chains, then every projection recomputed from the log and compared. */
export const verifyVerb: CliVerb = (cli) =>
  cli.program
    .command('verify')
    .helpGroup(helpGroups.yearEnd)
    .summary('check the hash chains and recompute projections from the log')
    .description(
      'Checks every hash chain and that no event was changed or removed, then recomputes every projection from the log and compares. Exits 1 naming each problem it finds.',
    )
    .action(
      cli.action(async (context) => {
        const ledger = await context.ledger();
        const integrity = await ledger.store.verifyIntegrity();
        const projectionProblems = integrity.ok ? await recomputationProblems(ledger) : [];
        const ok = integrity.ok && projectionProblems.length === 0;
        if (context.json) context.printJson({ ok, integrity, projectionProblems });
        else if (ok)
          context.print(
            `OK: ${integrity.eventsChecked} hendelser i ${integrity.streamsChecked} strømmer; hash-kjedene er hele, og projeksjonene stemmer med en ny beregning fra loggen.`,
          );
        else {
          const problems = [
            ...integrity.problems.map(
              (problem) =>
                `${problem.stream}${problem.revision !== undefined ? `@${problem.revision}` : ''}${problem.position !== undefined ? ` (posisjon ${problem.position})` : ''}: ${problem.problem}`,
            ),
            ...projectionProblems,
          ];
          context.io.stderr.write(
            `ledger: verification failed: ${problems.length} problem(s)\n${problems.map((problem) => `  ${problem}`).join('\n')}\n`,
          );
        }
        return ok ? 0 : 1;
      }),
    );

/** Where the projections differ from a fresh fold over the log, or events the catalogue refuses. */
async function recomputationProblems(ledger: Ledger): Promise<string[]> {
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
