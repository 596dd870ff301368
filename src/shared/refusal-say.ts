import type { RegistryKind } from '../domain/refusal-details.js';
import { formatDate, formatMoney, type Lang } from './format.js';

/**
 * How the words of a refusal name what it is about: the ids in a refusal's details looked up
 * in the ledger (an initiative by its name, a grant as "the grant to VIP of 2025", an event by
 * what it did and when), amounts and dates formatted. The edge that writes the words (the
 * HTTP problem, the CLI) gives the names it knows; what is not found is shown as it was
 * typed, in «quotes».
 */

/** The names a refusal's words look up: undefined when the ledger does not know the id. */
export interface RefusalNames {
  initiative(id: string): string | undefined;
  programmeArea(id: string): string | undefined;
  partner(id: string): string | undefined;
  member(id: string): string | undefined;
  grant(id: string): { initiativeId: string; year: number } | undefined;
  proposal(caseNumber: string | undefined, id: string): { year: number; initiativeId?: string; newInitiativeName?: string } | undefined;
  event(id: string): { description: { nb: string; en: string }; effectiveDate: string } | undefined;
}

/** No names known: every id is shown as typed (the words of an example, a refusal with no ledger at hand). */
export const noNames: RefusalNames = {
  initiative: () => undefined,
  programmeArea: () => undefined,
  partner: () => undefined,
  member: () => undefined,
  grant: () => undefined,
  proposal: () => undefined,
  event: () => undefined,
};

/** The words' helpers in one language. */
export interface Say {
  readonly lang: Lang;
  amount(amount: string): string;
  date(date: string): string;
  /** `sak 22.25` / `case 22.25`. */
  case(caseNumber: string): string;
  /** `punkt 1 i sak 22.25` / `point 1 of case 22.25`. */
  point(caseNumber: string, pointNumber: number): string;
  initiative(id: string): string;
  area(id: string): string;
  partner(id: string): string;
  member(id: string): string;
  members(ids: readonly string[]): string;
  /** `tildelingen til VIP fra 2025` / `the grant to VIP of 2025`. */
  grant(id: string): string;
  /** `innspillet om VIP for 2025` / `the proposal for VIP for 2025`. */
  proposal(caseNumber: string | undefined, id: string): string;
  /** `hendelsen «Mottatt kr 10 615 000 …» av 15.01.2025`. */
  event(id: string): string;
  /** The thing of a registry kind an id names: `satsningen VIP`. */
  registered(kind: RegistryKind, id: string): string;
  /** `a, b og c` / `a, b and c`. */
  list(items: readonly (string | number)[]): string;
  /** `count(n, 'ett medlem', 'medlemmer')`: `ingen medlemmer`, `ett medlem`, `3 medlemmer`. */
  count(n: number, one: string, many: string): string;
  /** `i konsensus`, `med flertall`. */
  rule(rule: string): string;
  /** A tally key: `alt. 2`, `ja`. */
  choice(key: string): string;
  tally(counts: Record<string, number>): string;
  /** Dissent keys `point|member`: `Leder (pkt. 2)`, or `ingen dissens`. */
  dissent(keys: readonly string[]): string;
  /** Text as typed by someone, not found in the ledger. */
  quoted(text: string): string;
}

const ruleWords: Record<string, Record<Lang, string>> = {
  consensus: { nb: 'i konsensus', en: 'by consensus' },
  unanimous: { nb: 'enstemmig', en: 'unanimously' },
  majority: { nb: 'med flertall', en: 'by majority' },
};

const registryWords: Record<RegistryKind, Record<Lang, string>> = {
  'programme area': { nb: 'programområdet', en: 'the programme area' },
  initiative: { nb: 'satsningen', en: 'the initiative' },
  partner: { nb: 'partneren', en: 'the partner' },
  'committee member': { nb: 'SSU-medlemmet', en: 'the committee member' },
};

const choiceWords: Record<string, Record<Lang, string>> = {
  yes: { nb: 'ja', en: 'yes' },
  no: { nb: 'nei', en: 'no' },
  none: { nb: 'intet alternativ', en: 'no alternative' },
};

function choiceIn(lang: Lang, key: string): string {
  return key.startsWith('alt:') ? `alt. ${key.slice(4)}` : (choiceWords[key]?.[lang] ?? key);
}

