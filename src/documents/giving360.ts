import type { GrantRecord } from '../../projections/grant-records.js';
import { formatAmount, money } from '../domain/money.js';
import { formatDate, formatMoney } from '../shared/format.js';
import { grantKey, publishedGrantId, type Funder } from './content.js';
import { csvSource, csvText, readCsv, sourceColumns, sourceFields } from './csv.js';
import type { LedgerDocument } from './service.js';
import {
  DocumentReadError,
  documentReference,
  parseDocumentReference,
  type DocumentFigure,
  type DocumentRequest,
  type DocumentSource,
} from './source.js';
import { spreadsheetNumber } from './xlsx.js';

/**
 * The grants in the 360Giving Data Standard (version 1.4): a JSON data package and its
 * flat CSV form. The funding organisation is the one the ledger records (its identifier
 * from the ledger, or from the settings when they give one); each grant's recipient is its initiative, with the partners that
 * proposed it; multi-year grants carry their planned dates. The package also carries the
 * document reference (an extra field, which the standard allows), so it can be verified.
 */

const GIVING360_VERSION = '1.4';

const organisationId = (funder: Funder, kind: 'initiative' | 'partner', id: string) => `${funder.id}-${kind}-${id}`;

function description(grant: GrantRecord): string {
  const from = grant.fundedBy === 'reserve-fund' ? 'fra fondet' : `fra rekrutterings- og samhandlingsmidlene ${grant.year}`;
  const plan =
    grant.instalments.length > 1
      ? ` Flerårig: ${grant.instalments.map((instalment) => `${instalment.year} ${formatMoney(instalment.amount)}`).join(', ')}.`
      : '';
  const area = grant.programmeArea ? ` Programområde: ${grant.programmeArea.name}.` : '';
  return `Tildeling til ${grant.initiativeName} ${from}, vedtatt i sak ${grant.authority.caseNumber} pkt. ${grant.authority.pointNumber}${grant.caseTitle ? ` (${grant.caseTitle})` : ''} ${formatDate(grant.awardDate)}.${plan}${area}${changes(grant)}${terms(grant)}`;
}

/** What corrections of closed years changed in it, and what was released of it: ` Rettet etter at 2024 ble avsluttet: …. Frigjort …`. */
function changes(grant: GrantRecord): string {
  const corrected = grant.corrections
    .map(
      (correction) =>
        ` Rettet etter at ${correction.year} ble avsluttet: ${correction.year} ført med ${formatMoney(correction.recorded)}, står med ${formatMoney(correction.standing)}.`,
    )
    .join('');
  const released = grant.released ? ` Frigjort (ikke brukt, tilbake til rammen): ${formatMoney(grant.released)}.` : '';
  return `${corrected}${released}`;
}

/** The grant's conditions and reporting date, when it has them: ` Vilkår: … (frist 13.11.2025). Rapport innen 30.06.2026.` */
function terms(grant: GrantRecord): string {
  const conditions = grant.conditions.map(
    (condition) => `${condition.text}${condition.dueOn ? ` (frist ${formatDate(condition.dueOn)})` : ''}`,
  );
  return `${conditions.length > 0 ? ` Vilkår: ${conditions.join('; ')}.` : ''}${grant.reportDueOn ? ` Rapport innen ${formatDate(grant.reportDueOn)}.` : ''}`;
}

function plannedDates(grant: GrantRecord) {
  const years = grant.instalments.map((instalment) => instalment.year);
  const first = Math.min(grant.year, ...years);
  const last = Math.max(grant.year, ...years);
  return [{ startDate: `${first}-01-01`, endDate: `${last}-12-31`, duration: (last - first + 1) * 12 }];
}

function recipients(grant: GrantRecord, funder: Funder): { id: string; name: string; description?: string }[] {
  const proposedBy = grant.partners.map((partner) => partner.name);
  return [
    {
      id: organisationId(funder, 'initiative', grant.initiativeId),
      name: grant.initiativeName,
      description: `Satsning i ${funder.name}${grant.programmeArea ? `, programområde ${grant.programmeArea.name}` : ''}.${proposedBy.length > 0 ? ` Innspill fra ${proposedBy.join(' og ')}.` : ''}`,
    },
    ...grant.partners.map((partner) => ({ id: organisationId(funder, 'partner', partner.partnerId), name: partner.name })),
  ];
}

function grantOf(grant: GrantRecord, funder: Funder) {
  return {
    id: publishedGrantId(funder, grant.grantId),
    title: `${grant.initiativeName}: tildeling ${grant.year}`,
    description: description(grant),
    currency: 'NOK',
    amountAwarded: spreadsheetNumber(grant.amountAwarded),
    awardDate: grant.awardDate,
    plannedDates: plannedDates(grant),
    recipientOrganization: recipients(grant, funder),
    fundingOrganization: [{ id: funder.id, name: funder.name }],
    ...(grant.programmeArea ? { grantProgramme: [{ code: grant.programmeArea.id, title: grant.programmeArea.name }] } : {}),
  };
}

