import type { Phase } from '../../../../events/identifiers.js';
import type { CommandBody } from '../../../commands/edges.js';
import { commandRequest } from '../commands.js';
import { get, type Registry } from '../api.js';
import { h } from '../dom.js';
import { dateField, field } from '../fields.js';
import { slugOf, todayInOslo } from '../format.js';
import { commandForm, disclosure } from '../forms.js';
import { t } from '../i18n/index.js';
import { nb, noticeBox, pageHeading, sectionWithId, table, type Ctx } from '../ui.js';
import { initiativeForm, phaseField } from './register-initiative.js';

/** What decisions are about and who decides: programme areas and initiatives, partners, committee members and the quorum. */

const PARTNER_KINDS = ['municipalities', 'health-region', 'municipality', 'hospital-trust', 'division'] as const;

function nameAndId(nameLabel: string, idLabel: string, idPath: string) {
  const name = field({ label: nameLabel, name: 'name', path: 'name', required: true, lang: 'nb' });
  const id = field({ label: idLabel, name: idPath, path: idPath, kind: 'id', required: true, hint: t('idHint') });
  name.control.addEventListener('input', () => {
    if (!id.control.dataset.touched) id.control.value = slugOf(name.control.value);
  });
  id.control.addEventListener('input', () => (id.control.dataset.touched = 'true'));
  return { name, id };
}

function areaForm(ctx: Ctx): HTMLFormElement {
  const { name, id } = nameAndId(t('programmeAreaNameLabel'), t('programmeAreaIdLabel'), 'programmeAreaId');
  return commandForm(ctx, {
    id: 'programme-area-form',
    title: t('registerAreaHeading'),
    parts: [name, id],
    submitLabel: t('registerAreaSubmit'),
    command: () => commandRequest('RegisterProgrammeArea', {}, { programmeAreaId: id.value(), name: name.value() }),
    done: () => ({ text: t('registered', { name: name.value() }), anchor: 'areas' }),
  });
}

function phaseForm(ctx: Ctx, initiative: Registry['initiatives'][number]): HTMLFormElement {
  const phase = phaseField(initiative.phase, t('newPhaseLabel'));
  return commandForm(ctx, {
    id: `phase-${initiative.initiativeId}`,
    parts: [phase],
    submitLabel: t('changePhaseSubmit'),
    command: () => commandRequest('ChangeInitiativePhase', { initiativeId: initiative.initiativeId }, { phase: phase.value() as Phase }),
    done: () => ({
      text: t('phaseChanged', {
        name: initiative.name,
        phase: (phase.control as HTMLSelectElement).selectedOptions[0]?.textContent ?? phase.value(),
      }),
      anchor: 'areas',
    }),
  });
}

function areasSection(ctx: Ctx, registry: Registry, writable: boolean): HTMLElement {
  const rows = registry.programmeAreas.flatMap((area) => [
    h(
      'tr',
      { class: 'area-row', 'data-area': area.programmeAreaId },
      h(
        'th',
        { scope: 'row', class: 'group-name', colspan: writable ? '4' : '3' },
        nb(area.name),
        h('span', { class: 'sub' }, ` (${area.programmeAreaId})`),
      ),
    ),
    ...registry.initiatives
      .filter((initiative) => initiative.programmeAreaId === area.programmeAreaId)
      .map((initiative) =>
        h(
          'tr',
          { 'data-initiative': initiative.initiativeId },
          h('th', { scope: 'row', class: 'item-name' }, nb(initiative.name), h('span', { class: 'sub' }, ` (${initiative.initiativeId})`)),
          h('td', null, initiative.criterion),
          h('td', null, initiative.phase),
          writable ? h('td', null, disclosure(t('changePhase'), initiative.name, phaseForm(ctx, initiative))) : null,
        ),
      ),
  ]);
  return sectionWithId(
    'areas',
    t('areasHeading'),
    registry.programmeAreas.length === 0
      ? h('p', null, t('noAreas'))
      : table(
          t('areasCaption'),
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('nameColumn')),
            h('th', { scope: 'col' }, t('criterionLabel')),
            h('th', { scope: 'col' }, t('phaseLabel')),
            writable ? h('th', { scope: 'col' }, t('actionColumn')) : null,
          ),
          rows,
          undefined,
          { id: 'areas-table' },
        ),
    writable ? areaForm(ctx) : null,
    writable && registry.programmeAreas.length > 0
      ? initiativeForm(ctx, registry, {
          id: 'initiative-form',
          title: t('registerInitiativeTitle'),
          effectiveDate: todayInOslo(),
          anchor: 'areas',
        })
      : null,
  );
}

