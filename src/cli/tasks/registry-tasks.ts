import { InvalidArgumentError } from '@commander-js/extra-typings';
import type { Values } from '../values.js';
import { type TaskOption, type TaskSpec, task } from './task.js';
import { authorityOption, initiativeArgument, reasonOption } from './task-parts.js';

/** The registry's task verbs: programme areas, initiatives, partners, committee members, the quorum. */

/** The adopted point that decided an initiative's end or restart. */
const decidedBy = (required: boolean) =>
  authorityOption(['vedtakspunktet som avgjorde det, som 22.25/1', 'the adopted point that decided it, such as 22.25/1'], required);

const nameOption = (description: readonly [string, string]): TaskOption => ({
  flags: '--name <name>',
  description,
  fields: ['name'],
  required: true,
});

export const registryTasks: readonly TaskSpec[] = [
  task({
    type: 'RegisterProgrammeArea',
    path: ['programme-area', 'add'],
    summary: ['registrer et programområde', 'register a programme area (programområde)'],
    args: [
      {
        name: 'id',
        description: [
          'id-en: små bokstaver, sifre og bindestreker, som barn-og-unge',
          'its id: lower-case letters, digits and dashes, such as barn-og-unge',
        ],
        field: 'programmeAreaId',
      },
    ],
    options: [nameOption(['navnet', 'its name'])],
    examples: ['ledger programme-area add barn-og-unge --name "Barn og unge"'],
    build: ([programmeAreaId], options) => ({ programmeAreaId, name: options.name }),
  }),
  task({
    type: 'RegisterInitiative',
    path: ['initiative', 'add'],
    summary: ['registrer en satsning i et programområde', 'register an initiative (satsning) in a programme area'],
    args: [{ name: 'id', description: ['id-en, som vip', 'its id, such as vip'], field: 'initiativeId' }],
    options: [
      nameOption(['navnet', 'its name']),
      {
        flags: '--area <programme-area>',
        description: ['programområdet den hører til (se ledger list areas)', 'the programme area it belongs to (see ledger list areas)'],
        fields: ['programmeAreaId'],
        required: true,
      },
      {
        flags: '--criterion <criterion>',
        description: ['drift, utvikling eller bredding', 'drift, utvikling or bredding'],
        fields: ['criterion'],
        required: true,
        choices: ['drift', 'utvikling', 'bredding'],
      },
      {
        flags: '--phase <phase>',
        description: ['oppstart, innsikt, løsning eller drift', 'oppstart, innsikt, løsning or drift'],
        fields: ['phase'],
        required: true,
        choices: ['oppstart', 'innsikt', 'løsning', 'drift'],
      },
      {
        flags: '--from-proposal <NN.YY/proposal>',
        description: [
          'innspillet om en ny satsning den registreres fra, som 22.25/p25-psykisk-helse-voksne (se ledger case 22.25)',
          'the proposal of a new initiative it is registered from, such as 22.25/p25-psykisk-helse-voksne (see ledger case 22.25)',
        ],
        fields: ['fromProposal'],
        parse: parseProposalLink,
      },
    ],
    examples: [
      'ledger initiative add vip --name "VIP (very important patient)" --area barn-og-unge --criterion utvikling --phase oppstart --date 2025-01-02',
      'ledger initiative add psykisk-helse-voksne --name "Psykisk helse voksne" --area voksne --criterion utvikling --phase innsikt --from-proposal 22.25/p25-psykisk-helse-voksne --date 2025-09-18',
    ],
    build: ([initiativeId], options) => ({
      initiativeId,
      name: options.name,
      programmeAreaId: options.area,
      criterion: options.criterion,
      phase: options.phase,
      ...(options.fromProposal ? { fromProposal: options.fromProposal } : {}),
    }),
  }),
  task({
    type: 'ChangeInitiativePhase',
    path: ['initiative', 'phase'],
    summary: ['endre fasen til en satsning', "change an initiative's phase"],
    args: [
      initiativeArgument('id'),
      { name: 'phase', description: ['oppstart, innsikt, løsning eller drift', 'oppstart, innsikt, løsning or drift'], field: 'phase' },
    ],
    examples: ['ledger initiative phase vip drift'],
    build: ([initiativeId, phase]) => ({ initiativeId, phase }),
  }),
  task({
    type: 'EndInitiative',
    path: ['initiative', 'end'],
    summary: [
      'merk en satsning som avsluttet fra --date: ingenting nytt for den fra da av',
      'mark an initiative dropped or finished as of --date: nothing new for it from then on',
    ],
    description: [
      'Merker en satsning som avsluttet (aktivitet utgår / avsluttet) fra --date (må oppgis): ingen tildeling, forhøyelse eller forbruk fra den dagen; det den har igjen frigjøres med «ledger initiative drop» eller ved avregningen.',
      'Marks an initiative dropped or finished (aktivitet utgår / avsluttet) as of --date (required): no grant, raised instalment or spending from that day; what it has left is released by `ledger initiative drop` or at the settlement.',
    ],
    args: [initiativeArgument('id')],
    options: [reasonOption(), decidedBy(false)],
    examples: ['ledger initiative end samordne-digitale-initiativ --reason "Aktiviteten utgår" --date 2025-09-01'],
    build: ([initiativeId], options) => ({
      initiativeId,
      reason: options.reason,
      ...(options.authority ? { authority: options.authority } : {}),
    }),
  }),
  task({
    type: 'RestartInitiative',
    path: ['initiative', 'restart'],
    summary: ['start en avsluttet satsning igjen etter vedtak i komiteen', 'restart a dropped initiative by a decision of the committee'],
    args: [initiativeArgument('id')],
    options: [reasonOption(), decidedBy(true)],
    examples: ['ledger initiative restart samordne-digitale-initiativ --authority 05.26/2 --reason "Videreføres" --date 2026-03-12'],
    build: ([initiativeId], options) => ({ initiativeId, reason: options.reason, authority: options.authority }),
  }),
  task({
    type: 'RegisterPartner',
    path: ['partner', 'add'],
    summary: ['registrer en partner i helsefellesskapet', 'register a partner of the health partnership'],
    args: [{ name: 'id', description: ['id-en, som si', 'its id, such as si'], field: 'partnerId' }],
    options: [
      nameOption(['navnet', 'its name']),
      {
        flags: '--kind <kind>',
        description: ['hva slags partner', 'what kind of partner'],
        fields: ['kind'],
        required: true,
        choices: ['municipalities', 'health-region', 'municipality', 'hospital-trust', 'division'],
      },
    ],
    examples: ['ledger partner add si --name "Sykehuset Innlandet" --kind hospital-trust'],
    build: ([partnerId], options) => ({ partnerId, name: options.name, kind: options.kind }),
  }),
  task({
    type: 'RegisterCommitteeMember',
    path: ['member', 'add'],
    summary: ['registrer et medlem av SSU', 'register a member of the strategic committee (SSU)'],
    args: [{ name: 'id', description: ['medlemmets id, som leder', 'the member id, such as leder'], field: 'memberId' }],
    options: [
      nameOption(['medlemmets navn eller rolle', "the member's name or role"]),
      {
        flags: '--partner <partner>',
        description: [
          'partneren medlemmet representerer (se ledger list partners)',
          'the partner the member represents (see ledger list partners)',
        ],
        fields: ['partnerId'],
        required: true,
      },
    ],
    examples: ['ledger member add leder --name "Leder SSU" --partner kommunene'],
    build: ([memberId], options) => ({ memberId, name: options.name, partnerId: options.partner }),
  }),
  task({
    type: 'SetQuorum',
    path: ['quorum', 'set'],
    summary: [
      'sett hvor mange medlemmer som må delta for at SSU kan vedta',
      'set how many members must take part for the committee to decide',
    ],
    args: [
      {
        name: 'members',
        description: ['antall medlemmer, som 4', 'the number of members, such as 4'],
        field: 'quorum',
        parse: (text, values) => values.whole(text),
      },
    ],
    examples: ['ledger quorum set 4'],
    build: ([quorum]) => ({ quorum }),
  }),
];

/** `22.25/p25-vip`: a case and a proposal in it. */
function parseProposalLink(text: string, values: Values): { caseNumber: string; proposalId: string } {
  const [caseNumber = '', proposalId = ''] = text.split('/');
  if (proposalId === '')
    throw new InvalidArgumentError(
      values.say(
        'Skriv saken og innspillet som NN.ÅÅ/ID, som 22.25/p25-vip.',
        'Write the case and the proposal as NN.YY/ID, such as 22.25/p25-vip.',
      ),
    );
  return { caseNumber: values.caseNumber(caseNumber), proposalId };
}
