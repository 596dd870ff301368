import { caseYearRefusal, type CaseYearRefusal } from '../../../domain/case-year.js';
import { ApiProblem, get, type CaseDetail, type FrameReport, type Registry } from '../api.js';
import { closedYears, type ClosedYears } from '../closed-years.js';
import { h } from '../dom.js';
import { dateField, type Field } from '../fields.js';
import { todayInOslo } from '../format.js';
import { formatDate } from '../../../shared/format.js';
import { t } from '../i18n/index.js';
import { figureLink, money, nb, noticeBox, pageHeading, type Ctx } from '../ui.js';
import { adoptionSection } from './case-adoption.js';
import { authorisedGrantsSection } from './case-grants.js';
import { moneySection } from './case-money.js';
import { proposalsSection, recommendationSection } from './case-proposals.js';
import { resolutionSection } from './case-resolution.js';
import { votesSection } from './case-votes.js';
import { caseStatus } from './cases.js';
import { caseDocuments } from './document-links.js';

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

export async function caseView(ctx: Ctx, params: string[]): Promise<Node[]> {
  const caseNumber = params[0]!;
  let detail: CaseDetail;
  try {
    detail = await get<CaseDetail>(`/api/cases/${caseNumber}`, {}, ctx.asOf);
  } catch (error: unknown) {
    if (error instanceof ApiProblem && error.status === 404)
      return [...pageHeading(ctx, `${t('caseColumn')} ${caseNumber}`), noticeBox(t('caseNotFound'), 'warning')];
    throw error;
  }
  const [registry, frame, closed] = await Promise.all([
    ctx.can('read:registry') ? get<Registry>('/api/registry', {}, ctx.asOf) : Promise.resolve(null),
    get<FrameReport>(`/api/years/${detail.year}/frame`, {}, ctx.asOf).catch(() => null),
    closedYears(ctx),
  ]);
  const writer = ctx.can('write:commands') && ctx.writable;
  // The rule the votes and the adoption are refused by (src/domain/case-year.ts): the page offers nothing it would end.
  const shut = caseYearRefusal(detail.caseNumber, (year) => (closed.closed.has(year) ? 'closed' : null));
  const page: CasePage = { ctx, detail, registry, frame, secretariat: writer && shut === null, writer, closed, shut };
  ctx.setTitle(t('caseTitle', { n: detail.caseNumber, title: detail.title }));
  const nodes: Node[] = [
    h('h1', { tabindex: '-1', id: 'page-title' }, `${t('caseColumn')} ${detail.caseNumber}: `, nb(detail.title)),
    h(
      'p',
      { class: 'lead case-meta' },
      t('caseMeta', { date: formatDate(detail.meetingDate), year: detail.year }),
      ' ',
      caseStatus(detail.adopted !== null, detail.resolution !== null),
    ),
  ];
  if (ctx.can('write:commands') && !ctx.writable) nodes.push(noticeBox(t('writeHiddenAsOf')));
  if (shut && ctx.writable && (ctx.can('write:commands') || ctx.can('write:own-vote'))) nodes.push(shutNotice(page, shut));
  nodes.push(proposalsSection(page), recommendationSection(page), resolutionSection(page), votesSection(page));
  const open = detail.resolution !== null && detail.adopted === null;
  if (page.secretariat && open) nodes.push(adoptionSection(page));
  if (page.secretariat && detail.adopted !== null) nodes.push(authorisedGrantsSection(page));
  nodes.push(moneySection(page));
  nodes.push(caseDocuments(ctx, detail.caseNumber));
  return nodes;
}

/** A year field's check: a closed year (or one before a closed year) takes nothing more. */
export function openYearCheck(page: CasePage): (value: string) => string | null {
  return (value) => (page.closed.shut(Number(value)) ? t('yearClosedField', { year: value }) : null);
}

/** Why nothing more is decided in the case, and where its year's money is corrected instead. */
function shutNotice(page: CasePage, shut: CaseYearRefusal): HTMLElement {
  const { year } = shut.details;
  const later = page.closed.firstOpenAfter(year);
  const words =
    shut.code === 'year-closed'
      ? t('caseYearClosed', { year, n: page.detail.caseNumber })
      : t('caseLaterYearClosed', { year, later: year + 1, n: page.detail.caseNumber });
  const path = page.closed.closed.has(year)
    ? [
        ' ',
        t('caseCorrectionPath', { year, later }),
        ' ',
        h('a', { href: page.ctx.href(`/years/${later}`) + '#prior-year' }, t('goToCorrections', { year: later })),
      ]
    : [];
  return noticeBox(h('span', { id: 'case-closed-notice' }, words, ...path), 'info');
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
