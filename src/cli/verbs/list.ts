import { Argument } from '@commander-js/extra-typings';
import type { RegistryView } from '../../../projections/ledger-view.js';
import type { LedgerReader } from '../../app/ledger-reader.js';
import { formatDate } from '../../shared/format.js';
import { table } from '../format.js';
import { examples, helpGroups, type CliContext, type CliVerb } from '../verb.js';

/**
 * `ledger list initiatives|members|areas|partners|cases`: the ids the other verbs take, with
 * the names they stand for, so a secretary need not remember that VIP is `vip`.
 */

const kinds = ['initiatives', 'members', 'areas', 'partners', 'cases'] as const;
type Kind = (typeof kinds)[number];

export const listVerb: CliVerb = (cli) => {
  const { say } = cli;
  cli.program
    .command('list')
    .helpGroup(helpGroups(say).lists)
    .summary(
      say(
        'id-ene og navnene: initiatives, members, areas, partners, cases',
        'the ids and their names: initiatives, members, areas, partners, cases',
      ),
    )
    .description(
      say(
        'Id-ene de andre kommandoene tar, med navnene de står for: satsninger (med programområde og fase), SSU-medlemmer (med partner), programområder, partnere og saker.',
        'The ids the other verbs take, with the names they stand for: initiatives (with programme area and phase), committee members (with partner), programme areas, partners and cases.',
      ),
    )
    .addArgument(new Argument('<what>', say('hva som vises', 'what to list')).choices(kinds))
    .addHelpText('after', examples(say, 'ledger list initiatives', 'ledger list members --json', 'ledger list cases'))
    .action(cli.action(async (context, what) => list(context, what)));
};

async function list(context: CliContext, what: Kind): Promise<void> {
  const ledger = await context.ledger();
  if (what === 'cases') return listCases(context, await ledger.reader.cases(null));
  const { registry } = await ledger.reader.view();
  const lists: Record<Exclude<Kind, 'cases'>, () => void> = {
    initiatives: () => listInitiatives(context, registry),
    members: () => listMembers(context, registry),
    areas: () => {
      const rows = byId(registry.programmeAreas).map(([id, area]) => ({ programmeAreaId: id, name: area.name }));
      if (context.json) return context.printJson(rows);
      context.print(
        table(
          [{ header: 'Id' }, { header: 'Programområde', max: 60 }],
          rows.map((row) => [row.programmeAreaId, row.name]),
        ),
      );
    },
    partners: () => {
      const rows = byId(registry.partners).map(([id, partner]) => ({ partnerId: id, name: partner.name, kind: partner.kind }));
      if (context.json) return context.printJson(rows);
      context.print(
        table(
          [{ header: 'Id' }, { header: 'Partner', max: 60 }, { header: 'Type' }],
          rows.map((row) => [row.partnerId, row.name, row.kind]),
        ),
      );
    },
  };
  lists[what]();
}

const byId = <T>(entries: Iterable<[string, T]>) => [...entries].sort(([a], [b]) => a.localeCompare(b, 'nb'));

function listCases(context: CliContext, cases: Awaited<ReturnType<LedgerReader['cases']>>): void {
  const rows = cases.map((item) => ({
    caseNumber: item.caseNumber,
    meetingDate: item.meetingDate,
    title: item.title,
    decided: item.decided,
  }));
  if (context.json) return context.printJson(rows);
  context.print(
    table(
      [{ header: 'Sak' }, { header: 'Møte' }, { header: 'Tittel', max: 70 }, { header: 'Status' }],
      rows.map((row) => [row.caseNumber, formatDate(row.meetingDate), row.title, row.decided ? 'vedtatt' : 'åpen']),
    ),
  );
}

function listInitiatives(context: CliContext, registry: RegistryView): void {
  const rows = byId(registry.initiatives).map(([id, initiative]) => ({
    initiativeId: id,
    name: initiative.name,
    programmeAreaId: initiative.programmeAreaId,
    programmeArea: registry.programmeAreas.get(initiative.programmeAreaId)?.name ?? initiative.programmeAreaId,
    criterion: initiative.criterion,
    phase: initiative.phase,
  }));
  if (context.json) return context.printJson(rows);
  context.print(
    table(
      [
        { header: 'Id' },
        { header: 'Satsning', max: 60 },
        { header: 'Programområde', max: 40 },
        { header: 'Kriterium' },
        { header: 'Fase' },
      ],
      rows.map((row) => [row.initiativeId, row.name, row.programmeArea, row.criterion, row.phase]),
    ),
  );
}

function listMembers(context: CliContext, registry: RegistryView): void {
  const rows = byId(registry.members).map(([id, member]) => ({
    memberId: id,
    name: member.name,
    partnerId: member.partnerId,
    partner: registry.partners.get(member.partnerId)?.name ?? member.partnerId,
  }));
  if (context.json) return context.printJson(rows);
  context.print(
    table(
      [{ header: 'Id' }, { header: 'Medlem', max: 60 }, { header: 'Partner', max: 50 }],
      rows.map((row) => [row.memberId, row.name, row.partner]),
    ),
  );
}
