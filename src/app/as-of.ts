/**
 * As of when a query answers: an effective date (what had taken effect by the end
 * of that day, whenever it was recorded) or a log position (what had been recorded
 * up to that event).
 */
export type AsOf = { date: string } | { position: number };
