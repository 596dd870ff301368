import { readFileSync } from 'node:fs';
import { parseCommandText } from '../../src/demo/history.js';
import { CASE_22_25_HISTORY } from '../../src/demo/history.js';
import { DocumentService } from '../../src/documents/service.js';
import { writeDocument } from '../../src/documents/formats.js';
import type { LedgerReader } from '../../src/app/ledger-reader.js';
import type { RegistryNames } from '../../src/opening/registry-match.js';
import { demoLedger } from './demo.js';

/**
 * What the opening-balance tests share: the allocation table of case 22.25 as the demo
 * ledger writes it (attachment 1, before the case is decided), the demo's commands that a
 * ledger opened in 2025 still records itself (its partners and members, the 2025 receipt,
 * case 22.25 with its proposals and recommendation) and the outcome of 22.25.
 */

type Command = Record<string, unknown> & { type: string };

const history = () => parseCommandText(readFileSync(CASE_22_25_HISTORY, 'utf8')) as Command[];

/** The demo's organisation, partners and committee members. */
export const demoOrganisationAndPeople = (): Command[] =>
  history().filter((command) => ['SetOrganisation', 'RegisterPartner', 'RegisterCommitteeMember'].includes(command.type));

/** The 2025 receipt, and case 22.25 as the demo history has it (its proposals, recommendation and proposed resolution). */
export const demoReceiptAndCase2225 = (): Command[] => {
  const commands = history();
  const receipt = commands.filter((command) => command.type === 'ReceiveFunds' && command.year === 2025);
  const opened = commands.findIndex((command) => command.type === 'OpenCase' && command.caseNumber === '22.25');
  return [...receipt, ...commands.slice(opened)];
};

/** The recorded outcome of case 22.25 (docs/examples). */
export const outcome2225 = (): Command[] =>
  parseCommandText(readFileSync(new URL('../../docs/examples/case-22-25-outcome.ndjson', import.meta.url), 'utf8')) as Command[];

/** The allocation table of case 22.25 in a format, written by the demo ledger. */
export async function attachment1Of(format: 'xlsx' | 'csv'): Promise<Buffer> {
  const ledger = await demoLedger();
  const service = new DocumentService(ledger.store, ledger.reader, { funderOrganisationId: null }, () => new Date('2025-09-11T10:00:00Z'));
  const document = await service.build({ kind: 'allocation', caseNumber: '22.25' }, null);
  return (await writeDocument(service, document, format)).bytes;
}

/** The registry's names as the import matches against them. */
export async function registryNames(reader: LedgerReader): Promise<RegistryNames> {
  const { registry } = await reader.view();
  return { programmeAreas: registry.programmeAreas.values(), initiatives: registry.initiatives.values() };
}
