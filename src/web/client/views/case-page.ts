import { caseYearRefusal, type CaseYearRefusal } from '../../../domain/case-year.js';
import { ApiProblem, get, type CaseDetail, type FrameReport, type Registry } from '../api.js';
import { closedYears } from '../closed-years.js';
import { h } from '../dom.js';
import { formatDate } from '../../../shared/format.js';
import { t } from '../i18n/index.js';
import { nb, noticeBox, pageHeading, type Ctx } from '../ui.js';
import { adoptionSection } from './case-adoption.js';
import { authorisedGrantsSection } from './case-grants.js';
import { moneySection } from './case-money.js';
import { proposalsSection, recommendationSection } from './case-proposals.js';
import { resolutionSection } from './case-resolution.js';
import { votesSection } from './case-votes.js';
import { caseStatus } from './cases.js';
import { caseDocuments } from './document-links.js';
import type { CasePage } from './case-parts.js';

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
