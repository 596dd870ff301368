import type { CommandInput } from '../../src/commands/table.js';
import type { EventStore } from '../../src/store/port.js';
import { LAST_YEAR } from '../../src/shared/bounds.js';

/**
 * A seeded generator of realistic command histories for the ledger: many years of
 * the partnership's collaboration funds, with programme areas, initiatives (criteria
 * and phases), partners and committee members; per year the funds received, a
 * priority case with proposals, revisions, a recommendation, a proposed resolution
 * with a reserve-fund point and its alternatives, votes (some changed), an adopted
 * resolution, grants (some multi-year), a reserve fund, and through the year follow-up
 * cases, adjustments, releases, spending reports and phase changes; then the
 * year-end settlement, year after year, in order.
 *
 * The generator keeps a model of every year's money (in øre) and of what each adopted
 * point authorises that mirrors the rules of `src/commands/`, so every command it yields
 * passes the rules, and it knows how many events each command records (a settlement
 * records one per carried figure, plus the closing). Its effective dates never go back:
 * each command takes effect on or after the one before (votes and adoptions at their
 * meeting), so the model needs no dates of its own. Same seed and options → the same
 * commands, byte for byte. The last date is `historyEnd(options)`: a ledger recording a
 * history needs a clock on or after it (decisions never take effect in the future).
 *
 * Now and then it also changes a multi-year plan, draws on the reserve fund, releases
 * earmarked funds, drops an initiative, records the receipt it expects for next year,
 * corrects a receipt and corrects a closed year in the first open one. The two
 * corrections name the event they correct by id, which exists only once the earlier
 * command is recorded: the generator names it by a reference (`eventReference`), and
 * whoever records the history resolves each command just before executing it
 * (`resolveReferences`, which reads the id from the store). It does not generate
 * `CorrectSpending`.
 *
 * Used by the fault tests (test/fault-*.int.test.ts) and the benchmarks (bench/).
 * It must not import vitest: the benchmarks compile it to dist/.
 */

/** A command as generated: with its idempotency key and effective date. */
export type GeneratedCommand = CommandInput & { idempotencyKey: string; effectiveDate: string };
type Body<T extends CommandInput['type']> = Omit<Extract<CommandInput, { type: T }>, 'idempotencyKey' | 'effectiveDate'>;
type AnyBody = { [T in CommandInput['type']]: Body<T> }[CommandInput['type']];

export interface GeneratorOptions {
  /**
   * Stop once the commands yielded record at least this many events. The activity
   * of each year is scaled so the history spreads over all its years.
   */
  events?: number;
  /** How many years, from `firstYear`. Default: 61 without `events` (2000–2060), else about one year per 250 events (1–61). */
  years?: number;
  /** @defaultValue 2000 */
  firstYear?: number;
  /** Events per year when `events` is not given. @defaultValue 300 */
  eventsPerYear?: number;
}

export interface GeneratedStep {
  command: GeneratedCommand;
  /** How many events the rules record for this command. */
  expectedEvents: number;
  /** The year of funds (or of the case) the command belongs to. */
  year: number;
  /** The stream the command writes to. */
  stream: string;
}

const REFERENCE = /^ref:([^:]+):([^:]+):(\d+)$/;

/** Stands for the id of an event a generated command records: its stream, the command's idempotency key, the event's index. */
function eventReference(stream: string, idempotencyKey: string, eventIndex = 0): string {
  return `ref:${stream}:${idempotencyKey}:${eventIndex}`;
}

/**
 * The command with a reference to an earlier command's event (in `correctsEventId`)
 * replaced by that event's id, read from the store the history is recorded in. Resolve
 * each command just before executing it; the event it refers to was recorded long before
 * (a year's first receipt, corrected at the year's end; a closed year's events).
 */
export async function resolveReferences<C extends GeneratedCommand>(command: C, store: Pick<EventStore, 'readStream'>): Promise<C> {
  if (!('correctsEventId' in command)) return command;
  const match = REFERENCE.exec(command.correctsEventId);
  if (!match) return command;
  const [, stream, idempotencyKey, index] = match as unknown as [string, string, string, string];
  let seen = 0;
  for await (const record of store.readStream(stream))
    if ((record.metadata as { idempotencyKey?: string }).idempotencyKey === idempotencyKey && seen++ === Number(index))
      return { ...command, correctsEventId: record.id };
  throw new Error(`${command.idempotencyKey} corrects an event of ${idempotencyKey} in ${stream}, which is not recorded`);
}

/** The commands of a seeded history, in order. */
export function* generateCommands(seed: number, options: GeneratorOptions = {}): Generator<GeneratedCommand> {
  for (const step of generateSteps(seed, options)) yield step.command;
}

/** The same history, each command with the number of events it records and its stream. */
export function* generateSteps(seed: number, options: GeneratorOptions = {}): Generator<GeneratedStep> {
  const generator = new HistoryGenerator(seed, options);
  yield* generator.run();
}

/** The years a history of these options covers. */
export function yearsOf(options: GeneratorOptions = {}): number[] {
  const { firstYear, years } = resolveOptions(options);
  return Array.from({ length: years }, (_, index) => firstYear + index);
}

// ---------------------------------------------------------------------------
// Seeded randomness

/** A small, fast seeded PRNG (sfc32 seeded by splitmix32); the same seed gives the same sequence. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let state = seed >>> 0;
    const splitmix = () => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let index = 0; index < 12; index++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight; weights of zero are never picked. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T | null {
    const total = entries.reduce((sum, [, weight]) => sum + Math.max(0, weight), 0);
    if (total <= 0) return null;
    let point = this.next() * total;
    for (const [item, weight] of entries) {
      if (weight <= 0) continue;
      point -= weight;
      if (point < 0) return item;
    }
    return entries.filter(([, weight]) => weight > 0).at(-1)![0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let index = items.length - 1; index > 0; index--) {
      const other = Math.floor(this.next() * (index + 1));
      [items[index], items[other]] = [items[other]!, items[index]!];
    }
    return items;
  }

  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle([...items]).slice(0, Math.max(0, Math.min(count, items.length)));
  }
}

// ---------------------------------------------------------------------------
// Money in øre

const KR = 100;

/** An amount in øre as the decimal string of a command: `123456` → `"1234.56"`, `100000` → `"1000"`. */
export function formatOre(ore: number): string {
  if (!Number.isSafeInteger(ore) || ore < 0) throw new RangeError(`not an amount in øre: ${ore}`);
  const kroner = Math.floor(ore / KR);
  const rest = ore % KR;
  return rest === 0 ? String(kroner) : `${kroner}.${String(rest).padStart(2, '0')}`;
}

function formatChange(ore: number): string {
  return ore < 0 ? `-${formatOre(-ore)}` : formatOre(ore);
}

/** Rounds down to a multiple of `step` øre, but never below `minimum`. */
function roundDown(ore: number, step: number): number {
  return Math.floor(ore / step) * step;
}

// ---------------------------------------------------------------------------
// The model of the rules

interface GrantModel {
  grantId: string;
  initiativeId: string;
  instalment: number;
  adjusted: number;
  released: number;
  /** Drawn from the reserve fund, not the frame. */
  fromReserve: boolean;
}

class YearModel {
  closed = false;
  received = 0;
  remainderIn = 0;
  releasedIn = 0;
  reserveIn = 0;
  reserved = 0;
  readonly grants = new Map<string, GrantModel>();
  readonly earmarkedIn = new Map<string, number>();
  readonly spent = new Map<string, number>();
  readonly earmarkReleased = new Map<string, number>();
  /** Instalments placed in this year by multi-year grants of earlier years. */
  committedByEarlierYears = 0;
  /** Corrections of the closed year before, recorded in this one. */
  adjustment = 0;
  /** Granted from the reserve fund. */
  drawn = 0;
  /** The expectation recorded for this year before its funds arrive, if any. */
  expected: number | null = null;
  /** The first receipt: a reference to its event, and its amount as corrected. */
  receipt: { ref: string; amount: number } | null = null;
  /** The grants awarded in this year: references to their events, for corrections once the year is closed. */
  readonly grantRefs: { ref: string; initiativeId: string }[] = [];

  constructor(readonly year: number) {}

  frame(): number {
    return this.received + this.remainderIn + this.releasedIn + this.adjustment;
  }

  granted(): number {
    let total = 0;
    for (const grant of this.grants.values()) if (!grant.fromReserve) total += grant.instalment + grant.adjusted;
    return total;
  }

  reserveBalance(): number {
    return this.reserveIn + this.reserved - this.drawn;
  }

