import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommands } from '../src/demo/history.js';
import { writeDocument } from '../src/documents/formats.js';
import { PROJECT_ROOT } from './support/browser.js';
import { TEST_FUNDER_ID, documentLedger } from './support/documents.js';

/**
 * The grants export in the 360Giving Data Standard. The standard's JSON Schemas are read
 * from ../shared/360giving/ (kept there, not in this repository); where that folder is
 * absent, the schema check alone is skipped and says why.
 */

const SCHEMA_DIR = join(PROJECT_ROOT, '..', 'shared', '360giving');
const PACKAGE_SCHEMA = join(SCHEMA_DIR, '360-giving-package-schema.json');
const GRANT_SCHEMA = join(SCHEMA_DIR, '360-giving-schema.json');
const schemaSkip = existsSync(PACKAGE_SCHEMA) && existsSync(GRANT_SCHEMA) ? null : `the 360Giving schemas are not in ${SCHEMA_DIR}`;
if (schemaSkip) console.log(`[skipped] 360Giving schema validation: ${schemaSkip}`);

interface Package {
  version: string;
  publisher: { name: string; identifier: string };
  ledgerDocument: string;
  grants: {
    id: string;
    title: string;
    currency: string;
    amountAwarded: number;
    awardDate: string;
    plannedDates: { startDate: string; endDate: string; duration: number }[];
    recipientOrganization: { id: string; name: string; description?: string }[];
    fundingOrganization: { id: string; name: string }[];
    grantProgramme?: { code: string; title: string }[];
  }[];
}

let json: string;
let csv: string;
beforeAll(async () => {
  const { ledger, service } = await documentLedger({ outcome: true });
  // A multi-year grant: a case whose resolution authorises an allocation over three years, adopted, and the grant.
  const line = (year: number) => ({ target: { initiativeId: 'kommunikasjon' }, year, amount: '100000' });
  await runCommands(
    ledger.handler,
    [
      {
        type: 'OpenCase',
        idempotencyKey: 'c30-open',
        effectiveDate: '2025-10-02',
        caseNumber: '30.25',
        meetingDate: '2025-10-02',
        title: 'Kommunikasjon 2025–2027',
      },
      {
        type: 'ProposeResolution',
        idempotencyKey: 'c30-propose',
        effectiveDate: '2025-10-02',
        caseNumber: '30.25',
        points: [
          {
            number: 1,
            text: 'Kommunikasjon tildeles kr 100 000 i året i tre år.',
            alternatives: [],
            authorises: { kind: 'allocation', fundedBy: 'frame', lines: [line(2025), line(2026), line(2027)] },
          },
        ],
      },
      {
        type: 'AdoptResolution',
        idempotencyKey: 'c30-adopt',
        effectiveDate: '2025-10-02',
        caseNumber: '30.25',
        points: [{ number: 1, outcome: 'adopted' }],
        decidedBy: 'consensus',
        dissent: [],
      },
      {
        type: 'AwardGrant',
        idempotencyKey: 'c30-grant',
        effectiveDate: '2025-10-02',
        grantId: 'g2025-kommunikasjon-3',
        year: 2025,
        initiativeId: 'kommunikasjon',
        plan: { amountTotal: '300000', years: 3 },
        authority: { caseNumber: '30.25', pointNumber: 1 },
      },
      {
        type: 'ReleaseFunds',
        idempotencyKey: 'c30-release',
        effectiveDate: '2025-11-01',
        year: 2025,
        grantId: 'g2025-kommunikasjon-3',
        amount: '40000',
        reason: 'Mindre behov i 2025',
      },
    ],
    'sekretariat',
  );
  const document = await service.build({ kind: 'grants' }, null);
  json = (await writeDocument(service, document, '360giving-json')).bytes.toString('utf8');
  csv = (await writeDocument(service, document, '360giving-csv')).bytes.toString('utf8');
});

