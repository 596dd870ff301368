/**
 * When a year may be settled: on a day that has come, on or after 31 December of the
 * year, not before the last thing that took effect in it, and not before the previous
 * year's settlement. One pure rule, compiled into the server (the settlement command
 * throws what it returns) and into the page (which refuses such a date before it asks
 * to confirm), so the two never disagree.
 */

export interface SettlementDateFacts {
  year: number;
  /** The date the settlement would take effect, `YYYY-MM-DD`. */
  effectiveDate: string;
  /** Today in Oslo; a settlement, like every decision, never takes effect later. */
  today: string;
  /** The latest day anything took effect in the year (null: nothing has). */
  lastChangeOn: string | null;
  /** When the year before was settled (null: it was not). */
  previousSettledOn: string | null;
}

export type SettlementDateRefusal =
  | { code: 'effective-date-in-future'; message: string; details: { effectiveDate: string; today: string } }
  | { code: 'settlement-before-year-end'; message: string; details: { year: number; effectiveDate: string; earliest: string } }
  | { code: 'settlement-before-last-event'; message: string; details: { year: number; effectiveDate: string; lastEventOn: string } }
  | {
      code: 'settlement-before-previous';
      message: string;
      details: { year: number; effectiveDate: string; previousSettledOn: string };
    };

/** The first date a settlement of the year can take effect on (it may still lie after today). */
export function earliestSettlementDate(facts: Omit<SettlementDateFacts, 'effectiveDate' | 'today'>): string {
  return [`${facts.year}-12-31`, facts.lastChangeOn, facts.previousSettledOn].reduce<string>(
    (latest, date) => (date !== null && date > latest ? date : latest),
    `${facts.year}-12-31`,
  );
}

/** Why a settlement cannot take effect on that date, or null when it can. */
export function settlementDateRefusal(facts: SettlementDateFacts): SettlementDateRefusal | null {
  const { year, effectiveDate, today, lastChangeOn, previousSettledOn } = facts;
  if (effectiveDate > today)
    return {
      code: 'effective-date-in-future',
      message: `a decision takes effect on a day that has come; ${effectiveDate} is after today (${today})`,
      details: { effectiveDate, today },
    };
  const yearEnd = `${year}-12-31`;
  if (effectiveDate < yearEnd)
    return {
      code: 'settlement-before-year-end',
      message: `${year} is settled on or after ${yearEnd}, not ${effectiveDate}`,
      details: { year, effectiveDate, earliest: yearEnd },
    };
  if (lastChangeOn !== null && effectiveDate < lastChangeOn)
    return {
      code: 'settlement-before-last-event',
      message: `something in ${year} took effect ${lastChangeOn}; the settlement cannot be dated ${effectiveDate}`,
      details: { year, effectiveDate, lastEventOn: lastChangeOn },
    };
  if (previousSettledOn !== null && effectiveDate < previousSettledOn)
    return {
      code: 'settlement-before-previous',
      message: `${year - 1} was settled ${previousSettledOn}; ${year} cannot be settled before it`,
      details: { year, effectiveDate, previousSettledOn },
    };
  return null;
}
