/**
 * The tally rule: how the committee's votes decide a point. One module, compiled into
 * both the server (which refuses an adoption the votes do not carry) and the page
 * (which shows the tally beside the adoption form), so the two cannot disagree.
 *
 * Each member's last vote on a point counts. A blank vote is cast, but for no choice.
 * - consensus: no vote is against the adopted choice (blank votes and no votes at all are fine);
 * - unanimous: every vote cast is for it (a blank vote is not);
 * - majority: it has more votes than any other choice.
 * The dissent is every member whose vote (not blank) went against the adopted choice.
 */

type TallyChoice = { alternativeNumber: number } | { answer: 'yes' | 'no' | 'blank' };
export type DecisionRule = 'consensus' | 'unanimous' | 'majority';

export interface TallyVote {
  memberId: string;
  pointNumber: number;
  choice: TallyChoice;
}

/** What the committee decided on a point: adopted (with the alternative chosen, if any) or rejected. */
export interface PointOutcome {
  number: number;
  outcome: 'adopted' | 'rejected';
  alternativeNumber?: number | undefined;
}

/** The votes on one point: how many for each choice key (`yes`, `no`, `alt:2`), and blank. */
export interface PointTally {
  pointNumber: number;
  counts: Record<string, number>;
  blank: number;
}

/** The key a choice is counted under; null for a blank vote. */
function choiceKey(choice: TallyChoice): string | null {
  if ('alternativeNumber' in choice) return `alt:${choice.alternativeNumber}`;
  return choice.answer === 'blank' ? null : choice.answer;
}

/** The key of the choice an outcome stands for: `yes`, `no`, or `alt:N`; `none` for a rejected point with alternatives. */
export function outcomeKey(point: PointOutcome, hasAlternatives: boolean): string {
  if (hasAlternatives)
    return point.outcome === 'adopted' && point.alternativeNumber !== undefined ? `alt:${point.alternativeNumber}` : 'none';
  return point.outcome === 'adopted' ? 'yes' : 'no';
}

/** The tally of a point from the members' last votes. */
export function tallyPoint(votes: readonly TallyVote[], pointNumber: number): PointTally {
  const counts: Record<string, number> = {};
  let blank = 0;
  for (const vote of votes) {
    if (vote.pointNumber !== pointNumber) continue;
    const key = choiceKey(vote.choice);
    if (key === null) blank += 1;
    else counts[key] = (counts[key] ?? 0) + 1;
  }
  return { pointNumber, counts, blank };
}

/** Why the votes do not carry an outcome under a rule, or null when they do. */
export function tallyObjection(tally: PointTally, chosen: string, rule: DecisionRule): string | null {
  const forIt = tally.counts[chosen] ?? 0;
  const others = Object.entries(tally.counts).filter(([key]) => key !== chosen);
  const against = others.reduce((total, [, count]) => total + count, 0);
  if (rule === 'consensus') return against === 0 ? null : `${against} vote(s) went against it; a consensus has no vote against`;
  if (rule === 'unanimous') {
    if (against > 0) return `${against} vote(s) went against it; a unanimous decision has every vote for it`;
    return tally.blank === 0 ? null : `${tally.blank} vote(s) were blank; a unanimous decision has every vote for it`;
  }
  const strongest = others.reduce((most, [, count]) => Math.max(most, count), 0);
  return forIt > strongest
    ? null
    : `it has ${forIt} vote(s) and another choice has ${strongest}; a majority needs more votes than any other choice`;
}

/** The members whose votes (not blank) went against the chosen outcome of a point. */
export function dissentOf(votes: readonly TallyVote[], pointNumber: number, chosen: string): string[] {
  return votes
    .filter((vote) => vote.pointNumber === pointNumber)
    .filter((vote) => {
      const key = choiceKey(vote.choice);
      return key !== null && key !== chosen;
    })
    .map((vote) => vote.memberId)
    .sort();
}