function registeredName(names: RefusalNames, kind: RegistryKind, id: string): string | undefined {
  if (kind === 'initiative') return names.initiative(id);
  if (kind === 'partner') return names.partner(id);
  if (kind === 'committee member') return names.member(id);
  return names.programmeArea(id);
}

function grantIn(lang: Lang, names: RefusalNames, id: string, initiative: (id: string) => string): string {
  const grant = names.grant(id);
  if (!grant) return lang === 'nb' ? `tildelingen «${id}»` : `grant «${id}»`;
  const to = initiative(grant.initiativeId);
  return lang === 'nb' ? `tildelingen til ${to} fra ${grant.year}` : `the grant to ${to} of ${grant.year}`;
}

function proposalIn(
  lang: Lang,
  names: RefusalNames,
  caseNumber: string | undefined,
  id: string,
  initiative: (id: string) => string,
): string {
  const proposal = names.proposal(caseNumber, id);
  if (!proposal) return lang === 'nb' ? `innspillet «${id}»` : `proposal «${id}»`;
  const about =
    proposal.initiativeId !== undefined
      ? initiative(proposal.initiativeId)
      : `${proposal.newInitiativeName ?? ''} (${lang === 'nb' ? 'ny satsning' : 'a new initiative'})`;
  return lang === 'nb' ? `innspillet om ${about} for ${proposal.year}` : `the proposal for ${about} for ${proposal.year}`;
}

function eventIn(lang: Lang, names: RefusalNames, id: string): string {
  const event = names.event(id);
  if (!event) return lang === 'nb' ? `hendelsen «${id}»` : `the event «${id}»`;
  return lang === 'nb'
    ? `hendelsen «${event.description.nb}» av ${formatDate(event.effectiveDate)}`
    : `the event «${event.description.en}» of ${formatDate(event.effectiveDate)}`;
}

/** The helpers for a language, naming through `names`. */
export function sayIn(lang: Lang, names: RefusalNames): Say {
  const nb = lang === 'nb';
  const quoted = (text: string) => `«${text}»`;
  const named = (name: string | undefined, id: string) => name ?? quoted(id);
  const list = (items: readonly (string | number)[]) => {
    const texts = items.map(String);
    if (texts.length <= 1) return texts.join('');
    return `${texts.slice(0, -1).join(', ')} ${nb ? 'og' : 'and'} ${texts[texts.length - 1]}`;
  };
  const say: Say = {
    lang,
    amount: (amount) => formatMoney(amount),
    date: (date) => formatDate(date),
    case: (caseNumber) => `${nb ? 'sak' : 'case'} ${caseNumber}`,
    point: (caseNumber, pointNumber) => (nb ? `punkt ${pointNumber} i sak ${caseNumber}` : `point ${pointNumber} of case ${caseNumber}`),
    initiative: (id) => named(names.initiative(id), id),
    area: (id) => named(names.programmeArea(id), id),
    partner: (id) => named(names.partner(id), id),
    member: (id) => named(names.member(id), id),
    members: (ids) => list(ids.map((id) => say.member(id))),
    grant: (id) => grantIn(lang, names, id, (initiativeId) => say.initiative(initiativeId)),
    proposal: (caseNumber, id) => proposalIn(lang, names, caseNumber, id, (initiativeId) => say.initiative(initiativeId)),
    event: (id) => eventIn(lang, names, id),
    registered: (kind, id) => `${registryWords[kind][lang]} ${named(registeredName(names, kind, id), id)}`,
    list,
    count: (n, one, many) => (n === 0 ? `${nb ? 'ingen' : 'no'} ${many}` : n === 1 ? one : `${n} ${many}`),
    rule: (rule) => ruleWords[rule]?.[lang] ?? rule,
    choice: (key) => choiceIn(lang, key),
    tally: (counts) => {
      const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
      if (entries.length === 0) return nb ? 'ingen stemmer' : 'no votes';
      return list(entries.map(([key, n]) => `${choiceIn(lang, key)}: ${n}`));
    },
    dissent: (keys) => {
      if (keys.length === 0) return nb ? 'ingen dissens' : 'no dissent';
      const who = keys.map((key) => {
        const [point = '', member = ''] = key.split('|');
        return `${say.member(member)} (${nb ? 'pkt.' : 'point'} ${point})`;
      });
      return `${nb ? 'dissens fra' : 'dissent from'} ${list(who)}`;
    },
    quoted,
  };
  return say;
}
