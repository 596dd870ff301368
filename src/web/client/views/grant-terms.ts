import type { Grant } from '../api.js';
import { h } from '../dom.js';
import { formatDate } from '../../../shared/format.js';
import { t } from '../i18n/index.js';

/** A grant's conditions and reporting date as facts of its card (nothing when it has neither). */
export function grantTermsFacts(grant: Grant): HTMLElement[] {
  const facts: HTMLElement[] = [];
  if (grant.conditions.length > 0)
    facts.push(
      h('dt', null, t('conditionsLabel')),
      h(
        'dd',
        null,
        h(
          'ul',
          { class: 'grant-conditions' },
          ...grant.conditions.map((condition) =>
            h(
              'li',
              null,
              condition.text,
              condition.dueOn ? h('span', { class: 'sub' }, ` (${t('conditionDue', { date: formatDate(condition.dueOn) })})`) : null,
            ),
          ),
        ),
      ),
    );
  if (grant.reportDueOn) facts.push(h('dt', null, t('reportDueLabel')), h('dd', null, formatDate(grant.reportDueOn)));
  return facts;
}