  earmarkLeft(initiativeId: string): number {
    return (this.earmarkedIn.get(initiativeId) ?? 0) - (this.earmarkReleased.get(initiativeId) ?? 0);
  }

  releasedTotal(): number {
    let released = 0;
    for (const grant of this.grants.values()) released += grant.released;
    for (const amount of this.earmarkReleased.values()) released += amount;
    return released;
  }

  available(): number {
    return this.frame() - this.granted() - this.reserved;
  }

  initiativeAvailable(initiativeId: string): number {
    let available = this.earmarkedIn.get(initiativeId) ?? 0;
    for (const grant of this.grants.values())
      if (grant.initiativeId === initiativeId) available += grant.instalment + grant.adjusted - grant.released;
    return available - (this.spent.get(initiativeId) ?? 0) - (this.earmarkReleased.get(initiativeId) ?? 0);
  }

  /** What a grant can still be lowered or released by: its unreleased amount, but no more than the initiative has unspent. */
  grantLowerable(grant: GrantModel): number {
    return Math.min(grant.instalment + grant.adjusted - grant.released, this.initiativeAvailable(grant.initiativeId));
  }

  initiativesWithFunds(): string[] {
    const ids = new Set<string>([...this.earmarkedIn.keys(), ...[...this.grants.values()].map((grant) => grant.initiativeId)]);
    return [...ids].filter((id) => this.initiativeAvailable(id) > 0).sort();
  }
}

interface CaseModel {
  caseNumber: string;
  year: number;
  kind: 'priorities' | 'follow-up';
  points: { number: number; alternatives: { number: number; amount: number | null }[] }[] | null;
  votes: Map<string, { memberId: string; pointNumber: number; choice: Choice }>;
  voteCount: number;
  adopted: { number: number; outcome: 'adopted' | 'rejected'; alternativeNumber?: number }[] | null;
  proposals: string[];
  /** Initiatives the case concerns (follow-up cases). */
  initiatives: string[];
  /** The day of the year of its meeting: votes and the adoption take effect then, or on a day it continued. */
  meetingDay: number;
  /** The later days the meeting continued on. */
  continuedOn: Set<string>;
  /** The point that authorises draws on the reserve fund, if the case has one. */
  drawPoint: number | null;
}

type Choice = { alternativeNumber: number } | { answer: 'yes' | 'no' | 'blank' };

/** How the tally counts a choice (src/domain/tally.ts): `yes`, `no`, `alt:N`; null for blank. */
function keyOfChoice(choice: Choice): string | null {
  if ('alternativeNumber' in choice) return `alt:${choice.alternativeNumber}`;
  return choice.answer === 'blank' ? null : choice.answer;
}

function choiceOfKey(key: string): Choice {
  return key.startsWith('alt:') ? { alternativeNumber: Number(key.slice(4)) } : { answer: key as 'yes' | 'no' };
}

type Authorises =
  | { kind: 'none' }
  | { kind: 'recommendation' }
  | { kind: 'allocation'; fundedBy: 'frame' | 'reserve-fund'; lines: { target: { initiativeId: string }; year: number; amount: string }[] }
  | { kind: 'reserve-fund'; year: number };

/** A recommended line and how its amount is planned over the years. */
interface PlannedLine {
  target: { initiativeId: string } | { proposalId: string };
  instalments: { year: number; amount: number }[];
  request: { proposalId: string; target: { initiativeId: string } | { newInitiativeName: string }; requested: number | null };
}

interface ProposedPoint {
  number: number;
  text: string;
  alternatives: { number: number; label: string; amount: number | null }[];
  authorises: Authorises;
}

interface InitiativeModel {
  initiativeId: string;
  name: string;
  programmeAreaId: string;
  phase: Phase;
}

type Phase = 'oppstart' | 'innsikt' | 'løsning' | 'drift';
const PHASES: Phase[] = ['oppstart', 'innsikt', 'løsning', 'drift'];
const CRITERIA = ['drift', 'utvikling', 'bredding'] as const;

const PROGRAMME_AREAS: [string, string][] = [
  ['bo-trygt-hjemme', 'Bo trygt hjemme med integrerte helsetjenester'],
  ['barn-og-unge', 'Barn og unge'],
  ['desentrale-tjenester', 'Desentrale tjenester og digitalisering'],
  ['utvikle-hfi', 'Utvikle Helsefellesskap Innlandet'],
  ['psykisk-helse-rus', 'Psykisk helse og rus'],
  ['kompetanse-rekruttering', 'Kompetanse og rekruttering'],
  ['eldre-skropelige', 'Skrøpelige eldre og personer med flere kroniske lidelser'],
];

const FIRST_INITIATIVES: [string, string, string][] = [
  ['vip', 'VIP (very important patient)', 'bo-trygt-hjemme'],
  ['forebygging-og-mestring', 'Forebygging og mestring (innsatstrapp, innbyggerdialog)', 'bo-trygt-hjemme'],
  ['kunnskap', 'Kunnskap', 'bo-trygt-hjemme'],
  ['barn-med-autisme', 'Barn med autisme', 'barn-og-unge'],
  ['samba', 'SAMBA (BUP Tynset og Nord-Østerdal)', 'barn-og-unge'],
  ['mobil-video-sarbehandling', 'Mobil videoløsning / hodekamera for sårbehandling', 'desentrale-tjenester'],
  ['dho', 'DHO (digital hjemmeoppfølging)', 'desentrale-tjenester'],
  ['samhandling-fastleger', 'Økt samhandling med fastleger', 'desentrale-tjenester'],
  ['psykologspesialist-legevakt', 'Prosjekt psykologspesialist i legevakt', 'desentrale-tjenester'],
  ['kommunikasjon', 'Kommunikasjon', 'utvikle-hfi'],
  ['digitalt-avvikssystem', 'Digitalt avvikssystem', 'utvikle-hfi'],
  ['felles-modell-tjenesteutvikling', 'Felles modell for tjenesteutvikling', 'utvikle-hfi'],
  ['innovasjonsarenaer', 'Innovasjonsarenaer (samhandlingskonferanse)', 'utvikle-hfi'],
  ['arbeidsutvalg', 'Arbeidsutvalg, samhandlingskoordinatorer/-rådgivere i regioner', 'utvikle-hfi'],
];

const TOPICS = [
  'Hjemmesykehus',
  'Velferdsteknologi',
  'Demensteam',
  'Rehabilitering i hjemmet',
  'Palliativ omsorg',
  'Ernæring for eldre',
  'Felles akutteam',
  'Læring og mestring',
  'Samvalg',
  'Pasientforløp kols',
  'Jordmor i kommunen',
  'Kreftkoordinator',
  'Digitalt tilsyn',
  'Ambulant psykiatri',
  'Rusbehandling poliklinisk',
  'Barnehabilitering',
  'Skolehelsetjeneste',
  'Legevaktsamarbeid',
  'Kompetanseløft sykepleie',
  'Hospitering',
  'Felles simuleringstrening',
  'Tolketjeneste',
  'Medisinsk avstandsoppfølging',
  'Utskrivningsklare pasienter',
];

const REGIONS = [
  'Hedmarken',
  'Gjøvik',
  'Lillehammer',
  'Valdres',
  'Nord-Gudbrandsdal',
  'Sør-Østerdal',
  'Nord-Østerdal',
  'Hadeland',
  'Land',
  'Glåmdal',
  'Midt-Gudbrandsdal',
  'Solør',
];

const FIRST_NAMES = [
  'Kari',
  'Ola',
  'Ingrid',
  'Lars',
  'Marit',
  'Per',
  'Anne',
  'Jon',
  'Sigrid',
  'Nils',
  'Hilde',
  'Trond',
  'Liv',
  'Knut',
  'Randi',
  'Arne',
];
const LAST_NAMES = [
  'Haugen',
  'Bakken',
  'Lien',
  'Moen',
  'Dahl',
  'Berg',
  'Nygård',
  'Strand',
  'Sveen',
  'Rud',
  'Kvam',
  'Hagen',
  'Løken',
  'Brenden',
];

