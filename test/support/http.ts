import request from 'supertest';
import type { Test } from 'supertest';
import { AccountStore } from '../../src/accounts/account-store.js';
import type { DemoCredentials } from '../../src/accounts/demo.js';
import { createApp, type AppOptions } from '../../src/http/app.js';
import type { RequestLogLine } from '../../src/http/request-log.js';
import type { CommandHttpFields } from '../../src/commands/edges.js';
import { definitionOf, type CommandType } from '../../src/commands/table.js';
import { demoAccountsFor, demoLedger } from './demo.js';
import type { Given } from './spec.js';

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

  /**
   * Requests as a demo account (bearer token). Each POST sends a fresh Idempotency-Key
   * unless one is given (`null`: none). `command` records a command at the path its
   * definition offers it on, from the command's own input, so a misspelt field or a stale
   * path fails to compile; `anyCommand` sends one through `POST /api/commands`; `raw`
   * sends any body to any path, for what the API must refuse and for other endpoints.
   */
  const as = (user: DemoUser) => {
    const raw = (path: string, body: object = {}, key: string | null = nextKey()): Test => {
      const test = request(app)
        .post(path)
        .set('Authorization', `Bearer ${tokenOf(user)}`);
      if (key !== null) test.set('Idempotency-Key', key);
      return test.send(body);
    };
    return {
      get: (path: string): Test =>
        request(app)
          .get(path)
          .set('Authorization', `Bearer ${tokenOf(user)}`),
      raw,
      command: <T extends CommandType>(type: T, input: HttpInput<T>, key: string | null = nextKey()): Test => {
        const { path, body } = commandRequest(type, input);
        return raw(path, body, key);
      },
      anyCommand: (command: Given, key: string | null = nextKey()): Test => raw('/api/commands', command, key),
    };
  };

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

/**
 * What a client sends for a command over HTTP: the command's fields as its schema takes
 * them, without its type and idempotency key; a member's vote may leave out `memberId`,
 * which its endpoint fills in with the account's own (the definition's `ownMember`).
 */
export type HttpInput<T extends CommandType> = CommandHttpFields<T>;

/** The request recording command `type`: the path its definition offers it on, filled from the input's fields it names, and the other fields as the body. */
function commandRequest<T extends CommandType>(type: T, input: HttpInput<T>): { path: string; body: Record<string, unknown> } {
  const body: Record<string, unknown> = { ...input };
  const path = definitionOf(type).http.path.replace(/:([A-Za-z]+)/g, (_segment, name: string) => {
    const value = body[name];
    delete body[name];
    return encodeURIComponent(String(value));
  });
  return { path, body };
}

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

/** What earlier endpoints recorded, by command type: a later body names an event of theirs. */
type Earlier = Map<string, { events: { id: string }[] }>;

/** A command endpoint with a body that succeeds on the demo ledger when the endpoints run in this order. */
export interface CommandEndpointCase {
  /** The command, or for the generic endpoint, the command sent through it. */
  type: CommandType | `${CommandType} (POST /api/commands)`;
  path: string;
  body: (earlier: Earlier) => Record<string, unknown>;
  /** A body the endpoint refuses as invalid, and a field path the refusal names. */
  invalid: { body: Record<string, unknown>; path: string };
}

/** A command's case: its input (the path is filled from its fields), and an invalid body, sent as it is. */
interface EndpointInput<T extends CommandType> {
  input: (earlier: Earlier) => HttpInput<T>;
  invalid: { body: Record<string, unknown>; path: string };
}

const fund = { caseNumber: '30.25', pointNumber: 2 };
const priorities = { caseNumber: '30.25', pointNumber: 1 };
/** The id of the event an earlier endpoint recorded; a well-formed stand-in where a test sends the body without that step. */
const eventOf = (earlier: Earlier, type: string) => earlier.get(type)?.events[0]?.id ?? '01ARZ3NDEKTSV4RRFFQ69G5FAV';

