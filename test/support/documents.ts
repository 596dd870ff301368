import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandText, runCommands } from '../../src/demo/history.js';
import { DocumentService } from '../../src/documents/service.js';
import { PROJECT_ROOT } from './browser.js';
import { demoLedger } from './demo.js';

/** The funding organisation's identifier the tests give the 360Giving export. */
export const TEST_FUNDER_ID = 'XI-TEST-HFI';

/** The README walk-through's outcome of case 22.25: votes, adoption, reserve fund, the new initiative and the eight grants. */
export function caseOutcomeCommands(): unknown[] {
  return parseCommandText(readFileSync(join(PROJECT_ROOT, 'docs', 'examples', 'case-22-25-outcome.ndjson'), 'utf8'));
}

/** A demo ledger, optionally with the outcome of case 22.25 recorded, and a document service over it. */
export async function documentLedger(options: { outcome?: boolean } = {}) {
  const ledger = await demoLedger();
  if (options.outcome) await runCommands(ledger.handler, caseOutcomeCommands(), 'sekretariat');
  const service = new DocumentService(
    ledger.store,
    ledger.reader,
    { funderOrganisationId: TEST_FUNDER_ID },
    () => new Date('2026-12-01T10:00:00Z'),
  );
  return { ledger, service };
}
