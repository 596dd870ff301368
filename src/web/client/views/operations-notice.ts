import { get, type Session } from '../api.js';
import { h } from '../dom.js';
import { formatDate } from '../../../shared/format.js';
import { lang, t } from '../i18n/index.js';

/**
 * What the secretariat and the auditors are told of the ledger's upkeep, from
 * /api/health: a banner while the log does not hold to its signed checkpoints (nothing
 * is signed until operations act), and when the last backup was made.
 */
interface OperationsHealth {
  checkpoints?: { state: string };
  lastBackup?: { madeAt: string; events: number } | null;
}

function when(iso: string): string {
  const time = new Intl.DateTimeFormat(lang() === 'nb' ? 'nb-NO' : 'en-GB', {
    timeZone: 'Europe/Oslo',
    hour: '2-digit',
    minute: '2-digit',
  });
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date(iso));
  return `${formatDate(date)} ${lang() === 'nb' ? 'kl. ' : ''}${time.format(new Date(iso))}`;
}

function fill(box: HTMLElement, health: OperationsHealth): void {
  const children: HTMLElement[] = [];
  if (health.checkpoints?.state === 'refused')
    children.push(
      h(
        'div',
        { class: 'asof-banner operations-banner', role: 'alert', id: 'checkpoints-refused' },
        h(
          'div',
          { class: 'banner-inner' },
          h('span', { class: 'banner-icon', 'aria-hidden': 'true' }, '⚠'),
          h('p', null, h('strong', null, t('checkpointsRefused'))),
        ),
      ),
    );
  const backup = health.lastBackup;
  children.push(
    h(
      'p',
      { class: 'operations-backup', id: 'last-backup' },
      backup ? t('lastBackup', { when: when(backup.madeAt), events: backup.events }) : t('noBackup'),
    ),
  );
  box.replaceChildren(...children);
}

/** The notice for accounts that may read the event log; null for the others. Filled when /api/health answers. */
export function operationsNotice(session: Session | null): HTMLElement | null {
  if (!session || !session.permissions.includes('read:events')) return null;
  // A landmark of its own, so everything on the page stays within one (an aside beside the header and main).
  const box = h('aside', { class: 'operations-notice', id: 'operations-notice', 'aria-label': t('operationsLabel') });
  get<OperationsHealth>('/api/health').then(
    (health) => fill(box, health),
    () => box.replaceChildren(),
  );
  return box;
}