/** Every command, by its endpoint, in an order that makes each succeed on the demo ledger (today: 1 November 2026). */
const endpointInputs: { [T in CommandType]: EndpointInput<T> } = {
  RegisterProgrammeArea: {
    input: () => ({ programmeAreaId: 'psykisk-helse', name: 'Psykisk helse' }),
    invalid: { body: { programmeAreaId: 'Psykisk Helse!', name: 'Psykisk helse' }, path: 'programmeAreaId' },
  },
  RegisterInitiative: {
    input: () => ({
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
  ChangeInitiativePhase: {
    input: () => ({ initiativeId: 'ny-satsning', phase: 'innsikt' }),
    invalid: { body: { phase: 'ferdig' }, path: 'phase' },
  },
  EndInitiative: {
    input: () => ({ initiativeId: 'ny-satsning', reason: 'Satsningen settes på vent', effectiveDate: '2026-11-01' }),
    invalid: { body: { reason: '', effectiveDate: '2026-11-01' }, path: 'reason' },
  },
  RegisterPartner: {
    input: () => ({ partnerId: 'helseregion-nord', name: 'Helseregion Nord-Gudbrandsdal', kind: 'health-region' }),
    invalid: { body: { partnerId: 'helseregion-nord', name: 'Helseregion Nord', kind: 'company' }, path: 'kind' },
  },
  RegisterCommitteeMember: {
    input: () => ({ memberId: 'region-nord', name: 'Representant, Helseregion Nord', partnerId: 'helseregion-nord' }),
    invalid: { body: { memberId: 'region-nord', name: 'Representant' }, path: 'partnerId' },
  },
  SetQuorum: {
    input: () => ({ quorum: 2 }),
    invalid: { body: { quorum: 0 }, path: 'quorum' },
  },
  SetOrganisation: {
    input: () => ({ name: 'Helsefellesskap Innlandet', committeeName: 'SSU', funderIdentifier: 'XI-TEST-HFI' }),
    invalid: {
      body: { name: 'Helsefellesskap Innlandet', committeeName: 'SSU', funderIdentifier: 'not an org-id' },
      path: 'funderIdentifier',
    },
  },
  ReceiveFunds: {
    input: () => ({ year: 2025, amount: '250000', reference: 'Tilleggsbevilgning 2025', receivedOn: '2025-10-01' }),
    invalid: { body: { amount: 250000, reference: 'Tilleggsbevilgning', receivedOn: '2025-10-01' }, path: 'amount' },
  },
  CorrectReceipt: {
    input: (earlier) => ({
      year: 2025,
      correctsEventId: eventOf(earlier, 'ReceiveFunds'),
      amountChange: '-50000',
      reason: 'Feilført beløp',
    }),
    invalid: { body: { correctsEventId: 'mottak-1', amountChange: '-50000', reason: 'Feilført' }, path: 'correctsEventId' },
  },
  RecordExpectedReceipt: {
    input: () => ({ year: 2026, amount: '10600000', reason: 'Varslet i statsbudsjettet' }),
    invalid: { body: { amount: '10,6 mill' }, path: 'amount' },
  },
  OpenCase: {
    input: () => ({
      caseNumber: '30.25',
      meetingDate: '2025-11-13',
      title: 'Budsjett for digital sårbehandling og VIP',
      effectiveDate: '2025-10-20',
    }),
    invalid: { body: { caseNumber: '30-25', meetingDate: '2025-11-13', title: 'Budsjett' }, path: 'caseNumber' },
  },
  ContinueMeeting: {
    input: () => ({ caseNumber: '30.25', date: '2025-11-14', reason: 'Møtet fortsatte dagen etter' }),
    invalid: { body: { date: '2025-11-31', reason: 'Møtet fortsatte' }, path: 'date' },
  },
  SubmitProposal: {
    input: () => ({
      caseNumber: '30.25',
      proposalId: 'p26-vip',
      year: 2026,
      target: { initiativeId: 'vip' },
      amountRequested: '2000000',
      submittedBy: ['si'],
    }),
    invalid: { body: { year: 2026, target: { initiativeId: 'vip' }, amountRequested: '2000000', submittedBy: [] }, path: 'submittedBy' },
  },
  ReviseProposal: {
    input: () => ({ caseNumber: '30.25', proposalId: 'p26-vip', amountRequested: '1800000', reason: 'Justert etter dialog med kommunene' }),
    invalid: { body: { amountRequested: '1800000' }, path: 'reason' },
  },
  RecordRecommendation: {
    input: () => ({ caseNumber: '30.25', year: 2026, lines: [{ target: { initiativeId: 'vip' }, amountRecommended: '1500000' }] }),
    invalid: { body: { year: 2026, lines: [] }, path: 'lines' },
  },
  ProposeResolution: {
    input: () => ({
      caseNumber: '30.25',
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
  CastVote: {
    input: () => ({ caseNumber: '30.25', memberId: 'leder', pointNumber: 1, choice: { answer: 'yes' }, effectiveDate: '2025-11-13' }),
    invalid: { body: { memberId: 'leder', pointNumber: 1, choice: { answer: 'maybe' } }, path: 'choice' },
  },
  AdoptResolution: {
    input: () => ({
      caseNumber: '30.25',
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
  RestartInitiative: {
    input: () => ({ initiativeId: 'ny-satsning', reason: 'SSU vedtok å starte satsningen igjen', authority: priorities }),
    invalid: { body: { reason: 'Startes igjen' }, path: 'authority' },
  },
  AwardGrant: {
    input: () => ({
      year: 2025,
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
  ChangeGrantPlan: {
    input: () => ({
      grantId: 'g2025-vip-plan',
      instalments: [
        { year: 2025, amount: '80000' },
        { year: 2026, amount: '120000' },
      ],
      authority: priorities,
      reason: 'Mer av arbeidet skjer i 2026',
    }),
    invalid: { body: { instalments: [], authority: priorities, reason: 'Ingen' }, path: 'instalments' },
  },
  AdjustGrant: {
    input: () => ({
      year: 2025,
      grantId: 'g2025-vip-plan',
      amountChange: '-20000',
      authority: priorities,
      reason: 'Lavere kostnad enn antatt',
    }),
    invalid: { body: { amountChange: '0', authority: priorities, reason: 'Ingen endring' }, path: 'amountChange' },
  },
  ReleaseFunds: {
    input: () => ({ year: 2025, grantId: 'g2025-vip-plan', amount: '10000', reason: 'Del av aktiviteten utgår' }),
    invalid: { body: { amount: '-10000', reason: 'Del av aktiviteten utgår' }, path: 'amount' },
  },
  ReportSpending: {
    input: () => ({ year: 2025, initiativeId: 'vip', amount: '5000', reference: 'Faktura 2025-117' }),
    invalid: { body: { amount: '5000', reference: 'Faktura 2025-117' }, path: 'initiativeId' },
  },
  CorrectSpending: {
    input: (earlier) => ({ year: 2025, correctsEventId: eventOf(earlier, 'ReportSpending'), amountChange: '-1000', reason: 'Kreditnota' }),
    invalid: { body: { correctsEventId: 'faktura-117', amountChange: '-1000', reason: 'Kreditnota' }, path: 'correctsEventId' },
  },
  ReleaseEarmarkedFunds: {
    input: () => ({ year: 2025, initiativeId: 'dho', amount: '100000', reason: 'Mindreforbruk i prosjektet' }),
    invalid: { body: { amount: '1e5', reason: 'Mindreforbruk' }, path: 'amount' },
  },
  DropInitiative: {
    input: () => ({ year: 2025, initiativeId: 'samhandling-fastleger', reason: 'Aktiviteten er ikke startet og utgår' }),
    invalid: { body: { reason: '' }, path: 'reason' },
  },
  EstablishReserveFund: {
    input: () => ({ year: 2025, name: 'Fond for implementering', authority: fund }),
    invalid: { body: { name: 'Fond for implementering' }, path: 'authority' },
  },
  SettleYear: {
    input: () => ({ year: 2025 }),
    invalid: { body: { effectiveDate: '2025-02-30' }, path: 'effectiveDate' },
  },
  CorrectClosedReceipt: {
    input: (earlier) => ({
      year: 2026,
      correctedYear: 2025,
      correctsEventId: eventOf(earlier, 'ReceiveFunds'),
      amount: '205000',
      reference: 'Tilleggsbevilgning 2025, korrigert brev',
      reason: 'Tilleggsbevilgningen var 5 000 høyere enn ført',
    }),
    invalid: { body: { correctedYear: 2025, correctsEventId: 'x', amount: '205000', reason: 'x' }, path: 'correctsEventId' },
  },
  CorrectClosedSpending: {
    input: (earlier) => ({
      year: 2026,
      correctedYear: 2025,
      correctsEventId: eventOf(earlier, 'ReportSpending'),
      amount: '3000',
      reference: 'Regnskap 2025, kreditnota',
      reason: 'Forbruket var 1 000 lavere',
    }),
    invalid: { body: { correctedYear: 2025, correctsEventId: eventOf(new Map(), 'x'), amount: '-3000', reason: 'x' }, path: 'amount' },
  },
  CorrectClosedRelease: {
    input: (earlier) => ({
      year: 2026,
      correctedYear: 2025,
      correctsEventId: eventOf(earlier, 'ReleaseFunds'),
      amount: '5000',
      authority: priorities,
      reason: 'Bare halvparten skulle frigjøres',
    }),
    invalid: { body: { correctedYear: 2025, correctsEventId: eventOf(new Map(), 'x'), amount: '5000', reason: 'x' }, path: 'authority' },
  },
  CorrectClosedGrant: {
    input: () => ({
      year: 2026,
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
  RecordOpeningBalance: {
    input: () => ({
      year: 2030,
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
};

/** A command sent through the generic endpoint, by its type. */
const generic: Given = { type: 'RegisterPartner', partnerId: 'helseregion-sor', name: 'Helseregion Sør-Østerdal', kind: 'health-region' };

/**
 * Every command, by its endpoint, at the path its definition offers it on, in the order of
 * `endpointInputs`; then one through the generic endpoint. A command without a case fails
 * to compile (and test/command-edges.unit.test.ts names it).
 */
export const commandEndpointCases: CommandEndpointCase[] = [
  ...(Object.entries(endpointInputs) as [CommandType, EndpointInput<CommandType>][]).map(([type, { input, invalid }]) => ({
    type,
    // The path's fields never depend on what earlier endpoints recorded.
    path: commandRequest(type, input(new Map())).path,
    body: (earlier: Earlier) => commandRequest(type, input(earlier)).body,
    invalid,
  })),
  {
    type: 'RegisterPartner (POST /api/commands)',
    path: '/api/commands',
    body: () => ({ ...generic }),
    invalid: { body: { type: 'RegisterGrantee', partnerId: 'helseregion-sor' }, path: 'type' },
  },
];
