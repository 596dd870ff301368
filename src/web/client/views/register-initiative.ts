import type { Criterion, Phase } from '../../../../events/identifiers.js';
import { commandRequest } from '../commands.js';
import { command, type Registry } from '../api.js';
import { h, uid } from '../dom.js';
import { dateField, field, type Field } from '../fields.js';
import { slugOf } from '../format.js';
import { button, fieldsIn, resultRegion, showProblem, submitting } from '../forms.js';
import { validate } from '../fields.js';
import { t } from '../i18n/index.js';
import type { Ctx } from '../ui.js';
import { preparationDate, type CasePage } from './case-parts.js';

/** The fields of an initiative: its criterion and phase, as the registry's forms and the case page ask them. */
function criterionField(): Field {
  return field({
    label: t('criterionLabel'),
    name: 'criterion',
    path: 'criterion',
    options: [
      { value: 'utvikling', label: t('criterionUtvikling') },
      { value: 'drift', label: t('criterionDrift') },
      { value: 'bredding', label: t('criterionBredding') },
    ],
  });
}

export function phaseField(value?: string, label = t('phaseLabel')): Field {
  return field({
    label,
    name: 'phase',
    path: 'phase',
    options: [
      { value: 'oppstart', label: t('phaseOppstart') },
      { value: 'innsikt', label: t('phaseInnsikt') },
      { value: 'løsning', label: t('phaseLosning') },
      { value: 'drift', label: t('phaseDrift') },
    ],
    ...(value ? { value } : {}),
  });
}

const NEW = '__new__';

/** The programme area of a new initiative: one registered, or a new one named here (registered first). */
function areaFields(registry: Registry | null) {
  const area = field({
    label: t('programmeAreaLabel'),
    name: 'programmeAreaId',
    path: 'programmeAreaId',
    required: true,
    options: [
      { value: '', label: t('chooseProgrammeArea') },
      ...(registry?.programmeAreas ?? []).map((item) => ({ value: item.programmeAreaId, label: item.name, lang: 'nb' })),
      { value: NEW, label: t('newProgrammeAreaOption') },
    ],
  });
  const newName = field({ label: t('newProgrammeAreaName'), name: 'newProgrammeAreaName', path: 'name', required: true, lang: 'nb' });
  const newId = field({
    label: t('newProgrammeAreaId'),
    name: 'newProgrammeAreaId',
    path: 'programmeAreaId',
    kind: 'id',
    required: true,
    hint: t('idHint'),
  });
  const box = h('div', { class: 'new-area', hidden: true }, newName.wrapper, newId.wrapper);
  newName.control.addEventListener('input', () => {
    if (!newId.control.dataset.touched) newId.control.value = slugOf(newName.control.value);
  });
  newId.control.addEventListener('input', () => (newId.control.dataset.touched = 'true'));
  area.control.addEventListener('change', () => (box.hidden = area.control.value !== NEW));
  return { area, newName, newId, box };
}

/** Registers the initiative of a proposal of a new initiative, so what the resolution authorises for it can be granted. */
export function registerFromProposalForm(page: CasePage, target: { proposalId: string }): HTMLElement {
  const proposal = page.detail.proposals.find((item) => item.proposalId === target.proposalId);
  const name = proposal?.name ?? target.proposalId;
  return initiativeForm(page.ctx, page.registry, {
    id: `register-${target.proposalId}`,
    title: t('registerInitiativeHeading'),
    intro: t('registerInitiativeIntro', { name }),
    name,
    effectiveDate: preparationDate(page.detail),
    fromProposal: { caseNumber: page.detail.caseNumber, proposalId: target.proposalId },
    anchor: 'authorised',
  });
}

interface InitiativeFormOptions {
  id: string;
  title: string;
  intro?: string;
  name?: string;
  effectiveDate: string;
  fromProposal?: { caseNumber: string; proposalId: string };
  anchor: string;
}

/** The initiative's name and id; the id follows the name as typed, unless the name was given. */
function nameFields(name: string | undefined): { initiativeName: Field; initiativeId: Field } {
  const initiativeName = field({
    label: t('initiativeNameLabel'),
    name: 'initiativeName',
    path: 'name',
    required: true,
    value: name ?? '',
    lang: 'nb',
  });
  const initiativeId = field({
    label: t('initiativeIdLabel'),
    name: 'initiativeId',
    path: 'initiativeId',
    kind: 'id',
    required: true,
    hint: t('idHint'),
    value: name ? slugOf(name) : '',
  });
  if (!name) initiativeName.control.addEventListener('input', () => (initiativeId.control.value = slugOf(initiativeName.control.value)));
  return { initiativeName, initiativeId };
}

/** A form that registers an initiative (and its new programme area first, when one is named). */
export function initiativeForm(ctx: Ctx, registry: Registry | null, options: InitiativeFormOptions): HTMLElement {
  const areas = areaFields(registry);
  const { initiativeName, initiativeId } = nameFields(options.name);
  const criterion = criterionField();
  const phase = phaseField();
  // Grants to the initiative take effect on or after this date: one that existed before the
  // secretariat recorded it is registered from the date it existed.
  const from = dateField({
    label: t('initiativeFromLabel'),
    name: 'effectiveDate',
    path: 'effectiveDate',
    date: options.effectiveDate,
    hint: t('initiativeFromHint'),
  });
  const region = resultRegion();
  const submit = button(t('registerInitiativeSubmit'), { write: true });
  const headingId = uid('register-heading');
  const form = h(
    'form',
    { class: 'write-form register-initiative', 'data-write': 'true', novalidate: true, 'aria-labelledby': headingId, id: options.id },
    h('h3', { id: headingId }, options.title),
    options.intro ? h('p', { class: 'hint' }, options.intro) : null,
    areas.area.wrapper,
    areas.box,
    initiativeName.wrapper,
    initiativeId.wrapper,
    h('div', { class: 'field-row' }, criterion.wrapper, phase.wrapper),
    from.wrapper,
    region,
    h('div', { class: 'actions' }, submit),
  );
  const record = async () => {
    const effectiveDate = from.parsed();
    const programmeAreaId = await ensureArea(areas, effectiveDate);
    await command(
      commandRequest(
        'RegisterInitiative',
        {},
        {
          initiativeId: initiativeId.value(),
          name: initiativeName.value(),
          programmeAreaId,
          criterion: criterion.value() as Criterion,
          phase: phase.value() as Phase,
          effectiveDate,
          ...(options.fromProposal ? { fromProposal: options.fromProposal } : {}),
        },
      ),
    );
    ctx.refresh({ text: `${t('saved')} ${initiativeName.value()}`, kind: 'success', anchor: options.anchor });
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!validate(fieldsIn(form))) return;
    void submitting(submit, region, () => record().catch((error: unknown) => showProblem(region, error, form)));
  });
  return form;
}

/** The programme area chosen, registered first when it is a new one. */
async function ensureArea(areas: ReturnType<typeof areaFields>, effectiveDate: string): Promise<string> {
  const { area, newName, newId, box } = areas;
  if (area.value() !== NEW) return area.value();
  const programmeAreaId = newId.value();
  await command(commandRequest('RegisterProgrammeArea', {}, { programmeAreaId, name: newName.value(), effectiveDate }));
  // The area exists now: a retry of the initiative must not register it again.
  area.control.append(h('option', { value: programmeAreaId }, newName.value()));
  area.control.value = programmeAreaId;
  box.hidden = true;
  return programmeAreaId;
}
