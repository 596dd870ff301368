import type { Grant, MoneyDecision } from '../api.js';
import { h } from '../dom.js';
import { correctionPath } from '../closed-years.js';
import { sumAmounts } from '../format.js';
import { formatDate } from '../../../shared/format.js';
import { eventTypeLabel, t, words } from '../i18n/index.js';
import { badge, caseLink, figureLink, money, nb, scopeName, sectionWithId, type Ctx } from '../ui.js';
import { initiativeName, type CasePage } from './case-parts.js';
import { grantActions } from './grant-actions.js';
import { grantTermsFacts } from './grant-terms.js';

/**
 * All the money decided under a case: each grant citing it with its plan as it stands
 * and every later change of it (plan changes, adjustments, releases), the reserve funds
 * it set aside and the draws on them, and any other decision citing it — each figure a
 * link to its explanation.
 */

/** The postings of a decision, each a link to the explanation of the figure it moved. */
function postingLinks(ctx: Ctx, decision: MoneyDecision, name: (id: string) => string): HTMLElement {
  return h(
    'ul',
    { class: 'decision-postings' },
    ...decision.postings.map((posting) =>
      h(
        'li',
        null,
        `${posting.year} · `,
        figureLink(ctx, {
          year: posting.year,
          figure: posting.figure,
          scope: posting.scope,
          amount: posting.amount,
          signed: true,
          name: scopeName(posting.scope, name),
        }),
      ),
    ),
  );
}

export function decisionItem(ctx: Ctx, decision: MoneyDecision, name: (id: string) => string): HTMLElement {
  return h(
    'li',
    { class: 'decision', 'data-event-type': decision.eventType, 'data-position': decision.position },
    h('span', { class: 'decision-date' }, formatDate(decision.effectiveDate)),
    ' ',
    h('strong', null, eventTypeLabel(decision.eventType)),
    ': ',
    h('span', null, words(decision.description)),
    decision.authority
      ? h(
          'span',
          { class: 'sub' },
          ` (${t('authorityColumn').toLowerCase()} `,
          caseLink(ctx, decision.authority.caseNumber, decision.authority.pointNumber),
          ')',
        )
      : null,
    postingLinks(ctx, decision, name),
  );
}

/** A grant's plan: each year's amount, linked to its explanation. */
function instalmentList(ctx: Ctx, grant: Grant): HTMLElement {
  const figureFor = (year: number) =>
    grant.fundedBy === 'reserve-fund' ? 'grantedFromReserve' : year === grant.year ? 'granted' : 'committed';
  return h(
    'ul',
    { class: 'instalments' },
    ...grant.instalments.map((instalment) =>
      h(
        'li',
        null,
        `${instalment.year}: `,
        figureLink(ctx, {
          year: instalment.year,
          figure: figureFor(instalment.year),
          scope: `initiative:${grant.initiativeId}`,
          amount: instalment.amount,
          name: grant.initiativeName,
        }),
      ),
    ),
  );
}

/** A grant as a card: its plan (each year's amount linked to its explanation), what it cites, its changes, and its corrections. */
export function grantCard(
  ctx: Ctx,
  grant: Grant,
  options: {
    year: number | null;
    anchor: string;
    writable: boolean;
    name: (id: string) => string;
    /** Which years of its plan can still change (a closed year, or one before a closed year, cannot). */
    isOpen: (year: number) => boolean;
    /** When its year is closed: the way to correct it in a later year. */
    correction?: HTMLElement | null;
  },
): HTMLElement {
  return h(
    'article',
    { class: 'entry grant-entry', 'data-grant': grant.grantId, 'data-initiative': grant.initiativeId, id: `grant-${grant.grantId}` },
    h(
      'h3',
      null,
      nb(grant.initiativeName),
      grant.fundedBy === 'reserve-fund' ? h('span', null, ' ', badge('info', t('fromReserveFund'))) : null,
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, t('planColumn')),
      h('dd', null, instalmentList(ctx, grant)),
      h('dt', null, t('amountTotalLabel')),
      h('dd', null, money(grant.amountTotal)),
      h('dt', null, t('authorityColumn')),
      h('dd', null, caseLink(ctx, grant.authority.caseNumber, grant.authority.pointNumber)),
      h('dt', null, t('grantedOn')),
      h('dd', null, formatDate(grant.effectiveDate)),
      ...grantTermsFacts(grant),
    ),
    grant.changes.length > 0
      ? h(
          'div',
          { class: 'changes' },
          h('h4', null, t('changesHeading')),
          h('ul', { class: 'decisions' }, ...grant.changes.map((change) => decisionItem(ctx, change, options.name))),
        )
      : null,
    options.correction ?? null,
    options.writable ? grantActions(ctx, grant, options.year, options.anchor, options.isOpen) : null,
  );
}

export function moneySection(page: CasePage): HTMLElement {
  const { ctx, detail } = page;
  const name = (id: string) => initiativeName(page, id);
  const others = detail.decisions.filter(
    (decision) =>
      decision.eventType !== 'GrantAwarded' &&
      !detail.grants.some((grant) => grant.changes.some((change) => change.eventId === decision.eventId)),
  );
  const children: Node[] = [];
  if (detail.grants.length === 0 && others.length === 0) children.push(h('p', null, t('noGrants')));
  if (detail.grants.length > 0) {
    const total = sumAmounts(detail.grants.map((grant) => grant.amountTotal));
    children.push(
      h('p', { class: 'money-total', id: 'grants-total' }, t('grantsTotal', { count: detail.grants.length, total: money(total) })),
      h(
        'div',
        { class: 'entries' },
        ...detail.grants.map((grant) => {
          // A grant changes only in open years; one of a closed year is corrected in the first open year after it.
          const correctIn = page.writer && page.closed.closed.has(grant.year) ? page.closed.firstOpenAfter(grant.year) : null;
          return grantCard(ctx, grant, {
            year: null,
            anchor: 'money',
            writable: page.writer,
            isOpen: (year) => !page.closed.shut(year),
            name,
            correction: correctionPath({ ctx, correctIn }, grant.awardEventId, grant.initiativeName),
          });
        }),
      ),
    );
  }
  if (others.length > 0)
    children.push(
      h('h3', null, t('otherDecisionsHeading')),
      h('ul', { class: 'decisions' }, ...others.map((decision) => decisionItem(ctx, decision, name))),
    );
  return sectionWithId('money', t('grantsHeading'), ...children);
}