function slug(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .replaceAll('å', 'a')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function resolveOptions(options: GeneratorOptions): { firstYear: number; years: number; target: number; perYear: number } {
  const firstYear = options.firstYear ?? 2000;
  const target = options.events ?? Number.POSITIVE_INFINITY;
  const defaultYears = options.events === undefined ? 61 : Math.min(61, Math.max(1, Math.floor(options.events / 250)));
  const years = Math.max(1, Math.min(options.years ?? defaultYears, 2099 - firstYear + 1));
  if (firstYear < 2000 || firstYear > 2099) throw new RangeError('firstYear must be 2000–2099 (case numbers are NN.YY)');
  const perYear = options.events === undefined ? (options.eventsPerYear ?? 300) : Math.max(1, options.events / years);
  return { firstYear, years, target, perYear };
}

function dateOf(year: number, dayOfYear: number): string {
  const day = Math.max(0, Math.min(363, Math.floor(dayOfYear)));
  return new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10);
}

const caseNumberOf = (number: number, year: number) => `${String(number).padStart(2, '0')}.${String(year % 100).padStart(2, '0')}`;

/** Later instalments of multi-year grants may take at most this much of a later year (well below any year's receipt). */
const FUTURE_CAP = 3_000_000 * KR;

class HistoryGenerator {
  private readonly random: Random;
  private readonly options: ReturnType<typeof resolveOptions>;
  private readonly years = new Map<number, YearModel>();
  private readonly cases = new Map<string, CaseModel>();
  private readonly programmeAreas: string[] = [];
  private readonly initiatives = new Map<string, InitiativeModel>();
  private readonly partners: string[] = [];
  private readonly committee: string[] = [];
  private memberCount = 0;
  private initiativeCount = 0;
  private grantCount = 0;
  private proposalCount = 0;
  /** What adopted points authorise, by `case#point|initiative|year`, and what has been granted under them. */
  private readonly authorised = new Map<string, number>();
  private readonly granted = new Map<string, number>();
  /** Multi-year grants whose plans may change: the years of their instalments and the point that authorised them. */
  private readonly plans: {
    grantId: string;
    initiativeId: string;
    authority: { caseNumber: string; pointNumber: number };
    years: number[];
  }[] = [];
  private commandIndex = 0;
  private eventsYielded = 0;
  /** Events planned in the years before the one being planned. */
  private eventsPlannedBefore = 0;
  /** The steps of the year being planned. */
  private steps: GeneratedStep[] = [];
  private day = 0;
  private currentYear = 0;

  constructor(
    private readonly seed: number,
    options: GeneratorOptions,
  ) {
    this.random = new Random(seed);
    this.options = resolveOptions(options);
  }

  *run(): Generator<GeneratedStep> {
    const { firstYear, years, target } = this.options;
    for (let year = firstYear; year < firstYear + years; year++) {
      this.planYear(year);
      for (const step of this.steps) {
        if (this.eventsYielded >= target) return;
        this.eventsYielded += step.expectedEvents;
        yield step;
      }
    }
    if (this.eventsYielded < target) {
      this.steps = [];
      this.currentYear = firstYear + years;
      this.day = 10;
      this.settle(firstYear + years - 1);
      for (const step of this.steps) {
        if (this.eventsYielded >= target) return;
        this.eventsYielded += step.expectedEvents;
        yield step;
      }
    }
  }

  private yearModel(year: number): YearModel {
    let model = this.years.get(year);
    if (!model) {
      model = new YearModel(year);
      this.years.set(year, model);
    }
    return model;
  }

  /** Adds a command to the history; returns a reference to the first event it records. */
  private emit(body: AnyBody, options: { year: number; stream: string; events?: number; day?: number }): string {
    const index = this.commandIndex++;
    const effectiveDate = dateOf(this.currentYear, options.day ?? this.day);
    const idempotencyKey = `gen-${this.seed}-${String(index).padStart(7, '0')}`;
    const command = { ...body, idempotencyKey, effectiveDate };
    this.steps.push({ command, expectedEvents: options.events ?? 1, year: options.year, stream: options.stream });
    return eventReference(options.stream, idempotencyKey);
  }

  private eventsPlanned(): number {
    return this.steps.reduce((sum, step) => sum + step.expectedEvents, 0);
  }

  // ----- the year -----------------------------------------------------------

  private planYear(year: number): void {
    this.eventsPlannedBefore += this.eventsPlanned();
    this.steps = [];
    this.currentYear = year;
    this.day = 5;
    const { firstYear, years, target } = this.options;
    // With a target, each year takes an even share of what is left, so the history reaches it in its last year.
    const perYear = Number.isFinite(target)
      ? Math.max(1, (target - this.eventsPlannedBefore) / (firstYear + years - year))
      : this.options.perYear;
    if (year === firstYear) this.registerFoundations();
    else this.settle(year - 1);
    const model = this.yearModel(year);

    this.day = 20;
    this.receive(year, model, (10_000_000 + this.random.int(0, 300) * 5_000) * KR);
    this.evolveRegistry(year);

    const caseNumbers = { next: 1 };
    this.day = 60;
    const priorities = this.priorityCase(year, caseNumbers, perYear);
    this.grantFromPriorities(year, model, priorities);

    // Through the year: follow-up cases, spending, adjustments, releases.
    // Left for the end of the year: adopting the follow-up cases still open (at most three, two events each).
    const fillerBudget = Math.max(0, perYear - this.eventsPlanned() - 6);
    this.fill(year, model, caseNumbers, priorities, fillerBudget);
    this.day = Math.max(this.day, 345);
    if (this.random.chance(0.3)) this.correctReceipt(year, model);
    // Never back in time: a case opened late in December is closed after it was opened.
    this.day = Math.max(this.day, 350);
    this.closeOpenCases(year);
  }

  private registerFoundations(): void {
    for (const [id, name] of PROGRAMME_AREAS.slice(0, 4)) this.registerProgrammeArea(id, name);
    this.registerPartner('kommunene', 'Kommunene i Innlandet (helseregionene)', 'municipalities');
    this.registerPartner('si', 'Sykehuset Innlandet', 'hospital-trust');
    for (const region of REGIONS.slice(0, 7)) this.registerPartner(`hr-${slug(region)}`, `Helseregion ${region}`, 'health-region');
    for (const division of ['Psykisk helsevern', 'Prehospitale tjenester', 'Medisinsk klinikk', 'Habilitering og rehabilitering'])
      this.registerPartner(`si-${slug(division)}`, `Divisjon ${division}, SI`, 'division');
    for (const [id, name, area] of FIRST_INITIATIVES) this.registerInitiative(id, name, area);
    for (let index = 0; index < 12; index++) this.registerMember();
    // The committee decides with at least five members taking part.
    this.emit({ type: 'SetQuorum', quorum: 5 }, { year: this.currentYear, stream: 'registry' });
  }

  private registerProgrammeArea(id: string, name: string): void {
    this.programmeAreas.push(id);
    this.emit({ type: 'RegisterProgrammeArea', programmeAreaId: id, name }, { year: this.currentYear, stream: 'registry' });
  }

  private registerPartner(id: string, name: string, kind: 'municipalities' | 'health-region' | 'hospital-trust' | 'division'): void {
    this.partners.push(id);
    this.emit({ type: 'RegisterPartner', partnerId: id, name, kind }, { year: this.currentYear, stream: 'registry' });
  }

  private registerInitiative(
    id: string,
    name: string,
    programmeAreaId: string,
    fromProposal?: { caseNumber: string; proposalId: string },
  ): string {
    const phase = this.random.pick(PHASES.slice(0, 3));
    this.initiatives.set(id, { initiativeId: id, name, programmeAreaId, phase });
    this.initiativeCount += 1;
    this.emit(
      {
        type: 'RegisterInitiative',
        initiativeId: id,
        name,
        programmeAreaId,
        criterion: this.random.pick(CRITERIA),
        phase,
        ...(fromProposal ? { fromProposal } : {}),
      },
      { year: this.currentYear, stream: 'registry' },
    );
    return id;
  }

  private newInitiativeName(): string {
    return `${this.random.pick(TOPICS)} ${this.random.pick(REGIONS)}`;
  }

  private newInitiativeId(name: string): string {
    return `i${this.initiativeCount + 1}-${slug(name)}`.slice(0, 64).replace(/-+$/, '');
  }

  private registerMember(): void {
    this.memberCount += 1;
    const id = `m${this.memberCount}`;
    const name = `${this.random.pick(FIRST_NAMES)} ${this.random.pick(LAST_NAMES)}`;
    this.committee.push(id);
    this.emit(
      { type: 'RegisterCommitteeMember', memberId: id, name, partnerId: this.random.pick(this.partners) },
      { year: this.currentYear, stream: 'registry' },
    );
  }

