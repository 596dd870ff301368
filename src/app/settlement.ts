import { isDomainError } from '../domain/errors.js';
import type { CommandHandler, RecordedEvent } from './command-handler.js';
import { IdempotencyKeyReusedError } from './errors.js';

export interface SettlementOutcome {
  year: number;
  /** True when the year was already settled: nothing was appended this time. */
  alreadySettled: boolean;
  events: RecordedEvent[];
}

/**
 * Run after a settlement has recorded its events (not when the year was already
 * settled). A composition root wires it: the server and the CLI sign a checkpoint of
 * the log there. The settlement is recorded whatever the hook does.
 */
export type AfterSettlement = (outcome: SettlementOutcome) => Promise<void>;

/**
 * The year-end job. It settles a year through the ordinary rules (so it refuses
 * what they refuse) as of its effective date (default today) under the fixed
 * idempotency key `settle-YEAR`: run twice, whatever the dates, the second run
 * appends nothing and says the year was already settled.
 */
export async function settleYear(
  handler: CommandHandler,
  year: number,
  context: {
    actor: string;
    effectiveDate?: string;
    correlationId?: string;
    expectedRevision?: number | null;
    afterSettlement?: AfterSettlement | undefined;
  },
): Promise<SettlementOutcome> {
  const outcome = await settle(handler, year, context);
  if (!outcome.alreadySettled && context.afterSettlement) await context.afterSettlement(outcome);
  return outcome;
}

async function settle(
  handler: CommandHandler,
  year: number,
  context: { actor: string; effectiveDate?: string; correlationId?: string; expectedRevision?: number | null },
): Promise<SettlementOutcome> {
  try {
    const result = await handler.execute(
      {
        type: 'SettleYear',
        year,
        idempotencyKey: `settle-${year}`,
        ...(context.effectiveDate ? { effectiveDate: context.effectiveDate } : {}),
      },
      {
        actor: context.actor,
        ...(context.correlationId ? { correlationId: context.correlationId } : {}),
        ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
      },
    );
    return { year, alreadySettled: result.replayed, events: result.events };
  } catch (error: unknown) {
    // The year is closed, or its settlement (key settle-YEAR) is in the log already under another date.
    if ((isDomainError(error) && error.code === 'year-closed') || error instanceof IdempotencyKeyReusedError)
      return { year, alreadySettled: true, events: [] };
    throw error;
  }
}