function partnersSection(ctx: Ctx, registry: Registry, writable: boolean): HTMLElement {
  const { name, id } = nameAndId(t('partnerNameLabel'), t('partnerIdLabel'), 'partnerId');
  const kind = field({
    label: t('partnerKindLabel'),
    name: 'kind',
    path: 'kind',
    options: PARTNER_KINDS.map((value) => ({ value, label: t(`partnerKind_${value}`) })),
  });
  const kindName = (value: string) =>
    (PARTNER_KINDS as readonly string[]).includes(value) ? t(`partnerKind_${value as (typeof PARTNER_KINDS)[number]}`) : value;
  return sectionWithId(
    'partners',
    t('partnersHeading'),
    registry.partners.length === 0
      ? h('p', null, t('noPartners'))
      : table(
          t('partnersCaption'),
          h('tr', null, h('th', { scope: 'col' }, t('nameColumnPlain')), h('th', { scope: 'col' }, t('partnerKindLabel'))),
          registry.partners.map((partner) =>
            h(
              'tr',
              { 'data-partner': partner.partnerId },
              h('th', { scope: 'row' }, nb(partner.name), h('span', { class: 'sub' }, ` (${partner.partnerId})`)),
              h('td', null, kindName(partner.kind)),
            ),
          ),
          undefined,
          { id: 'partners-table' },
        ),
    writable
      ? commandForm(ctx, {
          id: 'partner-form',
          title: t('registerPartnerHeading'),
          parts: [name, id, kind],
          submitLabel: t('registerPartnerSubmit'),
          command: () =>
            commandRequest(
              'RegisterPartner',
              {},
              { partnerId: id.value(), name: name.value(), kind: kind.value() as CommandBody<'RegisterPartner'>['kind'] },
            ),
          done: () => ({ text: t('registered', { name: name.value() }), anchor: 'partners' }),
        })
      : null,
  );
}

function memberForm(ctx: Ctx, registry: Registry): HTMLFormElement {
  const { name, id } = nameAndId(t('memberNameLabel'), t('memberIdLabel'), 'memberId');
  const partner = field({
    label: t('memberPartnerLabel'),
    name: 'partnerId',
    path: 'partnerId',
    required: true,
    options: [
      { value: '', label: t('choosePartnerOption') },
      ...registry.partners.map((item) => ({ value: item.partnerId, label: item.name, lang: 'nb' })),
    ],
  });
  const from = dateField({ label: t('memberFromLabel'), name: 'effectiveDate', date: todayInOslo(), hint: t('memberFromHint') });
  return commandForm(ctx, {
    id: 'member-form',
    title: t('registerMemberHeading'),
    intro: t('registerMemberIntro'),
    parts: [name, id, partner, from],
    submitLabel: t('registerMemberSubmit'),
    command: () =>
      commandRequest(
        'RegisterCommitteeMember',
        {},
        { memberId: id.value(), name: name.value(), partnerId: partner.value(), effectiveDate: from.parsed() },
      ),
    done: () => ({ text: t('registered', { name: name.value() }), anchor: 'members' }),
  });
}

function quorumForm(ctx: Ctx, registry: Registry): HTMLFormElement {
  const quorum = field({
    label: t('quorumLabel'),
    name: 'quorum',
    path: 'quorum',
    kind: 'integer',
    required: true,
    value: registry.quorum === null ? '' : String(registry.quorum),
    hint: t('quorumFieldHint', { members: registry.members.length }),
  });
  return commandForm(ctx, {
    id: 'quorum-form',
    title: t('setQuorumHeading'),
    parts: [quorum],
    submitLabel: t('setQuorumSubmit'),
    command: () => commandRequest('SetQuorum', {}, { quorum: Number(quorum.value()) }),
    done: () => ({ text: t('quorumSet', { quorum: quorum.value() }), anchor: 'members' }),
  });
}

function membersSection(ctx: Ctx, registry: Registry, writable: boolean): HTMLElement {
  const partnerName = (id: string) => registry.partners.find((partner) => partner.partnerId === id)?.name ?? id;
  return sectionWithId(
    'members',
    t('membersHeading'),
    h(
      'p',
      { id: 'quorum-text' },
      registry.quorum === null ? t('quorumUnset') : t('quorumText', { quorum: registry.quorum, members: registry.members.length }),
    ),
    registry.members.length === 0
      ? h('p', null, t('noMembers'))
      : table(
          t('membersCaption'),
          h('tr', null, h('th', { scope: 'col' }, t('memberColumn')), h('th', { scope: 'col' }, t('memberPartnerLabel'))),
          registry.members.map((member) =>
            h(
              'tr',
              { 'data-member': member.memberId },
              h('th', { scope: 'row' }, nb(member.name), h('span', { class: 'sub' }, ` (${member.memberId})`)),
              h('td', null, nb(partnerName(member.partnerId))),
            ),
          ),
          undefined,
          { id: 'members-table' },
        ),
    writable && registry.partners.length > 0 ? memberForm(ctx, registry) : null,
    writable && registry.members.length > 0 ? quorumForm(ctx, registry) : null,
  );
}

export async function registryView(ctx: Ctx): Promise<Node[]> {
  const registry = await get<Registry>('/api/registry', {}, ctx.asOf);
  const writable = ctx.can('write:commands') && ctx.writable;
  return [
    ...pageHeading(ctx, t('registryTitle'), t('registryIntro')),
    ...(ctx.can('write:commands') && !ctx.writable ? [noticeBox(t('writeHiddenAsOf'))] : []),
    areasSection(ctx, registry, writable),
    partnersSection(ctx, registry, writable),
    membersSection(ctx, registry, writable),
  ];
}
