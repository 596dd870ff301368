import { z } from 'zod';
import {
  PointAuthoritySchema,
  RecommendationTargetSchema,
  ResolutionPointSchema,
  type AllocationLine,
  type PointAuthority,
  type ResolutionPoint,
} from '../../events/case-events.js';
import { CaseNumberSchema } from '../../events/identifiers.js';
import { AmountSchema, YearSchema } from '../../events/money.js';
import { recommendationKey, type CaseState, type ProposalRecord } from './case.js';
import { DomainError } from '../domain/errors.js';
import { canonicalAmount } from '../domain/money.js';
import type { RegistryState } from '../registry/registry.js';
import { requireInitiative } from '../registry/registry-rules.js';
import { defineCommand } from '../commands/define.js';
import { REGISTRY, caseRef } from '../commands/state-refs.js';
import { requireCaseInPreparation, yearFigureReads } from './case-rules.js';
import { requireOpenYear } from '../year/year-rules.js';

/** The secretariat's recommendation, and the proposed resolution (forslag til vedtak). */

export const recordRecommendation = defineCommand({
  type: 'RecordRecommendation',
  shape: {
    caseNumber: CaseNumberSchema,
    year: YearSchema,
    lines: z
      .array(z.strictObject({ target: RecommendationTargetSchema, amountRecommended: AmountSchema }))
      .min(1, { error: 'a recommendation needs at least one line' })
      .max(500),
  },
  target: (command) => caseRef(command.caseNumber),
  reads: (command) => [REGISTRY, ...yearFigureReads(command.year)],
  decide(command, states, context) {
    const { state } = requireCaseInPreparation(states, command.caseNumber, context.effectiveDate);
    requireOpenYear(states, command.year);
    requireTargets(
      command.lines.map((line) => ({ target: line.target, year: command.year })),
      state,
      states.registry(),
      'the recommendation',
      context.effectiveDate,
    );
    const lines = command.lines.map((line) => ({ target: line.target, amountRecommended: canonicalAmount(line.amountRecommended) }));
    return [{ type: 'RecommendationRecorded', data: { caseNumber: state.caseNumber, year: command.year, lines } }];
  },
  http: { path: '/api/cases/:caseNumber/recommendations', summary: "Record the secretariat's recommendation", tag: 'cases' },
});

/** A point as the secretariat proposes it: it must say what money, if any, it authorises. */
const ProposedPointSchema = ResolutionPointSchema.extend({ authorises: PointAuthoritySchema });

export const proposeResolution = defineCommand({
  type: 'ProposeResolution',
  shape: {
    caseNumber: CaseNumberSchema,
    points: z.array(ProposedPointSchema).min(1, { error: 'a proposed resolution needs at least one point' }).max(50),
  },
  target: (command) => caseRef(command.caseNumber),
  reads: () => [REGISTRY],
  decide(command, states, context) {
    const { state } = requireCaseInPreparation(states, command.caseNumber, context.effectiveDate);
    if (state.resolution)
      throw new DomainError('resolution-already-proposed', `case ${state.caseNumber} already has a proposed resolution`, {
        caseNumber: state.caseNumber,
      });
    checkPoints(command.points);
    for (const point of command.points) checkAuthority(point, state, states.registry(), context.effectiveDate);
    return [{ type: 'ResolutionProposed', data: { caseNumber: state.caseNumber, points: command.points.map(canonicalPoint) } }];
  },
  http: { path: '/api/cases/:caseNumber/resolution', summary: 'Propose the resolution (forslag til vedtak)', tag: 'cases' },
});

function canonicalPoint(point: ResolutionPoint): ResolutionPoint {
  const alternatives = point.alternatives.map((alternative) => ({
    ...alternative,
    amount: alternative.amount === null ? null : canonicalAmount(alternative.amount),
  }));
  return { ...point, alternatives, ...(point.authorises ? { authorises: canonicalAuthority(point.authorises) } : {}) };
}

