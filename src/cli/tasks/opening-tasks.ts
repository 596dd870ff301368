import { InvalidArgumentError } from '@commander-js/extra-typings';
import { task, type TaskOption, type TaskSpec } from './task.js';
import { yearArgument } from './task-parts.js';

/** Taking the ledger into use: who keeps it, and a year's opening balance entered by hand (`open-balances import` reads a sheet). */

/** `04.25` or `04.25/1`: the case (and point) that decided money an opening balance carries in. */
export function parseCitation(text: string): { caseNumber: string; pointNumber?: number } {
  const match = /^(\d{2}\.\d{2})(?:\/(\d{1,2}))?$/.exec(text);
  if (!match) throw new InvalidArgumentError('A case is written NN.YY, or NN.YY/P with the point, such as 04.25/1.');
  return { caseNumber: match[1]!, ...(match[2] === undefined ? {} : { pointNumber: Number(match[2]) }) };
}

/** `vip=1000000` or `vip=1000000@04.25`: an initiative's earmarked money, and the case that granted it. */
function parseEarmark(text: string) {
  const match = /^([a-z0-9][a-z0-9-]*)=([^@]+)(?:@(.+))?$/.exec(text);
  if (!match)
    throw new InvalidArgumentError('Write an earmark as INITIATIVE=AMOUNT, or INITIATIVE=AMOUNT@NN.YY with the case that granted it.');
  return { initiativeId: match[1]!, amount: match[2]!, ...(match[3] === undefined ? {} : { grantedBy: parseCitation(match[3]) }) };
}

/** `vip=1000000`: what the year before granted an initiative. */
function parseGranted(text: string) {
  const match = /^([a-z0-9][a-z0-9-]*)=(.+)$/.exec(text);
  if (!match) throw new InvalidArgumentError('Write it as INITIATIVE=AMOUNT, such as vip=1000000.');
  return { initiativeId: match[1]!, amount: match[2]! };
}

/** `vip:2026=500000@04.25/1`: a later instalment of a multi-year grant, and the point that decided it. */
function parseCommitment(text: string) {
  const match = /^([a-z0-9][a-z0-9-]*):(\d{4})=([^@]+)@(\d{2}\.\d{2}\/\d{1,2})$/.exec(text);
  if (!match) throw new InvalidArgumentError('Write a commitment as INITIATIVE:YEAR=AMOUNT@NN.YY/P, such as vip:2026=500000@04.25/1.');
  const authority = parseCitation(match[4]!);
  return { initiativeId: match[1]!, year: Number(match[2]), amount: match[3]!, authority };
}

type Earmark = ReturnType<typeof parseEarmark> & { previousYearGranted?: string };

/** The earmark lines, with what the year before granted merged in by initiative. */
function earmarksOf(options: Readonly<Record<string, unknown>>): Earmark[] {
  const lines: Earmark[] = [...((options.earmark as Earmark[] | undefined) ?? [])];
  for (const granted of (options.previousGranted as ReturnType<typeof parseGranted>[] | undefined) ?? []) {
    const line = lines.find((candidate) => candidate.initiativeId === granted.initiativeId);
    if (line) line.previousYearGranted = granted.amount;
    else lines.push({ initiativeId: granted.initiativeId, amount: '0', previousYearGranted: granted.amount });
  }
  return lines;
}

function fundsOf(options: Readonly<Record<string, unknown>>) {
  if (options.received !== undefined && options.expected !== undefined)
    throw new InvalidArgumentError('Give --received or --expected, not both.');
  if (options.received !== undefined) {
    if (options.receivedOn === undefined) throw new InvalidArgumentError('--received needs --received-on, the date the funds arrived.');
    return { funds: { kind: 'received', amount: options.received, receivedOn: options.receivedOn } };
  }
  return options.expected === undefined ? {} : { funds: { kind: 'expected', amount: options.expected } };
}

const ifGiven = (name: string, value: unknown) => (value === undefined ? {} : { [name]: value });

/** An amount option, read as people write amounts. */
const amount = (flags: string, description: readonly [string, string], field: string): TaskOption => ({
  flags,
  description,
  fields: [field],
  parse: (text, values) => values.amount(text),
});

