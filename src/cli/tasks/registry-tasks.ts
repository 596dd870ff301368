import { parseCaseNumber } from '../values.js';
import { parseAuthority, parseWhole, type TaskSpec } from './task.js';

/** The registry's task verbs: programme areas, initiatives, partners, committee members, the quorum. */
export const registryTasks: readonly TaskSpec[] = [
  {
    type: 'RegisterProgrammeArea',
    path: ['programme-area', 'add'],
    summary: 'register a programme area (programområde)',
    args: [{ name: 'id', description: 'its id: lower-case letters, digits and dashes, such as barn-og-unge' }],
    options: [{ flags: '--name <name>', description: 'its name', required: true }],
    build: ([programmeAreaId], options) => ({ programmeAreaId, name: options.name }),
  },
  {
    type: 'RegisterInitiative',
    path: ['initiative', 'add'],
    summary: 'register an initiative (satsning) in a programme area',
    args: [{ name: 'id', description: 'its id, such as vip' }],
    options: [
      { flags: '--name <name>', description: 'its name', required: true },
      { flags: '--area <programme-area>', description: 'the programme area it belongs to', required: true },
      {
        flags: '--criterion <criterion>',
        description: 'drift, utvikling or bredding',
        required: true,
        choices: ['drift', 'utvikling', 'bredding'],
      },
      {
        flags: '--phase <phase>',
        description: 'oppstart, innsikt, løsning or drift',
        required: true,
        choices: ['oppstart', 'innsikt', 'løsning', 'drift'],
      },
      {
        flags: '--from-proposal <NN.YY/proposal>',
        description: 'the proposal of a new initiative it is registered from, such as 22.25/p25-psykisk-helse-voksne',
        parse: parseProposalLink,
      },
    ],
    build: ([initiativeId], options) => ({
      initiativeId,
      name: options.name,
      programmeAreaId: options.area,
      criterion: options.criterion,
      phase: options.phase,
      ...(options.fromProposal ? { fromProposal: options.fromProposal } : {}),
    }),
  },
  {
    type: 'ChangeInitiativePhase',
    path: ['initiative', 'phase'],
    summary: "change an initiative's phase",
    args: [
      { name: 'id', description: 'the initiative' },
      { name: 'phase', description: 'oppstart, innsikt, løsning or drift' },
    ],
    build: ([initiativeId, phase]) => ({ initiativeId, phase }),
  },
  {
    type: 'EndInitiative',
    path: ['initiative', 'end'],
    summary: 'mark an initiative dropped or finished as of --date: nothing new for it from then on',
    description:
      'Marks an initiative dropped or finished (aktivitet utgår / avsluttet) as of --date (required): no grant, raised instalment or spending from that day; what it has left is released by `ledger initiative drop` or at the settlement. Example: ledger initiative end samordne-digitale-initiativ --date 2025-09-01 --reason "Aktiviteten utgår"',
    args: [{ name: 'id', description: 'the initiative' }],
    options: [
      { flags: '--reason <text>', description: 'why', required: true },
      { flags: '--authority <NN.YY/point>', description: 'the adopted point that decided it, such as 22.25/1', parse: parseAuthority },
    ],
    build: ([initiativeId], options) => ({
      initiativeId,
      reason: options.reason,
      ...(options.authority ? { authority: options.authority } : {}),
    }),
  },
  {
    type: 'RestartInitiative',
    path: ['initiative', 'restart'],
    summary: 'restart a dropped initiative by a decision of the committee',
    args: [{ name: 'id', description: 'the initiative' }],
    options: [
      { flags: '--reason <text>', description: 'why', required: true },
      {
        flags: '--authority <NN.YY/point>',
        description: 'the adopted point that decided it, such as 22.25/1',
        required: true,
        parse: parseAuthority,
      },
    ],
    build: ([initiativeId], options) => ({ initiativeId, reason: options.reason, authority: options.authority }),
  },
  {
    type: 'RegisterPartner',
    path: ['partner', 'add'],
    summary: 'register a partner of the health partnership',
    args: [{ name: 'id', description: 'its id, such as si' }],
    options: [
      { flags: '--name <name>', description: 'its name', required: true },
      {
        flags: '--kind <kind>',
        description: 'what kind of partner',
        required: true,
        choices: ['municipalities', 'health-region', 'municipality', 'hospital-trust', 'division'],
      },
    ],
    build: ([partnerId], options) => ({ partnerId, name: options.name, kind: options.kind }),
  },
  {
    type: 'RegisterCommitteeMember',
    path: ['member', 'add'],
    summary: 'register a member of the strategic committee (SSU)',
    args: [{ name: 'id', description: 'the member id, such as leder' }],
    options: [
      { flags: '--name <name>', description: "the member's name or role", required: true },
      { flags: '--partner <partner>', description: 'the partner the member represents', required: true },
    ],
    build: ([memberId], options) => ({ memberId, name: options.name, partnerId: options.partner }),
  },
  {
    type: 'SetQuorum',
    path: ['quorum', 'set'],
    summary: 'set how many members must take part for the committee to decide',
    args: [{ name: 'members', description: 'the number of members, such as 4', parse: parseWhole }],
    build: ([quorum]) => ({ quorum }),
  },
];

/** `22.25/p25-vip`: a case and a proposal in it. */
function parseProposalLink(text: string): { caseNumber: string; proposalId: string } {
  const [caseNumber = '', proposalId = ''] = text.split('/');
  return { caseNumber: parseCaseNumber(caseNumber), proposalId };
}