function canonicalAuthority(authorises: PointAuthority): PointAuthority {
  if (authorises.kind !== 'allocation') return authorises;
  return { ...authorises, lines: authorises.lines.map((line) => ({ ...line, amount: canonicalAmount(line.amount) })) };
}

function checkPoints(points: readonly ResolutionPoint[]): void {
  const numbers = new Set<number>();
  for (const point of points) {
    if (numbers.has(point.number))
      throw new DomainError('invalid-resolution', `point ${point.number} appears twice`, {
        pointNumber: point.number,
        problem: 'point-twice',
      });
    numbers.add(point.number);
    if (point.alternatives.length === 1)
      throw new DomainError('invalid-resolution', `point ${point.number} has one alternative; a choice needs two or more`, {
        pointNumber: point.number,
        problem: 'one-alternative',
      });
    if (new Set(point.alternatives.map((alternative) => alternative.number)).size !== point.alternatives.length)
      throw new DomainError('invalid-resolution', `point ${point.number} repeats an alternative number`, {
        pointNumber: point.number,
        problem: 'alternative-twice',
      });
  }
}

/** What a point authorises must make sense: a reserve fund chooses among amounts; a table names what exists. */
function checkAuthority(point: ResolutionPoint, state: CaseState, registry: RegistryState, effectiveDate: string): void {
  const authorises = point.authorises;
  if (!authorises || authorises.kind === 'none') return;
  if (authorises.kind === 'reserve-fund') {
    if (!point.alternatives.some((alternative) => alternative.amount !== null && canonicalAmount(alternative.amount) !== '0.00'))
      throw new DomainError(
        'invalid-resolution',
        `point ${point.number} sets up a reserve fund, but none of its alternatives names an amount`,
        {
          pointNumber: point.number,
          problem: 'fund-without-amount',
        },
      );
    return;
  }
  if (point.alternatives.length > 0)
    throw new DomainError(
      'invalid-resolution',
      `point ${point.number} authorises grants; its amounts come from a table, not from alternatives`,
      {
        pointNumber: point.number,
        problem: 'grants-with-alternatives',
      },
    );
  if (authorises.kind === 'allocation') requireTargets(authorises.lines, state, registry, `point ${point.number}`, effectiveDate);
}

/** Every line names a registered initiative or a proposal of this case submitted by its date, once per year. */
export function requireTargets(
  lines: readonly Pick<AllocationLine, 'target' | 'year'>[],
  state: CaseState,
  registry: RegistryState,
  what: string,
  effectiveDate: string,
): void {
  const seen = new Set<string>();
  for (const line of lines) {
    const key = recommendationKey(line.year, line.target);
    if (seen.has(key))
      throw new DomainError('duplicate-recommendation-line', `${what} names ${key.split('|')[1]} twice for ${line.year}`, {
        year: line.year,
        ...line.target,
      });
    seen.add(key);
    if ('initiativeId' in line.target) requireInitiative(registry, line.target.initiativeId);
    else requireProposalBy(state, line.target.proposalId, effectiveDate, what);
  }
}

/** A proposal of this case that was submitted by `effectiveDate`: what rests on it never precedes it. */
function requireProposalBy(state: CaseState, proposalId: string, effectiveDate: string, what: string): ProposalRecord {
  const proposal = state.proposals.get(proposalId);
  if (!proposal)
    throw new DomainError('unknown-proposal', `proposal ${proposalId} is not in case ${state.caseNumber}`, {
      caseNumber: state.caseNumber,
      proposalId,
    });
  if (effectiveDate < proposal.submittedOn)
    throw new DomainError(
      'before-proposal',
      `proposal ${proposalId} was submitted ${proposal.submittedOn}; ${what} cannot rest on it as of ${effectiveDate}`,
      { caseNumber: state.caseNumber, proposalId, submittedOn: proposal.submittedOn, effectiveDate },
    );
  return proposal;
}