export const openingTasks: readonly TaskSpec[] = [
  task({
    type: 'SetOrganisation',
    path: ['organisation', 'set'],
    summary: [
      'registrer hvem som fører registeret: organisasjonen, komiteen og 360Giving-identifikatoren',
      'record who keeps the ledger: the organisation, its committee and its 360Giving identifier',
    ],
    description: [
      'Registrerer organisasjonen som fører registeret. Dokumentene, siden og 360Giving-eksporten tar navnet, komiteen og finansiøridentifikatoren herfra. En senere registrering erstatter den tidligere.',
      'Records the organisation that keeps the ledger. The documents, the page and the 360Giving export take its name, its committee and its funder identifier from here. A later setting replaces the earlier one.',
    ],
    options: [
      {
        flags: '--name <name>',
        description: ['organisasjonen, som helsefellesskapet', 'the organisation, such as the health partnership'],
        fields: ['name'],
        required: true,
      },
      {
        flags: '--committee <name>',
        description: ['komiteen som avgjør midlene', 'the committee that decides on the funds'],
        fields: ['committeeName'],
        required: true,
      },
      {
        flags: '--funder-id <org-id>',
        description: ['360Giving-identifikatoren, som NO-BRC-974633574', 'its 360Giving organisation identifier, such as NO-BRC-974633574'],
        fields: ['funderIdentifier'],
      },
    ],
    examples: ['ledger organisation set --name "Helsefellesskapet" --committee "Strategisk samarbeidsutvalg" --funder-id NO-BRC-974633574'],
    build: (_args, options) => ({ name: options.name, committeeName: options.committee, ...ifGiven('funderIdentifier', options.funderId) }),
  }),
  task({
    type: 'RecordOpeningBalance',
    path: ['open-balances', 'record'],
    summary: ['registrer inngående balanse for et år for hånd', 'record the opening balance of a year (inngående balanse) by hand'],
    description: [
      'Registrerer det et år starter med når registeret tas i bruk: gjenstående og frigjorte midler inn i rammen, hver satsnings øremerkede midler, fondets saldo, senere avdrag av flerårige tildelinger som alt er vedtatt, og årets midler mottatt eller forventet, med dokumentet tallene kommer fra. Det må være årets første pengehendelse, uten noe tidligere år i registeret. «ledger open-balances import» leser det samme fra et regneark.',
      "Records what a year starts with when the ledger is taken into use: the remainder and released funds carried into its frame, each initiative's earmarked money, the reserve fund's balance, later instalments of multi-year grants already decided, and the year's funds received or expected, citing the document they come from. It must be the first money of the year, with no earlier year in the ledger. `ledger open-balances import` reads the same from a spreadsheet.",
    ],
    args: [yearArgument(['året det åpner, som 2025', 'the year it opens, such as 2025'])],
    options: [
      {
        flags: '--source <document>',
        description: [
          'dokumentet tallene kommer fra, som "Vedlegg 1 til sak 22.25"',
          'the document the figures come from, such as "Vedlegg 1 til sak 22.25"',
        ],
        fields: ['source.document'],
        required: true,
      },
      {
        flags: '--source-case <NN.YY>',
        description: ['saken dokumentet hører til', 'the case the document belongs to'],
        fields: ['source.caseNumber'],
        parse: (text, values) => values.caseNumber(text),
      },
      {
        flags: '--source-date <date>',
        description: ['dokumentets dato, ÅÅÅÅ-MM-DD', "the document's date, YYYY-MM-DD"],
        fields: ['source.date'],
        required: true,
        parse: (text, values) => values.date(text),
      },
      amount(
        '--remainder <amount>',
        ['gjenstående ført inn i rammen', 'the unallocated remainder carried into the frame (gjenstående)'],
        'remainderCarriedIn',
      ),
      amount(
        '--released <amount>',
        ['frigjorte midler ført inn i rammen', 'the released funds carried into the frame (frigjort)'],
        'releasedCarriedIn',
      ),
      amount('--reserve-fund <amount>', ['fondets saldo', "the reserve fund's balance (fond)"], 'reserveFundBalance'),
      {
        flags: '--earmark <INITIATIVE=AMOUNT[@NN.YY]>',
        description: [
          'en satsnings øremerkede midler og saken som tildelte dem (gjenta)',
          "an initiative's earmarked money and the case that granted it (repeat)",
        ],
        fields: ['earmarks'],
        repeatable: true,
        parse: parseEarmark,
      },
      {
        flags: '--previous-granted <INITIATIVE=AMOUNT>',
        description: ['hva året før tildelte en satsning (gjenta)', 'what the year before granted an initiative (repeat)'],
        fields: ['earmarks'],
        repeatable: true,
        parse: parseGranted,
      },
      {
        flags: '--commitment <INITIATIVE:YEAR=AMOUNT@NN.YY/P>',
        description: ['et senere avdrag som alt er vedtatt (gjenta)', 'a later instalment already decided (repeat)'],
        fields: ['commitments'],
        repeatable: true,
        parse: parseCommitment,
      },
      amount('--received <amount>', ['årets midler, mottatt', "the year's funds, received"], 'funds.amount'),
      {
        flags: '--received-on <date>',
        description: ['dagen de kom, ÅÅÅÅ-MM-DD', 'the day they arrived, YYYY-MM-DD'],
        fields: ['funds.receivedOn'],
        parse: (text, values) => values.date(text),
      },
      amount(
        '--expected <amount>',
        ['eller årets midler, forventet', "or the year's funds, expected (forventet tilskudd)"],
        'funds.amount',
      ),
      amount(
        '--earmarked-total <amount>',
        [
          'summen av øremerkede midler dokumentet oppgir (sjekkes mot linjene)',
          'the earmarked total the document states (checked against the lines)',
        ],
        'totals.earmarked',
      ),
      amount(
        '--committed-total <amount>',
        [
          'summen av forpliktelser dokumentet oppgir (sjekkes mot linjene)',
          'the committed total the document states (checked against the lines)',
        ],
        'totals.committed',
      ),
    ],
    examples: [
      'ledger open-balances record 2025 --source "Vedlegg 1 til sak 22.25" --source-case 22.25 --source-date 2025-09-18 --remainder "980 000" --released "1 000 000" --earmark vip=1000000@04.25 --date 2025-01-01',
    ],
    build: ([year], options) => {
      const totals = { ...ifGiven('earmarked', options.earmarkedTotal), ...ifGiven('committed', options.committedTotal) };
      return {
        year,
        source: { document: options.source, ...ifGiven('caseNumber', options.sourceCase), date: options.sourceDate },
        ...ifGiven('remainderCarriedIn', options.remainder),
        ...ifGiven('releasedCarriedIn', options.released),
        ...ifGiven('reserveFundBalance', options.reserveFund),
        earmarks: earmarksOf(options),
        commitments: options.commitment ?? [],
        ...fundsOf(options),
        ...(Object.keys(totals).length > 0 ? { totals } : {}),
      };
    },
  }),
];