  private evolveRegistry(year: number): void {
    if (year % 9 === 0 && this.programmeAreas.length < PROGRAMME_AREAS.length) {
      const [id, name] = PROGRAMME_AREAS[this.programmeAreas.length]!;
      this.registerProgrammeArea(id, name);
    }
    for (let index = this.random.int(1, 2); index > 0; index--) {
      const name = this.newInitiativeName();
      this.registerInitiative(this.newInitiativeId(name), name, this.random.pick(this.programmeAreas));
    }
    // Committee turnover: one or two members leave, others join.
    if (this.random.chance(0.4) && this.committee.length > 8) this.committee.splice(this.random.int(0, this.committee.length - 1), 1);
    while (this.committee.length < 12 || (this.random.chance(0.3) && this.committee.length < 16)) this.registerMember();
    for (const initiative of this.random.sample([...this.initiatives.values()], this.random.int(1, 3))) this.changePhase(initiative);
  }

  private changePhase(initiative: InitiativeModel): void {
    const index = PHASES.indexOf(initiative.phase);
    const next =
      index < PHASES.length - 1 && this.random.chance(0.85)
        ? PHASES[index + 1]!
        : this.random.pick(PHASES.filter((phase) => phase !== initiative.phase));
    initiative.phase = next;
    this.emit(
      { type: 'ChangeInitiativePhase', initiativeId: initiative.initiativeId, phase: next },
      { year: this.currentYear, stream: 'registry' },
    );
  }

  private receive(year: number, model: YearModel, ore: number): void {
    model.received += ore;
    const ref = this.emit(
      {
        type: 'ReceiveFunds',
        year,
        amount: formatOre(ore),
        reference: `Rekrutterings- og samhandlingsmidler ${year}`,
        receivedOn: dateOf(year, this.day),
      },
      { year, stream: `year-${year}` },
    );
    model.receipt ??= { ref, amount: ore };
  }

  // ----- cases --------------------------------------------------------------

  private openCase(year: number, caseNumbers: { next: number }, kind: CaseModel['kind'], title: string): CaseModel {
    const caseNumber = caseNumberOf(caseNumbers.next++, year);
    const model: CaseModel = {
      caseNumber,
      year,
      kind,
      points: null,
      votes: new Map(),
      voteCount: 0,
      adopted: null,
      proposals: [],
      initiatives: [],
      meetingDay: Math.min(363, Math.floor(this.day) + 14),
      continuedOn: new Set(),
      drawPoint: null,
    };
    this.cases.set(caseNumber, model);
    this.emit({ type: 'OpenCase', caseNumber, meetingDate: dateOf(year, model.meetingDay), title }, { year, stream: `case-${caseNumber}` });
    return model;
  }

  private submitProposal(
    caseModel: CaseModel,
    target: { initiativeId: string } | { newInitiativeName: string },
    requested: number | null,
  ): string {
    this.proposalCount += 1;
    const proposalId = `p${this.proposalCount}`;
    caseModel.proposals.push(proposalId);
    const submitters = this.random.sample(this.partners, this.random.chance(0.8) ? 1 : 2);
    this.emit(
      {
        type: 'SubmitProposal',
        caseNumber: caseModel.caseNumber,
        proposalId,
        year: caseModel.year,
        target,
        amountRequested: requested === null ? null : formatOre(requested),
        submittedBy: submitters,
        ...(this.random.chance(0.7)
          ? {
              description: this.random.pick([
                'Videreføring av prosjektleder',
                'Implementering i flere helseregioner',
                'Ny satsning',
                'Kartlegging og utredning',
                'Kompetanseheving',
              ]),
            }
          : {}),
      },
      { year: caseModel.year, stream: `case-${caseModel.caseNumber}` },
    );
    return proposalId;
  }

  private proposeResolution(caseModel: CaseModel, points: ProposedPoint[]): void {
    caseModel.points = points.map((point) => ({
      number: point.number,
      alternatives: point.alternatives.map((alternative) => ({ number: alternative.number, amount: alternative.amount })),
    }));
    this.emit(
      {
        type: 'ProposeResolution',
        caseNumber: caseModel.caseNumber,
        points: points.map((point) => ({
          number: point.number,
          text: point.text,
          alternatives: point.alternatives.map((alternative) => ({
            number: alternative.number,
            label: alternative.label,
            amount: alternative.amount === null ? null : formatOre(alternative.amount),
          })),
          authorises: point.authorises,
        })),
      },
      { year: caseModel.year, stream: `case-${caseModel.caseNumber}` },
    );
  }

  /**
   * Votes and the adoption are dated on a day the committee met on the case: its meeting,
   * or — when the case is taken up later — a continued meeting, recorded first.
   */
  private atMeeting(caseModel: CaseModel): void {
    this.day = Math.max(this.day, caseModel.meetingDay);
    const date = dateOf(this.currentYear, this.day);
    if (date === dateOf(caseModel.year, caseModel.meetingDay) || caseModel.continuedOn.has(date)) return;
    caseModel.continuedOn.add(date);
    this.emit(
      { type: 'ContinueMeeting', caseNumber: caseModel.caseNumber, date, reason: 'Saken ble behandlet videre i et senere møte' },
      { year: caseModel.year, stream: `case-${caseModel.caseNumber}` },
    );
  }

  private castVote(caseModel: CaseModel, memberId: string, pointNumber: number, choice: Choice): void {
    this.atMeeting(caseModel);
    caseModel.votes.set(`${memberId}|${pointNumber}`, { memberId, pointNumber, choice });
    caseModel.voteCount += 1;
    this.emit(
      { type: 'CastVote', caseNumber: caseModel.caseNumber, memberId, pointNumber, choice },
      { year: caseModel.year, stream: `case-${caseModel.caseNumber}` },
    );
  }

  private randomChoice(point: { alternatives: { number: number }[] }, yesBias: number): Choice {
    if (point.alternatives.length > 0)
      return this.random.chance(0.05) ? { answer: 'blank' } : { alternativeNumber: this.random.pick(point.alternatives).number };
    const roll = this.random.next();
    return { answer: roll < yesBias ? 'yes' : roll < yesBias + (1 - yesBias) * 0.8 ? 'no' : 'blank' };
  }

  /** Votes of the committee on a case: most members on most points, some changing their vote. */
  private voteOn(caseModel: CaseModel, participation: number, changeRate: number): void {
    for (const point of caseModel.points ?? [])
      for (const memberId of this.committee) {
        if (!this.random.chance(participation)) continue;
        this.castVote(caseModel, memberId, point.number, this.randomChoice(point, 0.8));
        if (this.random.chance(changeRate)) this.castVote(caseModel, memberId, point.number, this.randomChoice(point, 0.8));
      }
  }

