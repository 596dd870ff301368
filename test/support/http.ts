import request from 'supertest';
import type { Test } from 'supertest';
import { AccountStore } from '../../src/accounts/account-store.js';
import type { DemoCredentials } from '../../src/accounts/demo.js';
import { createApp, type AppOptions } from '../../src/http/app.js';
import type { RequestLogLine } from '../../src/http/request-log.js';
import type { CommandType } from '../../src/commands/table.js';
import { demoAccountsFor, demoLedger } from './demo.js';

export type DemoUser = 'sekretariat' | 'leder' | 'nestleder' | 'revisor' | 'leser';

/**
 * The HTTP API over the case 22/25 demo ledger, with the demo accounts in an
 * in-memory accounts store (cheap scrypt, for speed) and the request log captured.
 */
export async function httpFixture(options: Omit<AppOptions, 'log'> = {}) {
  const ledger = await demoLedger();
  const accounts = AccountStore.open(':memory:', { scryptCost: 2 ** 10 });
  const credentials = await demoAccountsFor(accounts, ledger.store);
  const log: RequestLogLine[] = [];
  const app = createApp(ledger, accounts, { ...options, log: (line) => log.push(JSON.parse(line) as RequestLogLine) });
  const tokenOf = (user: DemoUser) => credentials.find((entry: DemoCredentials) => entry.username === user)!.token;
  let keys = 0;
  const nextKey = () => `test-key-${++keys}`;

  /** Requests as a demo account (bearer token); `post` sends a fresh Idempotency-Key unless one is given. */
  const as = (user: DemoUser) => ({
    get: (path: string): Test =>
      request(app)
        .get(path)
        .set('Authorization', `Bearer ${tokenOf(user)}`),
    post: (path: string, body: object = {}, key: string | null = nextKey()): Test => {
      const test = request(app)
        .post(path)
        .set('Authorization', `Bearer ${tokenOf(user)}`);
      if (key !== null) test.set('Idempotency-Key', key);
      return test.send(body);
    },
  });

  return {
    app,
    ledger,
    accounts,
    credentials,
    log,
    as,
    tokenOf,
    nextKey,
    anonymous: () => request(app),
    /** The log position of the last event: unchanged when nothing was appended. */
    head: () => ledger.store.headPosition(),
    close: async () => {
      accounts.close();
      await ledger.store.close();
    },
  };
}

export type HttpFixture = Awaited<ReturnType<typeof httpFixture>>;

/** Asserts the RFC 9457 shape every error has. */
export function problemOf(response: request.Response): {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  issues?: { path: string; message: string }[];
  details?: Record<string, unknown>;
} {
  return response.body as ReturnType<typeof problemOf>;
}

/** A command endpoint with a body that succeeds on the demo ledger when the endpoints run in this order. */
export interface CommandEndpointCase {
  /** The command, or for the generic endpoint, the command sent through it. */
  type: CommandType | `${CommandType} (POST /api/commands)`;
  path: string;
  body: (earlier: Map<string, { events: { id: string }[] }>) => Record<string, unknown>;
  /** A body the endpoint refuses as invalid, and a field path the refusal names. */
  invalid: { body: Record<string, unknown>; path: string };
}

const fund = { caseNumber: '30.25', pointNumber: 2 };
const priorities = { caseNumber: '30.25', pointNumber: 1 };
/** The id of the event an earlier endpoint recorded; a well-formed stand-in where a test sends the body without that step. */
const eventOf = (earlier: Map<string, { events: { id: string }[] }>, type: string) =>
  earlier.get(type)?.events[0]?.id ?? '01ARZ3NDEKTSV4RRFFQ69G5FAV';

