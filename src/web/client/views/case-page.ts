import { ApiProblem, type CaseDetail, type FrameReport, type Registry } from '../api.js';
import { h, type Child } from '../dom.js';
import { parseDateInput } from '../dates.js';
import { formatDate } from '../format.js';
import { t } from '../i18n.js';
import { field, figureLink, money, section, type Ctx, type Field } from '../ui.js';

/** What the parts of a case page share: the case, the registry and the year's figures, and small helpers. */

export interface CasePage {
  ctx: Ctx;
  detail: CaseDetail;
  registry: Registry | null;
  /** The year's figures, so a case total that is the year's total links to its explanation. */
  frame: FrameReport | null;
}

/**
 * A total of the case's rows. It is a figure of the ledger, and links to its
 * explanation, when it is the year's total of that figure; otherwise it is a sum
 * of the rows above (computed exactly in øre) and says so.
 */
export function caseTotal(page: CasePage, figure: string, year: number, total: string): HTMLElement {
  if (page.frame && page.frame.year === year && page.frame.figures[figure] === total)
    return figureLink(page.ctx, { year, figure, scope: 'total', amount: total });
  return h('span', { class: 'amount' }, money(total));
}

export function sectionWithId(id: string, title: string, ...children: Child[]): HTMLElement {
  const element = section(title, ...children);
  element.id = id;
  return element;
}

export function recommendationScope(line: CaseDetail['recommendation'][number]): string {
  return 'initiativeId' in line.target ? `initiative:${line.target.initiativeId}` : `proposal:${line.target.proposalId}`;
}

export function effectiveDateField(detail: CaseDetail): Field {
  return field({
    label: t('effectiveDate'),
    name: 'effectiveDate',
    value: formatDate(detail.meetingDate),
    hint: `${t('effectiveDateHint')} (${t('asOfHint')})`,
    required: true,
    inputmode: 'numeric',
    className: 'field-date',
    check: (value) => (parseDateInput(value) ? null : t('dateInvalid')),
  });
}

export function problemText(error: unknown): string {
  if (error instanceof ApiProblem)
    return error.code === 'network'
      ? t('networkProblem')
      : [error.detail, ...error.issues.map((issue) => `${issue.path}: ${issue.message}`)].join('; ');
  return error instanceof Error ? error.message : String(error);
}