  /**
   * Adopts the resolution as the last votes decide it, point by point, by the rule the
   * votes carry: no vote against → consensus; otherwise the choice with most votes, by
   * majority. A tie is broken by a member changing their vote (with `mustAdopt`, until
   * the point is adopted). The dissent is what the ledger derives from the votes.
   */
  private adopt(caseModel: CaseModel, mustAdopt: Set<number>): void {
    this.atMeeting(caseModel);
    const decided = caseModel.points!.map((point) => this.decidePoint(caseModel, point, mustAdopt.has(point.number)));
    const adopted = decided.map((entry) => entry.point);
    const lastVotes = [...caseModel.votes.values()];
    const dissent = decided.flatMap(({ point, chosen }) =>
      lastVotes
        .filter((vote) => vote.pointNumber === point.number && keyOfChoice(vote.choice) !== null && keyOfChoice(vote.choice) !== chosen)
        .map((vote) => ({ memberId: vote.memberId, pointNumber: point.number }))
        .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0)),
    );
    caseModel.adopted = adopted;
    const voters = new Set(lastVotes.map((vote) => vote.memberId));
    const present = [...new Set([...this.committee, ...voters])].sort();
    this.emit(
      {
        type: 'AdoptResolution',
        caseNumber: caseModel.caseNumber,
        points: adopted,
        decidedBy: 'consensus',
        dissent,
        membersPresent: present,
        ...(this.random.chance(0.3) ? { notes: 'Vedtatt med de innspill som kom i møtet.' } : {}),
      },
      { year: caseModel.year, stream: `case-${caseModel.caseNumber}` },
    );
  }

  /** One point's outcome and the rule its votes carry, changing votes to break a tie. */
  private decidePoint(caseModel: CaseModel, point: NonNullable<CaseModel['points']>[number], mustAdopt: boolean) {
    const withAlternatives = point.alternatives.length > 0;
    for (;;) {
      const counts = new Map<string, number>();
      for (const vote of caseModel.votes.values()) {
        const key = keyOfChoice(vote.choice);
        if (vote.pointNumber === point.number && key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      let chosen: string;
      if (ranked.length === 0)
        chosen = withAlternatives
          ? `alt:${this.random.pick(point.alternatives).number}`
          : mustAdopt || this.random.chance(0.85)
            ? 'yes'
            : 'no';
      else chosen = mustAdopt && !withAlternatives ? 'yes' : ranked[0]![0];
      const forIt = counts.get(chosen) ?? 0;
      const strongest = Math.max(0, ...ranked.filter(([key]) => key !== chosen).map(([, count]) => count));
      if (ranked.length > 0 && forIt <= strongest) {
        // A tie (or a point that must pass): one member who voted otherwise changes to the chosen choice.
        const switcher = [...caseModel.votes.values()].find(
          (vote) => vote.pointNumber === point.number && keyOfChoice(vote.choice) !== null && keyOfChoice(vote.choice) !== chosen,
        )!;
        this.castVote(caseModel, switcher.memberId, point.number, choiceOfKey(chosen));
        continue;
      }
      const rule = strongest === 0 ? undefined : ('majority' as const);
      const outcome = chosen === 'no' ? ('rejected' as const) : ('adopted' as const);
      const alternativeNumber = chosen.startsWith('alt:') ? Number(chosen.slice(4)) : undefined;
      return {
        chosen,
        point: {
          number: point.number,
          outcome,
          ...(alternativeNumber === undefined ? {} : { alternativeNumber }),
          ...(rule ? { decidedBy: rule } : {}),
        },
      };
    }
  }

  private isAdopted(caseModel: CaseModel, pointNumber: number): boolean {
    return caseModel.adopted?.some((point) => point.number === pointNumber && point.outcome === 'adopted') ?? false;
  }

  // ----- the priority case and its grants -------------------------------------

  private priorityCase(year: number, caseNumbers: { next: number }, perYear: number) {
    const model = this.yearModel(year);
    const caseModel = this.openCase(year, caseNumbers, 'priorities', `Prioritering av rekrutterings- og samhandlingsmidler ${year}`);
    const proposalCount = Math.max(4, Math.min(40, Math.round(perYear * 0.03)));
    const candidates = this.random.sample(
      [...this.initiatives.values()].filter((initiative) => initiative.phase !== 'drift' || this.random.chance(0.3)),
      proposalCount,
    );
    const requests: { proposalId: string; target: { initiativeId: string } | { newInitiativeName: string }; requested: number | null }[] =
      [];
    for (const initiative of candidates) {
      const requested = this.random.chance(0.12) ? null : this.random.int(40, 700) * 5_000 * KR;
      requests.push({
        proposalId: this.submitProposal(caseModel, { initiativeId: initiative.initiativeId }, requested),
        target: { initiativeId: initiative.initiativeId },
        requested,
      });
    }
    for (let index = this.random.int(0, 2); index > 0; index--) {
      const target = { newInitiativeName: this.newInitiativeName() };
      requests.push({ proposalId: this.submitProposal(caseModel, target, null), target, requested: null });
    }
    // Some partners revise what they asked for.
    for (const request of requests)
      if (this.random.chance(0.15)) {
        const after =
          request.requested === null
            ? this.random.int(40, 400) * 5_000 * KR
            : this.random.chance(0.2)
              ? null
              : Math.max(5_000 * KR, request.requested + this.random.int(-40, 40) * 5_000 * KR);
        if (after === request.requested) continue;
        this.emit(
          {
            type: 'ReviseProposal',
            caseNumber: caseModel.caseNumber,
            proposalId: request.proposalId,
            amountRequested: after === null ? null : formatOre(after),
            reason: 'Revidert etter dialog med sekretariatet',
          },
          { year, stream: `case-${caseModel.caseNumber}` },
        );
        request.requested = after;
      }

    // The secretariat recommends within the frame, leaving a buffer and room for a reserve fund.
    this.day = 70;
    const withReserve = this.random.chance(0.5);
    const reserveAlternatives = [750_000 * KR, 500_000 * KR];
    const room =
      model.available() -
      (withReserve ? reserveAlternatives[0]! : 0) -
      roundDown(model.frame() * (0.05 + this.random.next() * 0.1), 1000 * KR);
    let left = Math.max(0, room);
    const lines: PlannedLine[] = [];
    for (const request of this.random.shuffle([...requests])) {
      if (left < 50_000 * KR) break;
      const wish = request.requested ?? this.random.int(20, 150) * 5_000 * KR;
      const amount = Math.min(left, roundDown(wish * (0.5 + this.random.next() * 0.5), 5_000 * KR));
      if (amount < 50_000 * KR || this.random.chance(0.15)) continue;
      left -= amount;
      lines.push({
        target: 'initiativeId' in request.target ? { initiativeId: request.target.initiativeId } : { proposalId: request.proposalId },
        instalments: this.planInstalments(year, amount),
        request,
      });
    }
    // One recommendation per year: this year's lines, and the later instalments of the multi-year plans.
    for (const recommendedYear of [year, year + 1, year + 2]) {
      const yearLines = lines.flatMap((line) => {
        const instalment = line.instalments.find((candidate) => candidate.year === recommendedYear);
        return instalment ? [{ target: line.target, amountRecommended: formatOre(instalment.amount) }] : [];
      });
      if (yearLines.length > 0)
        this.emit(
          { type: 'RecordRecommendation', caseNumber: caseModel.caseNumber, year: recommendedYear, lines: yearLines },
          { year, stream: `case-${caseModel.caseNumber}` },
        );
    }

    const points: ProposedPoint[] = [
      {
        number: 1,
        text: `Strategisk samarbeidsutvalg gir tilslutning til anbefalt prioritering av rekrutterings- og samhandlingsmidler for ${year}.`,
        alternatives: [],
        authorises: { kind: 'recommendation' },
      },
      ...(withReserve
        ? [
            {
              number: 2,
              text: 'Strategisk samarbeidsutvalg beslutter å sette av midler i fond for implementering av nye samhandlingsløsninger.',
              alternatives: [
                { number: 1, label: 'Alt. 1: kr 750 000', amount: reserveAlternatives[0]! },
                { number: 2, label: 'Alt. 2: kr 500 000', amount: reserveAlternatives[1]! },
                { number: 3, label: 'Alt. 3: ikke etablere', amount: null },
              ],
              authorises: { kind: 'reserve-fund' as const, year },
            },
          ]
        : []),
      {
        number: withReserve ? 3 : 2,
        text: 'Strategisk samarbeidsutvalg ber sekretariatet sikre informasjon til partnerne om prioriterte satsninger og midler.',
        alternatives: [],
        authorises: { kind: 'none' },
      },
    ];
    this.proposeResolution(caseModel, points);
    if (this.random.chance(0.7)) this.voteOn(caseModel, 0.9, 0.1);
    this.adopt(caseModel, new Set([1]));
    return { caseModel, lines, reservePoint: withReserve ? 2 : null };
  }

  /**
   * The instalments a recommended amount is planned in: one year, or (now and then) a plan
   * of 2–3 years whose later instalments stay within what later years can carry.
   */
  private planInstalments(year: number, amount: number): { year: number; amount: number }[] {
    const single = [{ year, amount }];
    if (!this.random.chance(0.15) || year + 2 > LAST_YEAR) return single;
    const count = this.random.chance(0.6) ? 2 : 3;
    const later = Array.from({ length: count - 1 }, () => roundDown(amount * (0.4 + this.random.next() * 0.6), 1000 * KR));
    const fits = later.every((ore, index) => ore > 0 && this.yearModel(year + index + 1).committedByEarlierYears + ore <= FUTURE_CAP);
    if (!fits) return single;
    return [...single, ...later.map((ore, index) => ({ year: year + index + 1, amount: ore }))];
  }

  private grantFromPriorities(year: number, model: YearModel, priorities: ReturnType<HistoryGenerator['priorityCase']>): void {
    const { caseModel, lines, reservePoint } = priorities;
    this.day = Math.max(this.day, 80);
    if (reservePoint !== null) {
      const chosen = caseModel.adopted!.find((point) => point.number === reservePoint)!;
      const alternative = caseModel
        .points!.find((point) => point.number === reservePoint)!
        .alternatives.find((candidate) => candidate.number === chosen.alternativeNumber)!;
      if (alternative.amount !== null && alternative.amount <= model.available()) {
        model.reserved += alternative.amount;
        this.emit(
          {
            type: 'EstablishReserveFund',
            year,
            name: `Fond for implementering ${year}`,
            authority: { caseNumber: caseModel.caseNumber, pointNumber: reservePoint },
          },
          { year, stream: `year-${year}` },
        );
      }
    }
    const authority = { caseNumber: caseModel.caseNumber, pointNumber: 1 };
    for (const line of lines) {
      let initiativeId: string;
      if ('initiativeId' in line.target) initiativeId = line.target.initiativeId;
      else {
        const name = 'newInitiativeName' in line.request.target ? line.request.target.newInitiativeName : 'Ny satsning';
        initiativeId = this.registerInitiative(this.newInitiativeId(name), name, this.random.pick(this.programmeAreas), {
          caseNumber: caseModel.caseNumber,
          proposalId: line.request.proposalId,
        });
      }
      for (const instalment of line.instalments) this.authorise(authority, initiativeId, instalment.year, instalment.amount);
      this.awardGrant(year, model, initiativeId, line.instalments, authority);
    }
  }

  private authorise(authority: { caseNumber: string; pointNumber: number }, initiativeId: string, year: number, ore: number): void {
    const key = `${authority.caseNumber}#${authority.pointNumber}|${initiativeId}|${year}`;
    this.authorised.set(key, ore);
  }

  /** What is left of what a point authorises for an initiative in a year. */
  private authorityLeft(authority: { caseNumber: string; pointNumber: number }, initiativeId: string, year: number): number {
    const key = `${authority.caseNumber}#${authority.pointNumber}|${initiativeId}|${year}`;
    return (this.authorised.get(key) ?? 0) - (this.granted.get(key) ?? 0);
  }

  /** Counts a grant (or a lowering) under a point; a lowering gives the point back at most what was granted under it, as the rules do. */
  private useAuthority(authority: { caseNumber: string; pointNumber: number }, initiativeId: string, year: number, ore: number): void {
    const key = `${authority.caseNumber}#${authority.pointNumber}|${initiativeId}|${year}`;
    this.granted.set(key, Math.max(0, (this.granted.get(key) ?? 0) + ore));
  }

  /**
   * Awards a grant as planned this year, clipped to what the frame has left and what the
   * point authorises; a multi-year plan keeps its later instalments (within the cap).
   */
  private awardGrant(
    year: number,
    model: YearModel,
    initiativeId: string,
    planned: { year: number; amount: number }[],
    authority: { caseNumber: string; pointNumber: number },
  ): void {
    const first = Math.min(planned[0]!.amount, model.available(), this.authorityLeft(authority, initiativeId, year));
    if (first <= 0) return;
    const instalments = [{ year, amount: first }, ...planned.slice(1)].filter(
      (instalment, index) =>
        index === 0 || (instalment.amount <= this.authorityLeft(authority, initiativeId, instalment.year) && instalment.amount > 0),
    );
    if (instalments.some((instalment, index) => instalment.year !== year + index)) instalments.length = 1;
    this.grantCount += 1;
    const grantId = `g${year}-${this.grantCount}`;
    let plan: Body<'AwardGrant'>['plan'] = { amount: formatOre(first) };
    if (instalments.length > 1) {
      const total = instalments.reduce((sum, instalment) => sum + instalment.amount, 0);
      plan =
        instalments.every((instalment) => instalment.amount === first) && this.random.chance(0.5)
          ? { amountTotal: formatOre(total), years: instalments.length }
          : { amountTotal: formatOre(total), instalments: instalments.map((i) => ({ year: i.year, amount: formatOre(i.amount) })) };
    }
    for (const instalment of instalments) {
      const target = this.yearModel(instalment.year);
      target.grants.set(grantId, { grantId, initiativeId, instalment: instalment.amount, adjusted: 0, released: 0, fromReserve: false });
      if (instalment.year !== year) target.committedByEarlierYears += instalment.amount;
      this.useAuthority(authority, initiativeId, instalment.year, instalment.amount);
    }
    if (instalments.length > 1)
      this.plans.push({ grantId, initiativeId, authority, years: instalments.map((instalment) => instalment.year) });
    const ref = this.emit(
      {
        type: 'AwardGrant',
        grantId,
        year,
        initiativeId,
        plan,
        authority,
        ...(this.random.chance(0.2) ? { note: 'Jf. anbefalingen' } : {}),
      },
      { year, stream: `year-${year}` },
    );
    model.grantRefs.push({ ref, initiativeId });
  }

  // ----- through the year -----------------------------------------------------

  private fill(year: number, model: YearModel, caseNumbers: { next: number }, priorities: { caseModel: CaseModel }, budget: number): void {
    const start = this.eventsPlanned();
    const used = () => this.eventsPlanned() - start;
    const openCases: CaseModel[] = [];
    // The adopted points that authorise grants: the priority case's endorsement, and follow-up tables.
    const authorities: { caseNumber: string; pointNumber: number }[] = [{ caseNumber: priorities.caseModel.caseNumber, pointNumber: 1 }];
    // Adopted points of follow-up cases that authorise draws on the reserve fund.
    const draws: { caseNumber: string; pointNumber: number }[] = [];
    const corrections = { expected: false, priorYear: 0 };
    const spendingShare = 0.5;
    for (let guard = 0; used() < budget && guard < budget * 4 + 100; guard++) {
      this.day = Math.max(this.day, 85 + (used() / Math.max(1, budget)) * 255);
      const withFunds = model.initiativesWithFunds();
      const adjustable = [...model.grants.values()].filter((grant) => !grant.fromReserve);
      const expectedReports = Math.max(1, (budget * spendingShare) / Math.max(1, withFunds.length));
      const action = this.random.weighted<string>([
        ['spend', withFunds.length > 0 ? 50 : 0],
        ['open-case', caseNumbers.next <= 99 && openCases.length < 3 ? 4 : 0],
        ['case-step', openCases.length > 0 ? 36 : 0],
        ['adjust', adjustable.length > 0 ? 3 : 0],
        ['release', model.grants.size > 0 ? 2 : 0],
        ['extra-grant', model.available() > 100_000 * KR && authorities.length > 1 ? 2 : 0],
        ['phase', 1],
        ['receive', 0.2],
        ['plan-change', this.changeablePlans(year).length > 0 ? 1 : 0],
        ['draw', draws.length > 0 && model.reserveBalance() > 0 ? 1 : 0],
        ['release-earmark', this.releasableEarmarks(model).length > 0 ? 1 : 0],
        ['drop', withFunds.length > 0 ? 0.3 : 0],
        ['expect', !corrections.expected && year < LAST_YEAR ? 0.3 : 0],
        ['prior-year', corrections.priorYear < 2 && this.years.get(year - 1)?.closed ? 0.4 : 0],
      ]);
      switch (action) {
        case 'spend': {
          const initiativeId = this.random.pick(withFunds);
          const available = model.initiativeAvailable(initiativeId);
          const fraction = Math.min(0.6, 1.5 / expectedReports) * (0.5 + this.random.next());
          let ore = Math.floor(available * fraction);
          if (ore >= 100 * KR && this.random.chance(0.7)) ore = roundDown(ore, KR);
          ore = Math.max(1, Math.min(available, ore));
          model.spent.set(initiativeId, (model.spent.get(initiativeId) ?? 0) + ore);
          this.emit(
            {
              type: 'ReportSpending',
              year,
              initiativeId,
              amount: formatOre(ore),
              reference: `Regnskap ${dateOf(year, this.day).slice(0, 7)}`,
            },
            { year, stream: `year-${year}` },
          );
          break;
        }
        case 'open-case': {
          const subjects = this.random.sample([...this.initiatives.values()], this.random.int(1, 3));
          const caseModel = this.openCase(
            year,
            caseNumbers,
            'follow-up',
            `Oppfølging: ${subjects.map((subject) => subject.name).join(', ')}`.slice(0, 300),
          );
          caseModel.initiatives = subjects.map((subject) => subject.initiativeId);
          openCases.push(caseModel);
          break;
        }
        case 'case-step': {
          const caseModel = this.random.pick(openCases);
          this.followUpStep(caseModel, budget - used());
          if (caseModel.adopted) {
            openCases.splice(openCases.indexOf(caseModel), 1);
            if (this.isAdopted(caseModel, 1)) authorities.push({ caseNumber: caseModel.caseNumber, pointNumber: 1 });
            if (caseModel.drawPoint !== null && this.isAdopted(caseModel, caseModel.drawPoint))
              draws.push({ caseNumber: caseModel.caseNumber, pointNumber: caseModel.drawPoint });
          }
          break;
        }
        case 'adjust': {
          const grant = this.random.pick(adjustable);
          const authority = this.random.pick(authorities);
          let change: number;
          if (this.random.chance(0.5))
            change = Math.max(
              0,
              Math.min(
                roundDown(grant.instalment * 0.2, 1000 * KR),
                roundDown(model.available(), 1000 * KR),
                roundDown(this.authorityLeft(authority, grant.initiativeId, year), 1000 * KR),
              ),
            );
          else change = -Math.min(roundDown(grant.instalment * 0.2, 1000 * KR), roundDown(model.grantLowerable(grant), 1000 * KR));
          if (change === 0) break;
          grant.adjusted += change;
          this.useAuthority(authority, grant.initiativeId, year, change);
          this.emit(
            {
              type: 'AdjustGrant',
              grantId: grant.grantId,
              year,
              amountChange: formatChange(change),
              authority,
              reason: change > 0 ? 'Økt etter vedtak om tilleggsbevilgning' : 'Redusert; aktiviteten ble nedskalert',
            },
            { year, stream: `year-${year}` },
          );
          break;
        }
        case 'release': {
          const grant = this.random.pick([...model.grants.values()]);
          const lowerable = model.grantLowerable(grant);
          if (lowerable <= 0) break;
          const ore = this.random.chance(0.3) ? lowerable : Math.max(1, roundDown(lowerable * this.random.next(), KR));
          grant.released += ore;
          this.emit(
            {
              type: 'ReleaseFunds',
              grantId: grant.grantId,
              year,
              amount: formatOre(ore),
              reason: this.random.pick([
                'Ikke igangsatt; aktiviteten utgår.',
                'Aktiviteten er avsluttet med mindreforbruk.',
                'Midlene ses i sammenheng med en kommende beslutning.',
              ]),
              ...(this.random.chance(0.5) ? { authority: this.random.pick(authorities) } : {}),
            },
            { year, stream: `year-${year}` },
          );
          break;
        }
        case 'extra-grant': {
          const authority = this.random.pick(authorities.slice(1));
          const caseModel = this.cases.get(authority.caseNumber)!;
          const initiativeId = this.random.pick(caseModel.initiatives);
          const amount = roundDown(model.available() * (0.05 + this.random.next() * 0.2), 1000 * KR);
          this.awardGrant(year, model, initiativeId, [{ year, amount }], authority);
          break;
        }
        case 'phase':
          this.changePhase(this.random.pick([...this.initiatives.values()]));
          break;
        case 'receive':
          this.receive(year, model, this.random.int(20, 100) * 5_000 * KR);
          break;
        default:
          if (action === null) return;
          this.nowAndThen(action, year, model, { authorities, draws, withFunds, corrections });
      }
    }
  }

  /** The steps a year takes now and then: plan changes, draws, earmark releases, drops, expectations, corrections of the year before. */
  private nowAndThen(
    action: string,
    year: number,
    model: YearModel,
    context: {
      authorities: { caseNumber: string; pointNumber: number }[];
      draws: { caseNumber: string; pointNumber: number }[];
      withFunds: string[];
      corrections: { expected: boolean; priorYear: number };
    },
  ): void {
    const { authorities, draws, withFunds, corrections } = context;
    switch (action) {
      case 'plan-change':
        this.changePlan(year, model);
        break;
      case 'draw':
        this.drawOnReserve(year, model, this.random.pick(draws));
        break;
      case 'release-earmark':
        this.releaseEarmark(year, model, this.random.pick(authorities));
        break;
      case 'drop':
        this.dropInitiative(year, model, this.random.pick(withFunds), this.random.pick(authorities));
        break;
      case 'expect':
        corrections.expected = true;
        this.expectNextYear(year);
        break;
      case 'prior-year':
        corrections.priorYear += 1;
        this.correctPriorYear(year, model, authorities[0]!);
        break;
    }
  }

  /** One step of a follow-up case: a proposal, the proposed resolution, a vote, or the adoption. */
  private followUpStep(caseModel: CaseModel, budgetLeft: number): void {
    const members = this.committee.length;
    if (!caseModel.points) {
      if (caseModel.proposals.length < 2 + this.random.int(0, 25) && budgetLeft > 60) {
        const initiativeId = this.random.pick(caseModel.initiatives);
        this.submitProposal(caseModel, { initiativeId }, this.random.chance(0.2) ? null : this.random.int(10, 200) * 5_000 * KR);
        return;
      }
      // Point 1 authorises a table of amounts for the case's initiatives this year.
      const lines = [...new Set(caseModel.initiatives)].map((initiativeId) => ({
        target: { initiativeId },
        year: caseModel.year,
        amount: this.random.int(20, 200) * 5_000 * KR,
      }));
      for (const line of lines)
        this.authorise({ caseNumber: caseModel.caseNumber, pointNumber: 1 }, line.target.initiativeId, line.year, line.amount);
      const points: ProposedPoint[] = [
        {
          number: 1,
          text: 'Strategisk samarbeidsutvalg slutter seg til sekretariatets vurdering og prioriterer midler slik tabellen viser.',
          alternatives: [],
          authorises: { kind: 'allocation', fundedBy: 'frame', lines: lines.map((line) => ({ ...line, amount: formatOre(line.amount) })) },
        },
      ];
      if (this.random.chance(0.5))
        points.push({
          number: 2,
          text: 'Sekretariatet legger frem en plan for videre arbeid.',
          alternatives: [],
          authorises: { kind: 'none' },
        });
      if (this.yearModel(caseModel.year).reserveBalance() > 0 && this.random.chance(0.35))
        points.push(this.drawPoint(caseModel, lines, points.length + 1));
      if (this.random.chance(0.4))
        points.push({
          number: points.length + 1,
          text: 'Videre organisering av arbeidet.',
          alternatives: [
            { number: 1, label: 'Alt. 1: videreføre i dagens form', amount: null },
            { number: 2, label: 'Alt. 2: samordne med andre satsninger', amount: null },
          ],
          authorises: { kind: 'none' },
        });
      this.proposeResolution(caseModel, points);
      return;
    }
    const votesWanted = Math.min(members * caseModel.points.length * 2, Math.max(0, Math.floor(budgetLeft / 6)));
    if (caseModel.voteCount < votesWanted && this.random.chance(0.95)) {
      const point = this.random.pick(caseModel.points);
      const memberId = this.random.pick(this.committee);
      this.castVote(caseModel, memberId, point.number, this.randomChoice(point, 0.7));
      return;
    }
    this.adopt(caseModel, new Set());
  }

  private closeOpenCases(year: number): void {
    for (const caseModel of this.cases.values()) {
      if (caseModel.year !== year || caseModel.adopted) continue;
      if (!caseModel.points)
        this.proposeResolution(caseModel, [
          { number: 1, text: 'Saken tas til orientering.', alternatives: [], authorises: { kind: 'none' } },
        ]);
      this.adopt(caseModel, new Set());
    }
  }

  // ----- plan changes, draws, releases and corrections ------------------------

  /** Multi-year plans with an instalment still to come after this year. */
  private changeablePlans(year: number): HistoryGenerator['plans'] {
    return this.plans.filter((plan) =>
      plan.years.some((later) => later > year && this.yearModel(later).grants.get(plan.grantId)!.instalment > 0),
    );
  }

  /**
   * Changes a multi-year plan in one command: moves part of its last instalment still to
   * come into this year (within this year's frame and the point's authority), or shortens
   * the plan by lowering that instalment to zero. Nothing of a later year is spent yet.
   */
  private changePlan(year: number, model: YearModel): void {
    const plan = this.random.pick(this.changeablePlans(year));
    const last = Math.max(...plan.years.filter((later) => later > year && this.yearModel(later).grants.get(plan.grantId)!.instalment > 0));
    const later = this.yearModel(last).grants.get(plan.grantId)!;
    const current = plan.years.includes(year) ? model.grants.get(plan.grantId) : undefined;
    const moved = current
      ? Math.min(later.instalment, roundDown(model.available(), 1000 * KR), this.authorityLeft(plan.authority, plan.initiativeId, year))
      : 0;
    const instalments: { year: number; amount: string }[] = [];
    if (current && moved > 0 && this.random.chance(0.5)) {
      current.instalment += moved;
      this.useAuthority(plan.authority, plan.initiativeId, year, moved);
      instalments.push({ year, amount: formatOre(current.instalment) });
    }
    const lowered = instalments.length > 0 ? moved : later.instalment;
    later.instalment -= lowered;
    this.yearModel(last).committedByEarlierYears -= lowered;
    this.useAuthority(plan.authority, plan.initiativeId, last, -lowered);
    instalments.push({ year: last, amount: formatOre(later.instalment) });
    const reason = instalments.length > 1 ? 'Mer av arbeidet gjøres i år' : 'Planen forkortes; arbeidet avsluttes tidligere';
    const { grantId, authority } = plan;
    this.emit({ type: 'ChangeGrantPlan', grantId, instalments, authority, reason }, { year, stream: `year-${instalments[0]!.year}` });
  }

  /** A point that draws on the reserve fund for the case's initiatives this year. */
  private drawPoint(caseModel: CaseModel, lines: { target: { initiativeId: string }; year: number }[], number: number): ProposedPoint {
    caseModel.drawPoint = number;
    const drawLines = lines.map((line) => ({ ...line, amount: this.random.int(10, 60) * 5_000 * KR }));
    for (const line of drawLines)
      this.authorise({ caseNumber: caseModel.caseNumber, pointNumber: number }, line.target.initiativeId, line.year, line.amount);
    return {
      number,
      text: 'Strategisk samarbeidsutvalg tildeler midler fra fondet slik tabellen viser.',
      alternatives: [],
      authorises: {
        kind: 'allocation',
        fundedBy: 'reserve-fund',
        lines: drawLines.map((line) => ({ ...line, amount: formatOre(line.amount) })),
      },
    };
  }

  /** A grant drawn from the reserve fund under an adopted point, within the fund's balance and the point's table. */
  private drawOnReserve(year: number, model: YearModel, authority: { caseNumber: string; pointNumber: number }): void {
    const initiativeId = this.random.pick(this.cases.get(authority.caseNumber)!.initiatives);
    const ore = Math.min(model.reserveBalance(), this.authorityLeft(authority, initiativeId, year), this.random.int(5, 60) * 5_000 * KR);
    if (ore <= 0) return;
    this.grantCount += 1;
    const grantId = `g${year}-${this.grantCount}`;
    model.grants.set(grantId, { grantId, initiativeId, instalment: ore, adjusted: 0, released: 0, fromReserve: true });
    model.drawn += ore;
    this.useAuthority(authority, initiativeId, year, ore);
    const ref = this.emit(
      { type: 'AwardGrant', grantId, year, initiativeId, plan: { amount: formatOre(ore) }, authority, note: 'Fra fondet' },
      { year, stream: `year-${year}` },
    );
    model.grantRefs.push({ ref, initiativeId });
  }

  /** Initiatives with earmarked funds carried in that they have not spent or released. */
  private releasableEarmarks(model: YearModel): string[] {
    return [...model.earmarkedIn.keys()].filter((id) => Math.min(model.earmarkLeft(id), model.initiativeAvailable(id)) > 0).sort();
  }

  private releaseEarmark(year: number, model: YearModel, authority: { caseNumber: string; pointNumber: number }): void {
    const initiativeId = this.random.pick(this.releasableEarmarks(model));
    const most = Math.min(model.earmarkLeft(initiativeId), model.initiativeAvailable(initiativeId));
    const ore = this.random.chance(0.4) ? most : Math.max(1, roundDown(most * this.random.next(), KR));
    model.earmarkReleased.set(initiativeId, (model.earmarkReleased.get(initiativeId) ?? 0) + ore);
    this.emit(
      {
        type: 'ReleaseEarmarkedFunds',
        year,
        initiativeId,
        amount: formatOre(ore),
        reason: 'Prosjektet er avsluttet med mindreforbruk',
        ...(this.random.chance(0.5) ? { authority } : {}),
      },
      { year, stream: `year-${year}` },
    );
  }

  /** Drops an initiative: its earmarked funds first, then each grant's unspent part (in grant id order), as the rules release them. */
  private dropInitiative(
    year: number,
    model: YearModel,
    initiativeId: string,
    authority: { caseNumber: string; pointNumber: number },
  ): void {
    let left = model.initiativeAvailable(initiativeId);
    let events = 0;
    const fromEarmark = Math.min(model.earmarkLeft(initiativeId), left);
    if (fromEarmark > 0) {
      model.earmarkReleased.set(initiativeId, (model.earmarkReleased.get(initiativeId) ?? 0) + fromEarmark);
      left -= fromEarmark;
      events += 1;
    }
    const grants = [...model.grants.values()].filter((grant) => grant.initiativeId === initiativeId);
    for (const grant of grants.sort((a, b) => (a.grantId < b.grantId ? -1 : 1))) {
      const part = Math.min(grant.instalment + grant.adjusted - grant.released, left);
      if (part <= 0) continue;
      grant.released += part;
      left -= part;
      events += 1;
    }
    if (events === 0) return;
    this.emit(
      { type: 'DropInitiative', year, initiativeId, reason: 'Aktiviteten utgår', ...(this.random.chance(0.5) ? { authority } : {}) },
      { year, stream: `year-${year}`, events },
    );
  }

  /** The receipt expected for next year, before it arrives (well above what later instalments may commit it to). */
  private expectNextYear(year: number): void {
    const next = this.yearModel(year + 1);
    if (next.expected !== null) return;
    next.expected = (8_000_000 + this.random.int(0, 800) * 5_000) * KR + 1;
    const amount = formatOre(next.expected);
    this.emit(
      { type: 'RecordExpectedReceipt', year: year + 1, amount, reason: 'Varslet i statsbudsjettet' },
      { year, stream: `year-${year + 1}` },
    );
  }

  /** Corrects this year's first receipt (a wrong amount recorded), never below what the year has decided. */
  private correctReceipt(year: number, model: YearModel): void {
    if (!model.receipt) return;
    const asked = this.random.int(1, 50) * 1000 * KR;
    const change = this.random.chance(0.5) ? -Math.min(asked, roundDown(model.available(), 1000 * KR)) : asked;
    if (change === 0) return;
    model.receipt.amount += change;
    model.received += change;
    const correctsEventId = model.receipt.ref;
    this.emit(
      { type: 'CorrectReceipt', year, correctsEventId, amountChange: formatChange(change), reason: 'Feilført beløp' },
      { year, stream: `year-${year}` },
    );
  }

  /**
   * Corrects the closed year before in this one (the first open year): its receipt, stated
   * as the amount it should have been. The difference moves this year's frame; a lower
   * receipt takes no more than the remainder the closed year carried in, nor what this
   * year has left.
   */
  private correctPriorYear(year: number, model: YearModel, authority: { caseNumber: string; pointNumber: number }): void {
    const previous = this.years.get(year - 1)!;
    if (!previous.receipt) return;
    const asked = this.random.int(1, 40) * 1000 * KR;
    const room = Math.min(roundDown(model.available(), 1000 * KR), model.remainderIn, previous.receipt.amount);
    const change = this.random.chance(0.5) ? -Math.min(asked, room) : asked;
    if (change === 0) return;
    model.adjustment += change;
    model.remainderIn += change;
    previous.receipt.amount += change;
    this.emit(
      {
        type: 'CorrectClosedReceipt',
        year,
        correctedYear: year - 1,
        correctsEventId: previous.receipt.ref,
        amount: formatOre(previous.receipt.amount),
        authority,
        reason: 'Tilskuddet i fjor var ført med feil beløp',
      },
      { year, stream: `year-${year}`, events: 2 },
    );
  }

  // ----- the year-end settlement --------------------------------------------

  private settle(year: number): void {
    const model = this.yearModel(year);
    const next = this.yearModel(year + 1);
    let events = 1;
    const remainder = model.available();
    if (remainder < 0) throw new Error(`generator: ${year} would be overspent by ${-remainder} øre`);
    if (remainder !== 0) {
      events += 1;
      next.remainderIn += remainder;
    }
    const released = model.releasedTotal();
    if (released !== 0) {
      events += 1;
      next.releasedIn += released;
    }
    const initiatives = new Set<string>([...model.earmarkedIn.keys(), ...[...model.grants.values()].map((grant) => grant.initiativeId)]);
    for (const initiativeId of [...initiatives].sort()) {
      const unspent = model.initiativeAvailable(initiativeId);
      if (unspent > 0) {
        events += 1;
        next.earmarkedIn.set(initiativeId, (next.earmarkedIn.get(initiativeId) ?? 0) + unspent);
      }
    }
    const reserve = model.reserveBalance();
    if (reserve > 0) {
      events += 1;
      next.reserveIn += reserve;
    }
    model.closed = true;
    this.emit({ type: 'SettleYear', year }, { year, stream: `year-${year}`, events });
    this.years.delete(year - 3);
  }
}
