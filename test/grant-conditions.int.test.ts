import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { httpFixture, type HttpFixture } from './support/http.js';
import type { Given } from './support/spec.js';

/**
 * A grant's conditions and reporting date (GrantAwarded schema version 2) from each edge:
 * the CLI's task verb, the HTTP body, and where a grant is read back — the case, the
 * 360Giving export. Case 31.25 is the joint budget and plan case 22.25 point 3 asked for.
 */
const case3125: Given[] = [
  { type: 'OpenCase', caseNumber: '31.25', meetingDate: '2025-11-13', title: 'Felles budsjett og plan', effectiveDate: '2025-10-20' },
  {
    type: 'ProposeResolution',
    caseNumber: '31.25',
    effectiveDate: '2025-10-20',
    points: [
      {
        number: 1,
        text: 'SSU tildeler VIP og sårbehandling midler fra rammen, med vilkår',
        alternatives: [],
        authorises: {
          kind: 'allocation',
          fundedBy: 'frame',
          lines: [
            { target: { initiativeId: 'vip' }, year: 2025, amount: '500000' },
            { target: { initiativeId: 'dho' }, year: 2025, amount: '200000' },
          ],
        },
      },
    ],
  },
  {
    type: 'AdoptResolution',
    caseNumber: '31.25',
    points: [{ number: 1, outcome: 'adopted' }],
    decidedBy: 'consensus',
    effectiveDate: '2025-11-13',
  },
];
const plan = 'Felles budsjett og plan for digital sårbehandling og VIP legges fram for SSU';

describe('the CLI task verb', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-conditions-'));
  const store = join(root, 'ledger.sqlite');
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  async function ledger(args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      readStdin: async () => '',
      env: { LEDGER_STORE: store, LEDGER_ACTOR: 'sekretariat' },
    });
    return { code, stdout, stderr };
  }

  it('ledger grant award takes --condition (with a date first when it has one) and --report-due, and says what it recorded', async () => {
    expect((await ledger(['demo'])).code).toBe(0);
    writeFileSync(
      join(root, 'case.ndjson'),
      case3125.map((command, index) => JSON.stringify({ ...command, idempotencyKey: `c-${index}` })).join('\n'),
    );
    expect((await ledger(['record', join(root, 'case.ndjson')])).code).toBe(0);
    const awarded = await ledger([
      'grant',
      'award',
      '2025',
      '--initiative',
      'vip',
      '--amount',
      '500000',
      '--authority',
      '31.25/1',
      '--condition',
      `2025-11-13: ${plan}`,
      '--condition',
      'Sluttrapport til sekretariatet',
      '--report-due',
      '2026-06-30',
      '--date',
      '2025-11-13',
    ]);
    expect(awarded.code, awarded.stderr).toBe(0);
    expect(awarded.stdout.replace(/\u00a0/g, ' ')).toContain(
      'Tildelt kr 500 000 til VIP (very important patient), sak 31.25 pkt. 1; 2 vilkår; rapport innen 30.06.2026',
    );
    const detail = JSON.parse((await ledger(['case', '31.25', '--json'])).stdout) as {
      grants: { conditions: unknown[]; reportDueOn: string }[];
    };
    expect(detail.grants[0]).toMatchObject({
      conditions: [{ text: plan, dueOn: '2025-11-13' }, { text: 'Sluttrapport til sekretariatet' }],
      reportDueOn: '2026-06-30',
    });
  });

  it('refuses a condition dated on a day that does not exist, or with no text after its date, as usage errors', async () => {
    const badDate = await ledger([
      'grant',
      'award',
      '2025',
      '--initiative',
      'dho',
      '--amount',
      '1',
      '--authority',
      '31.25/1',
      '--condition',
      '2025-02-30: x',
    ]);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('må finnes i kalenderen');
    const noText = await ledger([
      'grant',
      'award',
      '2025',
      '--initiative',
      'dho',
      '--amount',
      '1',
      '--authority',
      '31.25/1',
      '--condition',
      '2025-11-13: ',
    ]);
    expect(noText.code).toBe(2);
    expect(noText.stderr).toContain('Et vilkår trenger tekst etter datoen');
  });
});

describe('the HTTP body', () => {
  let api: HttpFixture;
  beforeAll(async () => {
    api = await httpFixture({ documents: { funderOrganisationId: 'NO-TEST-1' } });
    for (const [index, command] of case3125.entries())
      expect((await api.as('sekretariat').anyCommand(command, `h-${index}`)).status).toBeLessThan(300);
  });
  afterAll(() => api.close());

  it('accepts conditions and a reporting date, and the case and the 360Giving export show them', async () => {
    const awarded = await api.as('sekretariat').command('AwardGrant', {
      year: 2025,
      initiativeId: 'vip',
      plan: { amount: '500000' },
      authority: { caseNumber: '31.25', pointNumber: 1 },
      conditions: [{ text: plan, dueOn: '2025-11-13' }],
      reportDueOn: '2026-06-30',
      effectiveDate: '2025-11-13',
    });
    expect(awarded.status, JSON.stringify(awarded.body)).toBe(201);
    const detail = await api.as('revisor').get('/api/cases/31.25');
    expect(detail.body.grants[0]).toMatchObject({ conditions: [{ text: plan, dueOn: '2025-11-13' }], reportDueOn: '2026-06-30' });
    const published = await api.as('revisor').get('/api/reports/grants');
    const grant = (published.body as { grants: { description: string }[] }).grants.find((entry) => entry.description.includes('sak 31.25'));
    expect(grant?.description).toContain(`Vilkår: ${plan} (frist 13.11.2025). Rapport innen 30.06.2026.`);
    // A grant without conditions is given an empty list, and says nothing of them.
    expect(
      (
        await api.as('sekretariat').command('AwardGrant', {
          year: 2025,
          initiativeId: 'dho',
          plan: { amount: '200000' },
          authority: { caseNumber: '31.25', pointNumber: 1 },
          effectiveDate: '2025-11-13',
        })
      ).status,
    ).toBe(201);
    expect((await api.as('revisor').get('/api/cases/31.25')).body.grants[1]).toMatchObject({ conditions: [], reportDueOn: null });
  });

  it('refuses a condition without text, with a hidden character, a date that does not exist, or too many, naming the field', async () => {
    const before = await api.head();
    const award = (extra: object) =>
      api.as('sekretariat').command('AwardGrant', {
        year: 2025,
        initiativeId: 'vip',
        plan: { amount: '1' },
        authority: { caseNumber: '31.25', pointNumber: 1 },
        effectiveDate: '2025-11-13',
        ...extra,
      });
    const cases: [object, string][] = [
      [{ conditions: [{ text: '  ' }] }, 'conditions.0.text'],
      [{ conditions: [{ text: 'Plan\u200b til SSU' }] }, 'conditions.0.text'],
      [{ conditions: [{ text: 'Plan', dueOn: '2025-02-30' }] }, 'conditions.0.dueOn'],
      [{ conditions: Array.from({ length: 21 }, (_, index) => ({ text: `Vilkår ${index}` })) }, 'conditions'],
      [{ reportDueOn: '30.06.2026' }, 'reportDueOn'],
    ];
    for (const [extra, path] of cases) {
      const response = await award(extra);
      expect(response.status, path).toBe(400);
      expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain(path);
    }
    expect(await api.head()).toBe(before);
  });
});
