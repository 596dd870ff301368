import { commandRequest } from '../commands.js';
import { get, type Registry } from '../api.js';
import { h } from '../dom.js';
import { field } from '../fields.js';
import { commandForm, disclosure } from '../forms.js';
import { t } from '../i18n/index.js';
import { organisation } from '../organisation.js';
import { badge, nb, noticeBox, pageHeading, sectionWithId, type Ctx } from '../ui.js';
import { openingImport } from './setup-import.js';

/**
 * The first run: the secretariat takes the ledger into use, step by step — who keeps it
 * (the organisation, its committee, its 360Giving identifier), the programme areas and
 * initiatives (from the sheet, or by hand in the registry), the opening balance from its
 * own spreadsheet (previewed in full before anything is recorded), and the other users.
 * Each step says whether it is done; the overview leads here while the ledger has not
 * recorded its organisation.
 */

/** The overview's pointer to the first run, for those who may record, while the ledger is empty or has not recorded who keeps it. */
export function setupNotice(ctx: Ctx, empty: boolean): HTMLElement | null {
  const recorded = organisation() !== null;
  if (!ctx.writable || !ctx.can('write:commands') || (recorded && !empty)) return null;
  return noticeBox(
    h(
      'p',
      null,
      `${empty ? `${t('setupNoticeEmpty')} ` : ''}${recorded ? '' : `${t('setupNotice')} `}`,
      h('a', { href: '/setup', id: 'setup-link' }, t('setupLink')),
    ),
    'warning',
  );
}

const stepBadge = (done: boolean) => badge(done ? 'done' : 'pending', done ? t('stepDone') : t('stepToDo'));

function organisationStep(ctx: Ctx): HTMLElement {
  const current = organisation();
  const name = field({ label: t('organisationName'), name: 'name', required: true, hint: t('organisationNameHint'), value: current?.name });
  const committee = field({
    label: t('committeeName'),
    name: 'committeeName',
    required: true,
    hint: t('committeeNameHint'),
    value: current?.committeeName,
  });
  const funder = field({
    label: t('funderIdentifier'),
    name: 'funderIdentifier',
    hint: t('funderIdentifierHint'),
    value: current?.funderIdentifier ?? undefined,
  });
  const form = commandForm(ctx, {
    id: 'organisation-form',
    parts: [name, committee, funder],
    submitLabel: t('saveOrganisation'),
    command: () =>
      commandRequest(
        'SetOrganisation',
        {},
        {
          name: name.value(),
          committeeName: committee.value(),
          ...(funder.value() === '' ? {} : { funderIdentifier: funder.value() }),
        },
      ),
    done: () => ({ text: t('organisationSaved', { name: name.value() }), anchor: 'step-registry' }),
  });
  return sectionWithId(
    'step-organisation',
    t('stepOrganisation'),
    stepBadge(current !== null),
    h('p', { class: 'hint' }, t('organisationIntro')),
    current
      ? h(
          'div',
          null,
          h('p', null, t('organisationRecorded', { name: current.name, committee: current.committeeName })),
          disclosure(t('changeOrganisation'), current.name, form),
        )
      : form,
  );
}

function registryStep(ctx: Ctx, registry: Registry): HTMLElement {
  const counts = { areas: registry.programmeAreas.length, initiatives: registry.initiatives.length };
  return sectionWithId(
    'step-registry',
    t('stepRegistry'),
    stepBadge(counts.initiatives > 0),
    h('p', null, t('registryFromSheet')),
    h('p', null, t('registryCounts', counts)),
    h('p', null, h('a', { href: ctx.href('/registry') }, t('toRegistry'))),
  );
}

function accountsStep(): HTMLElement {
  const line = (label: string, command: string) => h('li', null, label, ' ', h('code', null, command));
  return sectionWithId(
    'step-accounts',
    t('stepAccounts'),
    h('p', null, t('accountsIntro')),
    h(
      'ul',
      null,
      line(t('accountsMember'), 'npx ledger user add kari --role member --member leder --name "Kari Nordmann"'),
      line(t('accountsAuditor'), 'npx ledger user add revisor --role auditor --name "Revisjonen"'),
      line(t('accountsReader'), 'npx ledger user add ola --role reader --name "Ola Nordmann"'),
    ),
  );
}

export async function setupView(ctx: Ctx): Promise<Node[]> {
  const [registry, { years }] = await Promise.all([get<Registry>('/api/registry'), get<{ years: number[] }>('/api/years')]);
  const current = organisation();
  return [
    ...pageHeading(ctx, t('setupTitle'), t('setupIntro')),
    current ? h('p', null, nb(`${current.name} · ${current.committeeName}`)) : null,
    organisationStep(ctx),
    registryStep(ctx, registry),
    sectionWithId(
      'step-opening',
      t('stepOpening'),
      stepBadge(years.length > 0),
      years.length > 0 ? h('p', null, t('openingDone', { years: years.join(', ') })) : null,
      openingImport(ctx),
    ),
    accountsStep(),
    h('p', null, h('a', { href: ctx.href('/'), class: 'button button-secondary' }, t('toOverview'))),
  ].filter((node): node is HTMLElement => node !== null);
}
