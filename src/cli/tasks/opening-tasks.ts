import { InvalidArgumentError } from '@commander-js/extra-typings';
import { parseCaseNumber, parseDate, parseYear } from '../values.js';
import type { TaskSpec } from './task.js';

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

export const openingTasks: readonly TaskSpec[] = [
  {
    type: 'SetOrganisation',
    path: ['organisation', 'set'],
    summary: 'record who keeps the ledger: the organisation, its committee and its 360Giving identifier',
    description:
      'Records the organisation that keeps the ledger. The documents, the page and the 360Giving export take its name, its committee and its funder identifier from here. A later setting replaces the earlier one.',
    options: [
      { flags: '--name <name>', description: 'the organisation, such as the health partnership', required: true },
      { flags: '--committee <name>', description: 'the committee that decides on the funds', required: true },
      { flags: '--funder-id <org-id>', description: 'its 360Giving organisation identifier, such as NO-BRC-974633574' },
    ],
    build: (_args, options) => ({ name: options.name, committeeName: options.committee, ...ifGiven('funderIdentifier', options.funderId) }),
  },
  {
    type: 'RecordOpeningBalance',
    path: ['open-balances', 'record'],
    summary: 'record the opening balance of a year (inngående balanse) by hand',
    description:
      "Records what a year starts with when the ledger is taken into use: the remainder and released funds carried into its frame, each initiative's earmarked money, the reserve fund's balance, later instalments of multi-year grants already decided, and the year's funds received or expected, citing the document they come from. It must be the first money of the year, with no earlier year in the ledger. `ledger open-balances import` reads the same from a spreadsheet.",
    args: [{ name: 'year', description: 'the year it opens, such as 2025', parse: parseYear }],
    options: [
      {
        flags: '--source <document>',
        description: 'the document the figures come from, such as "Vedlegg 1 til sak 22.25"',
        required: true,
      },
      { flags: '--source-case <NN.YY>', description: 'the case the document belongs to', parse: parseCaseNumber },
      { flags: '--source-date <date>', description: "the document's date, YYYY-MM-DD", required: true, parse: parseDate },
      { flags: '--remainder <amount>', description: 'the unallocated remainder carried into the frame (gjenstående)' },
      { flags: '--released <amount>', description: 'the released funds carried into the frame (frigjort)' },
      { flags: '--reserve-fund <amount>', description: "the reserve fund's balance (fond)" },
      {
        flags: '--earmark <INITIATIVE=AMOUNT[@NN.YY]>',
        description: "an initiative's earmarked money and the case that granted it (repeat)",
        repeatable: true,
        parse: parseEarmark,
      },
      {
        flags: '--previous-granted <INITIATIVE=AMOUNT>',
        description: 'what the year before granted an initiative (repeat)',
        repeatable: true,
        parse: parseGranted,
      },
      {
        flags: '--commitment <INITIATIVE:YEAR=AMOUNT@NN.YY/P>',
        description: 'a later instalment already decided (repeat)',
        repeatable: true,
        parse: parseCommitment,
      },
      { flags: '--received <amount>', description: "the year's funds, received" },
      { flags: '--received-on <date>', description: 'the day they arrived, YYYY-MM-DD', parse: parseDate },
      { flags: '--expected <amount>', description: "or the year's funds, expected (forventet tilskudd)" },
      { flags: '--earmarked-total <amount>', description: 'the earmarked total the document states (checked against the lines)' },
      { flags: '--committed-total <amount>', description: 'the committed total the document states (checked against the lines)' },
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
  },
];