describe('the grants in the 360Giving Data Standard', () => {
  (schemaSkip ? it.skip : it)("validates against the standard's package and grant schemas (JSON Schema 2020-12)", () => {
    const packageSchema = JSON.parse(readFileSync(PACKAGE_SCHEMA, 'utf8')) as { properties: { grants: { items: { $ref: string } } } };
    const grantSchema = JSON.parse(readFileSync(GRANT_SCHEMA, 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats.default(ajv);
    // The schemas name the 2020-12 meta-schema by its http address, which Ajv knows by https: the dialect is the same,
    // so they are compiled without checking them against it. The package schema refers to the grant schema by the
    // address of an earlier release; the grant schema is given that address.
    ajv.addSchema({ ...grantSchema, $id: packageSchema.properties.grants.items.$ref });
    const validate = ajv.compile(packageSchema);
    const parsed = JSON.parse(json) as unknown;
    const valid = validate(parsed);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The check has teeth: a grant without its amount is refused.
    const broken = JSON.parse(json) as { grants: Record<string, unknown>[] };
    delete broken.grants[0]!.amountAwarded;
    expect(validate(broken)).toBe(false);
  });

  it('names the funder, the currency, the amount, the award date and the recipient initiative with its proposing partners', () => {
    const data = JSON.parse(json) as Package;
    expect(data.version).toBe('1.4');
    expect(data.publisher).toEqual({ name: 'Helsefellesskap Innlandet', identifier: TEST_FUNDER_ID });
    expect(data.ledgerDocument).toMatch(/^hfi-ledger-document\/1 grants as-of=2026-12-01 basis=position position=\d+ hash=[0-9a-f]{64}$/);
    const vip2025 = data.grants.find((grant) => grant.id === `${TEST_FUNDER_ID}-g2025-vip`)!;
    expect(vip2025).toMatchObject({
      currency: 'NOK',
      amountAwarded: 3000000,
      awardDate: '2025-09-18',
      plannedDates: [{ startDate: '2025-01-01', endDate: '2025-12-31', duration: 12 }],
      fundingOrganization: [{ id: TEST_FUNDER_ID, name: 'Helsefellesskap Innlandet' }],
      grantProgramme: [{ code: 'bo-trygt-hjemme', title: 'Bo trygt hjemme med integrerte helsetjenester' }],
    });
    expect(vip2025.recipientOrganization.map((organisation) => organisation.name)).toEqual([
      'VIP (very important patient)',
      'Sykehuset Innlandet',
    ]);
    const samba = data.grants.find((grant) => grant.id === `${TEST_FUNDER_ID}-g2025-samba`)!;
    expect(samba.recipientOrganization.map((organisation) => organisation.name)).toEqual([
      'SAMBA (BUP Tynset og Nord-Østerdal)',
      'Kommunene i Innlandet (helseregionene)',
      'Sykehuset Innlandet',
    ]);
    expect(data.grants.filter((grant) => grant.id.includes('-g2024-')).map((grant) => grant.awardDate)).toEqual(
      Array(16).fill('2025-02-20'),
    );
    const total2025 = data.grants
      .filter((grant) => grant.id.includes('-g2025-'))
      .reduce((sum, grant) => sum + grant.amountAwarded * 100, 0);
    expect(total2025 / 100).toBe(11345000 + 300000);
  });

  it('gives a multi-year grant its planned years', () => {
    const data = JSON.parse(json) as Package;
    const multiYear = data.grants.find((grant) => grant.id === `${TEST_FUNDER_ID}-g2025-kommunikasjon-3`)!;
    expect(multiYear.plannedDates).toEqual([{ startDate: '2025-01-01', endDate: '2027-12-31', duration: 36 }]);
    expect(multiYear.amountAwarded).toBe(300000);
    // What was released of it is said beside the amount awarded (the standard has no field for it).
    expect((multiYear as unknown as { description: string }).description.replace(/\u00a0/g, ' ')).toContain(
      'Frigjort (ikke brukt, tilbake til rammen): kr 40 000.',
    );
  });

  it('writes the same grants as 360Giving CSV (column titles of the standard), read back with csv-parse', () => {
    const records = parseCsv<Record<string, string>>(csv, { columns: true });
    const data = JSON.parse(json) as Package;
    expect(records).toHaveLength(data.grants.length);
    expect(Object.keys(records[0]!).slice(0, 6)).toEqual([
      'Identifier',
      'Title',
      'Description',
      'Currency',
      'Amount Awarded',
      'Award Date',
    ]);
    const vip = records.find((record) => record.Identifier === `${TEST_FUNDER_ID}-g2025-vip`)!;
    expect(vip).toMatchObject({
      Currency: 'NOK',
      'Amount Awarded': '3000000.00',
      'Award Date': '2025-09-18',
      'Recipient Org:Name': 'VIP (very important patient)',
      'Funding Org:Identifier': TEST_FUNDER_ID,
      'Funding Org:Name': 'Helsefellesskap Innlandet',
    });
    expect(vip['Recipient Org:Description']).toContain('Innspill fra Sykehuset Innlandet');
  });
});
