import type { CaseYearRefusal } from '../../../domain/case-year.js';
import type { CaseDetail, FrameReport, Registry } from '../api.js';
import type { ClosedYears } from '../closed-years.js';
import { h } from '../dom.js';
import { dateField, type Field } from '../fields.js';
import { todayInOslo } from '../format.js';
import { t } from '../i18n/index.js';
import { figureLink, money, type Ctx } from '../ui.js';

/**
 * What the sections of a case page share (the page itself is case-page.ts, which puts the
 * sections together): the page's data, default dates and names.
 */

/** What the parts of a case page share: the case, the registry and the year's figures. */
export interface CasePage {
  ctx: Ctx;
  detail: CaseDetail;
  registry: Registry | null;
  /** The year's figures, so a case total that is the year's total links to its explanation. */
  frame: FrameReport | null;
  /** May this account record the secretariat's commands in this case now: not in an as-of view, nor once its year is closed? */
  secretariat: boolean;
  /** May this account record the secretariat's commands at all (not in an as-of view)? */
  writer: boolean;
  /** Which years are closed: the case's own year decides whether it can still be decided, a grant's whether it can change. */
  closed: ClosedYears;
  /** Why nothing more is decided in the case (its year, or the next, is closed), or null. */
  shut: CaseYearRefusal | null;
}

/** A year field's check: a closed year (or one before a closed year) takes nothing more. */
export function openYearCheck(page: CasePage): (value: string) => string | null {
  return (value) => (page.closed.shut(Number(value)) ? t('yearClosedField', { year: value }) : null);
}

/** Today, or the meeting's date once it has been: what a vote or the adoption is dated by default. */
export function meetingDecisionDate(detail: CaseDetail): string {
  const today = todayInOslo();
  return detail.meetingDate <= today ? detail.meetingDate : today;
}

/** The date preparations of the case are dated by default: today, or the meeting's date when that has passed. */
export function preparationDate(detail: CaseDetail): string {
  return meetingDecisionDate(detail);
}

/** What the resolution authorises is dated by default at its adoption. */
export function decisionDate(detail: CaseDetail): string {
  return detail.adopted?.effectiveDate ?? meetingDecisionDate(detail);
}

export function effectiveDateField(date: string, hint?: string): Field {
  return dateField({
    label: t('effectiveDate'),
    name: 'effectiveDate',
    date,
    hint: `${hint ?? t('effectiveDateHint')} (${t('asOfHint')})`,
  });
}

/**
 * A total of the case's rows. It is a figure of the ledger, and links to its
 * explanation, when it is the year's total of that figure; otherwise it is a sum of the
 * rows above (computed exactly in øre).
 */
export function caseTotal(page: CasePage, figure: string, year: number, total: string): HTMLElement {
  if (page.frame && page.frame.year === year && page.frame.figures[figure] === total)
    return figureLink(page.ctx, { year, figure, scope: 'total', amount: total });
  return h('span', { class: 'amount' }, money(total));
}

export function memberName(page: CasePage, memberId: string): string {
  return (
    page.registry?.members.find((member) => member.memberId === memberId)?.name ??
    page.detail.votes.find((vote) => vote.memberId === memberId)?.memberName ??
    memberId
  );
}

export function initiativeName(page: CasePage, initiativeId: string): string {
  return page.registry?.initiatives.find((initiative) => initiative.initiativeId === initiativeId)?.name ?? initiativeId;
}

/** The scope of a recommendation's or allocation's line: its initiative, or the new initiative's proposal. */
export function targetScope(target: { initiativeId: string } | { proposalId: string }): string {
  return 'initiativeId' in target ? `initiative:${target.initiativeId}` : `proposal:${target.proposalId}`;
}

export function targetName(page: CasePage, target: { initiativeId: string } | { proposalId: string }): string {
  if ('initiativeId' in target) return initiativeName(page, target.initiativeId);
  return page.detail.proposals.find((proposal) => proposal.proposalId === target.proposalId)?.name ?? target.proposalId;
}

/** The points the resolution adopted, each with what the meeting decided on it. */
export function adoptedPoints(page: CasePage) {
  const adopted = page.detail.adopted?.points ?? [];
  return (page.detail.resolution?.points ?? []).flatMap((point) => {
    const outcome = adopted.find((item) => item.number === point.number && item.outcome === 'adopted');
    return outcome ? [{ point, outcome }] : [];
  });
}