/** The 360Giving JSON data package of the grants. */
export function giving360Json(document: LedgerDocument & { content: { kind: 'grants' } }, funder: Funder): string {
  const { source } = document;
  const packageOf = {
    version: GIVING360_VERSION,
    title: `Tildelinger fra ${funder.name}`,
    description: `Tildelinger av rekrutterings- og samhandlingsmidler fra ${funder.name}, per ${formatDate(source.asOfDate)}, bygget fra beslutningsregisterets logg til og med posisjon ${source.position}.`,
    identifier: `${funder.id}-tildelinger-${source.position}`,
    issued: source.asOfDate,
    publisher: { name: funder.name, identifier: funder.id },
    ledgerDocument: documentReference(document.request, source),
    grants: document.content.grants.map((grant) => grantOf(grant, funder)),
  };
  return `${JSON.stringify(packageOf, null, 2)}\n`;
}

const giving360CsvColumns = [
  'Identifier',
  'Title',
  'Description',
  'Currency',
  'Amount Awarded',
  'Award Date',
  'Planned Dates:Start Date',
  'Planned Dates:End Date',
  'Planned Dates:Duration (months)',
  'Recipient Org:Identifier',
  'Recipient Org:Name',
  'Recipient Org:Description',
  'Funding Org:Identifier',
  'Funding Org:Name',
  'Grant Programme:Code',
  'Grant Programme:Title',
  ...sourceColumns,
] as const;

/** The grants as 360Giving's flat CSV: one row a grant, its first recipient (the initiative) in the recipient columns. */
export function giving360Csv(document: LedgerDocument & { content: { kind: 'grants' } }, funder: Funder): string {
  const source = sourceFields(document.request, document.source);
  const records = document.content.grants.map((grant) => {
    const [planned] = plannedDates(grant);
    const [recipient] = recipients(grant, funder);
    return {
      Identifier: publishedGrantId(funder, grant.grantId),
      Title: `${grant.initiativeName}: tildeling ${grant.year}`,
      Description: description(grant),
      Currency: 'NOK',
      'Amount Awarded': grant.amountAwarded,
      'Award Date': grant.awardDate,
      'Planned Dates:Start Date': planned!.startDate,
      'Planned Dates:End Date': planned!.endDate,
      'Planned Dates:Duration (months)': String(planned!.duration),
      'Recipient Org:Identifier': recipient!.id,
      'Recipient Org:Name': recipient!.name,
      'Recipient Org:Description': recipient!.description ?? '',
      'Funding Org:Identifier': funder.id,
      'Funding Org:Name': funder.name,
      'Grant Programme:Code': grant.programmeArea?.id ?? '',
      'Grant Programme:Title': grant.programmeArea?.name ?? '',
      ...source,
    };
  });
  return csvText(giving360CsvColumns, records);
}

export interface ReadGrants {
  request: DocumentRequest;
  source: DocumentSource;
  figures: DocumentFigure[];
  funderId: string;
}

/** Reads a 360Giving JSON package the ledger wrote: its reference, funder and each grant's amount. */
export function readGiving360Json(text: string): ReadGrants {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error: unknown) {
    throw new DocumentReadError(`the file is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const data = parsed as { ledgerDocument?: unknown; publisher?: { identifier?: unknown }; grants?: unknown };
  if (typeof data.ledgerDocument !== 'string') throw new DocumentReadError('the JSON carries no ledgerDocument reference');
  if (typeof data.publisher?.identifier !== 'string') throw new DocumentReadError("the JSON names no publisher's identifier");
  if (!Array.isArray(data.grants)) throw new DocumentReadError('the JSON has no grants');
  const figures = (data.grants as { id?: unknown; title?: unknown; amountAwarded?: unknown }[]).map((grant, index) => {
    if (typeof grant.id !== 'string' || typeof grant.amountAwarded !== 'number')
      throw new DocumentReadError(`grant ${index + 1} of the JSON has no id or no amountAwarded number`);
    return {
      key: grantKey(grant.id),
      label: `${typeof grant.title === 'string' ? grant.title : grant.id}, tildelt beløp`,
      amount: formatAmount(money(String(grant.amountAwarded))),
    };
  });
  return { ...parseDocumentReference(data.ledgerDocument), figures, funderId: data.publisher.identifier };
}

/** Reads a 360Giving CSV the ledger wrote. */
export function readGiving360Csv(text: string): ReadGrants {
  const records = readCsv(text);
  const { request, source } = csvSource(records);
  const figures = records.map((record, index) => {
    const id = record.Identifier;
    const amount = record['Amount Awarded'];
    if (!id || amount === undefined) throw new DocumentReadError(`row ${index + 2} of the CSV has no Identifier or Amount Awarded`);
    return { key: grantKey(id), label: `${record.Title ?? id}, tildelt beløp`, amount: amount === '' ? null : amount };
  });
  return { request, source, figures, funderId: records[0]?.['Funding Org:Identifier'] ?? '' };
}