/** Every command, by its endpoint, in an order that makes each succeed on the demo ledger (today: 1 November 2026). */
export const commandEndpointCases: CommandEndpointCase[] = [
  {
    type: 'RegisterProgrammeArea',
    path: '/api/programme-areas',
    body: () => ({ programmeAreaId: 'psykisk-helse', name: 'Psykisk helse' }),
    invalid: { body: { programmeAreaId: 'Psykisk Helse!', name: 'Psykisk helse' }, path: 'programmeAreaId' },
  },
  {
    type: 'RegisterInitiative',
    path: '/api/initiatives',
    body: () => ({
      initiativeId: 'ny-satsning',
      name: 'Ny satsning',
      programmeAreaId: 'psykisk-helse',
      criterion: 'utvikling',
      phase: 'oppstart',
    }),
    invalid: {
      body: {
        initiativeId: 'ny-satsning',
        name: 'Ny satsning',
        programmeAreaId: 'psykisk-helse',
        criterion: 'forskning',
        phase: 'oppstart',
      },
      path: 'criterion',
    },
  },
  {
    type: 'ChangeInitiativePhase',
    path: '/api/initiatives/ny-satsning/phase',
    body: () => ({ phase: 'innsikt' }),
    invalid: { body: { phase: 'ferdig' }, path: 'phase' },
  },
  {
    type: 'EndInitiative',
    path: '/api/initiatives/ny-satsning/dropped',
    body: () => ({ reason: 'Satsningen settes på vent', effectiveDate: '2026-11-01' }),
    invalid: { body: { reason: '', effectiveDate: '2026-11-01' }, path: 'reason' },
  },
  {
    type: 'RegisterPartner',
    path: '/api/partners',
    body: () => ({ partnerId: 'helseregion-nord', name: 'Helseregion Nord-Gudbrandsdal', kind: 'health-region' }),
    invalid: { body: { partnerId: 'helseregion-nord', name: 'Helseregion Nord', kind: 'company' }, path: 'kind' },
  },
  {
    type: 'RegisterCommitteeMember',
    path: '/api/members',
    body: () => ({ memberId: 'region-nord', name: 'Representant, Helseregion Nord', partnerId: 'helseregion-nord' }),
    invalid: { body: { memberId: 'region-nord', name: 'Representant' }, path: 'partnerId' },
  },
  {
    type: 'SetQuorum',
    path: '/api/quorum',
    body: () => ({ quorum: 2 }),
    invalid: { body: { quorum: 0 }, path: 'quorum' },
  },
  {
    type: 'SetOrganisation',
    path: '/api/organisation',
    body: () => ({ name: 'Helsefellesskap Innlandet', committeeName: 'SSU', funderIdentifier: 'XI-TEST-HFI' }),
    invalid: {
      body: { name: 'Helsefellesskap Innlandet', committeeName: 'SSU', funderIdentifier: 'not an org-id' },
      path: 'funderIdentifier',
    },
  },
  {
    type: 'ReceiveFunds',
    path: '/api/years/2025/receipts',
    body: () => ({ amount: '250000', reference: 'Tilleggsbevilgning 2025', receivedOn: '2025-10-01' }),
    invalid: { body: { amount: 250000, reference: 'Tilleggsbevilgning', receivedOn: '2025-10-01' }, path: 'amount' },
  },
  {
    type: 'CorrectReceipt',
    path: '/api/years/2025/receipts/corrections',
    body: (earlier) => ({ correctsEventId: eventOf(earlier, 'ReceiveFunds'), amountChange: '-50000', reason: 'Feilført beløp' }),
    invalid: { body: { correctsEventId: 'mottak-1', amountChange: '-50000', reason: 'Feilført' }, path: 'correctsEventId' },
  },
  {
    type: 'RecordExpectedReceipt',
    path: '/api/years/2026/expected-receipt',
    body: () => ({ amount: '10600000', reason: 'Varslet i statsbudsjettet' }),
    invalid: { body: { amount: '10,6 mill' }, path: 'amount' },
  },
  {
    type: 'OpenCase',
    path: '/api/cases',
    body: () => ({
      caseNumber: '30.25',
      meetingDate: '2025-11-13',
      title: 'Budsjett for digital sårbehandling og VIP',
      effectiveDate: '2025-10-20',
    }),
    invalid: { body: { caseNumber: '30-25', meetingDate: '2025-11-13', title: 'Budsjett' }, path: 'caseNumber' },
  },
  {
    type: 'ContinueMeeting',
    path: '/api/cases/30.25/continued-meetings',
    body: () => ({ date: '2025-11-14', reason: 'Møtet fortsatte dagen etter' }),
    invalid: { body: { date: '2025-11-31', reason: 'Møtet fortsatte' }, path: 'date' },
  },
  {
    type: 'SubmitProposal',
    path: '/api/cases/30.25/proposals',
    body: () => ({ proposalId: 'p26-vip', year: 2026, target: { initiativeId: 'vip' }, amountRequested: '2000000', submittedBy: ['si'] }),
    invalid: { body: { year: 2026, target: { initiativeId: 'vip' }, amountRequested: '2000000', submittedBy: [] }, path: 'submittedBy' },
  },
  {
    type: 'ReviseProposal',
    path: '/api/cases/30.25/proposals/p26-vip/revisions',
    body: () => ({ amountRequested: '1800000', reason: 'Justert etter dialog med kommunene' }),
    invalid: { body: { amountRequested: '1800000' }, path: 'reason' },
  },
  {
    type: 'RecordRecommendation',
    path: '/api/cases/30.25/recommendations',
    body: () => ({ year: 2026, lines: [{ target: { initiativeId: 'vip' }, amountRecommended: '1500000' }] }),
    invalid: { body: { year: 2026, lines: [] }, path: 'lines' },
  },
  {
    type: 'ProposeResolution',
    path: '/api/cases/30.25/resolution',
    body: () => ({
      effectiveDate: '2025-11-01',
      points: [
        {
          number: 1,
          text: 'SSU slutter seg til budsjett og plan',
          alternatives: [],
          authorises: {
            kind: 'allocation',
            fundedBy: 'frame',
            lines: [
              { target: { initiativeId: 'vip' }, year: 2025, amount: '200000' },
              { target: { initiativeId: 'vip' }, year: 2026, amount: '300000' },
            ],
          },
        },
        {
          number: 2,
          text: 'Fond for implementering',
          alternatives: [
            { number: 1, label: 'Alt. 1: kr 100 000', amount: '100000' },
            { number: 2, label: 'Alt. 2: ikke etablere', amount: null },
          ],
          authorises: { kind: 'reserve-fund', year: 2025 },
        },
      ],
    }),
    invalid: { body: { points: [{ number: 1, text: 'Uten hjemmel', alternatives: [] }] }, path: 'points.0.authorises' },
  },
  {
    type: 'CastVote',
    path: '/api/cases/30.25/votes',
    body: () => ({ memberId: 'leder', pointNumber: 1, choice: { answer: 'yes' }, effectiveDate: '2025-11-13' }),
    invalid: { body: { memberId: 'leder', pointNumber: 1, choice: { answer: 'maybe' } }, path: 'choice' },
  },
  {
    type: 'AdoptResolution',
    path: '/api/cases/30.25/adoption',
    body: () => ({
      points: [
        { number: 1, outcome: 'adopted' },
        { number: 2, outcome: 'adopted', alternativeNumber: 1 },
      ],
      decidedBy: 'consensus',
      membersPresent: ['leder', 'nestleder'],
      effectiveDate: '2025-11-13',
    }),
    invalid: { body: { points: [{ number: 1, outcome: 'adopted' }], decidedBy: 'acclamation' }, path: 'decidedBy' },
  },
  {
    type: 'RestartInitiative',
    path: '/api/initiatives/ny-satsning/restart',
    body: () => ({ reason: 'SSU vedtok å starte satsningen igjen', authority: priorities }),
    invalid: { body: { reason: 'Startes igjen' }, path: 'authority' },
  },
  {
    type: 'AwardGrant',
    path: '/api/years/2025/grants',
    body: () => ({
      grantId: 'g2025-vip-plan',
      initiativeId: 'vip',
      plan: {
        amountTotal: '200000',
        instalments: [
          { year: 2025, amount: '100000' },
          { year: 2026, amount: '100000' },
        ],
      },
      authority: priorities,
    }),
    invalid: { body: { initiativeId: 'vip', plan: { amount: '100 000' }, authority: priorities }, path: 'plan.amount' },
  },
  {
    type: 'ChangeGrantPlan',
    path: '/api/grants/g2025-vip-plan/plan',
    body: () => ({
      instalments: [
        { year: 2025, amount: '80000' },
        { year: 2026, amount: '120000' },
      ],
      authority: priorities,
      reason: 'Mer av arbeidet skjer i 2026',
    }),
    invalid: { body: { instalments: [], authority: priorities, reason: 'Ingen' }, path: 'instalments' },
  },
  {
    type: 'AdjustGrant',
    path: '/api/years/2025/grants/g2025-vip-plan/adjustments',
    body: () => ({ amountChange: '-20000', authority: priorities, reason: 'Lavere kostnad enn antatt' }),
    invalid: { body: { amountChange: '0', authority: priorities, reason: 'Ingen endring' }, path: 'amountChange' },
  },
  {
    type: 'ReleaseFunds',
    path: '/api/years/2025/grants/g2025-vip-plan/releases',
    body: () => ({ amount: '10000', reason: 'Del av aktiviteten utgår' }),
    invalid: { body: { amount: '-10000', reason: 'Del av aktiviteten utgår' }, path: 'amount' },
  },
  {
    type: 'ReportSpending',
    path: '/api/years/2025/spending',
    body: () => ({ initiativeId: 'vip', amount: '5000', reference: 'Faktura 2025-117' }),
    invalid: { body: { amount: '5000', reference: 'Faktura 2025-117' }, path: 'initiativeId' },
  },
  {
    type: 'CorrectSpending',
    path: '/api/years/2025/spending/corrections',
    body: (earlier) => ({ correctsEventId: eventOf(earlier, 'ReportSpending'), amountChange: '-1000', reason: 'Kreditnota' }),
    invalid: { body: { correctsEventId: 'faktura-117', amountChange: '-1000', reason: 'Kreditnota' }, path: 'correctsEventId' },
  },
  {
    type: 'ReleaseEarmarkedFunds',
    path: '/api/years/2025/initiatives/dho/earmark-releases',
    body: () => ({ amount: '100000', reason: 'Mindreforbruk i prosjektet' }),
    invalid: { body: { amount: '1e5', reason: 'Mindreforbruk' }, path: 'amount' },
  },
  {
    type: 'DropInitiative',
    path: '/api/years/2025/initiatives/samhandling-fastleger/drop',
    body: () => ({ reason: 'Aktiviteten er ikke startet og utgår' }),
    invalid: { body: { reason: '' }, path: 'reason' },
  },
  {
    type: 'EstablishReserveFund',
    path: '/api/years/2025/reserve-funds',
    body: () => ({ name: 'Fond for implementering', authority: fund }),
    invalid: { body: { name: 'Fond for implementering' }, path: 'authority' },
  },
  {
    type: 'SettleYear',
    path: '/api/years/2025/settlement',
    body: () => ({}),
    invalid: { body: { effectiveDate: '2025-02-30' }, path: 'effectiveDate' },
  },
  {
    type: 'CorrectClosedReceipt',
    path: '/api/years/2026/closed-year-corrections/receipts',
    body: (earlier) => ({
      correctedYear: 2025,
      correctsEventId: eventOf(earlier, 'ReceiveFunds'),
      amount: '205000',
      reference: 'Tilleggsbevilgning 2025, korrigert brev',
      reason: 'Tilleggsbevilgningen var 5 000 høyere enn ført',
    }),
    invalid: { body: { correctedYear: 2025, correctsEventId: 'x', amount: '205000', reason: 'x' }, path: 'correctsEventId' },
  },
  {
    type: 'CorrectClosedSpending',
    path: '/api/years/2026/closed-year-corrections/spending',
    body: (earlier) => ({
      correctedYear: 2025,
      correctsEventId: eventOf(earlier, 'ReportSpending'),
      amount: '3000',
      reference: 'Regnskap 2025, kreditnota',
      reason: 'Forbruket var 1 000 lavere',
    }),
    invalid: { body: { correctedYear: 2025, correctsEventId: eventOf(new Map(), 'x'), amount: '-3000', reason: 'x' }, path: 'amount' },
  },
  {
    type: 'CorrectClosedRelease',
    path: '/api/years/2026/closed-year-corrections/releases',
    body: (earlier) => ({
      correctedYear: 2025,
      correctsEventId: eventOf(earlier, 'ReleaseFunds'),
      amount: '5000',
      authority: priorities,
      reason: 'Bare halvparten skulle frigjøres',
    }),
    invalid: { body: { correctedYear: 2025, correctsEventId: eventOf(new Map(), 'x'), amount: '5000', reason: 'x' }, path: 'authority' },
  },
  {
    type: 'CorrectClosedGrant',
    path: '/api/years/2026/closed-year-corrections/grants',
    body: () => ({
      correctedYear: 2025,
      grantId: 'g2025-vip-plan',
      instalments: [{ year: 2025, amount: '55000' }],
      authority: priorities,
      reason: 'Tildelingen for 2025 var 5 000 for høy',
    }),
    invalid: {
      body: { correctedYear: 2025, grantId: 'g2025-vip-plan', instalments: [], authority: priorities, reason: 'x' },
      path: 'instalments',
    },
  },
  {
    type: 'RecordOpeningBalance',
    path: '/api/years/2030/opening-balance',
    body: () => ({
      source: { document: 'Årsregnskap 2029', date: '2026-10-15' },
      remainderCarriedIn: '400000',
      releasedCarriedIn: '100000',
      earmarks: [{ initiativeId: 'vip', amount: '250000' }],
      funds: { kind: 'expected', amount: '9000000' },
    }),
    invalid: {
      body: { source: { document: 'Årsregnskap 2029', date: '2026-10-15' }, remainderCarriedIn: '400 000' },
      path: 'remainderCarriedIn',
    },
  },
  {
    type: 'RegisterPartner (POST /api/commands)',
    path: '/api/commands',
    body: () => ({ type: 'RegisterPartner', partnerId: 'helseregion-sor', name: 'Helseregion Sør-Østerdal', kind: 'health-region' }),
    invalid: { body: { type: 'RegisterGrantee', partnerId: 'helseregion-sor' }, path: 'type' },
  },
];
