import { describe, expect, it } from 'vitest';
import { domainErrorCodes } from '../src/domain/errors.js';
import { detailKindsOf, refusalDetails, type DetailKind } from '../src/domain/refusal-details.js';
import { exampleNames, noNames, refusalFields, refusalText, ruleWords, type RefusalNames } from '../src/shared/refusals.js';
import { misfit } from './support/refusal-kinds.js';

/**
 * The vocabulary of refusals (src/shared/refusals.ts and refusal-words-*.ts): every rule's
 * code, taken from the table of codes itself (src/domain/refusal-details.ts), has words in
 * bokmål and English that name things rather than show ids, and write amounts and dates
 * the way the committee does.
 */

const plain = (text: string | null) => (text ?? '').replace(/\u00a0/g, ' ');

/** Every example of a code's words: its example and the variants of its other branches. */
const examplesOf = (code: (typeof domainErrorCodes)[number]) =>
  [ruleWords[code].example, ...(ruleWords[code].variants ?? [])] as Record<string, unknown>[];

/**
 * The words without what the rules below do not apply to: what someone typed («…»), commands
 * to run (`ledger …`), case numbers (`sak 22.25`) and dates written as they should be (`31.12.2025`).
 */
const prose = (text: string) =>
  text
    .replace(/«[^»]*»/g, '«»')
    .replace(/\bledger [^),;]*/g, 'ledger')
    .replace(/\b([Ss]ak|[Cc]ase) \d{2}\.\d{2}\b/g, '$1')
    .replace(/\b\d{2}\.\d{2}\.\d{4}\b/g, 'DATE');

const ULID = /[0-9A-HJKMNP-TV-Z]{26}/;
/** A lower-case id with a dash: `g2025-vip`, `barn-og-unge`, `p25-psykisk-helse-voksne`. */
const SLUG = /\b[a-z][a-z0-9]*-[a-z0-9-]+\b/;
const UNFORMATTED_AMOUNT = [/\d+\.\d{2}/, /\d{5,}/];
const ENGLISH =
  /\b(the|is|are|was|has|have|of|and|not|with|cannot|already|grant|granted|frame|amount|year|case|point|member|initiative|reserve|fund|left|more|than|which|this|that|its|by|on|from|no|nothing|every|must)\b/i;

const ID_KINDS: DetailKind[] = ['initiative', 'programme-area', 'partner', 'member', 'members', 'grant', 'proposal', 'event', 'registered'];

/** The ids a refusal's details hold, whether the example names know them, so the words can show a name. */
function idsOf(code: (typeof domainErrorCodes)[number], details: Record<string, unknown>, names: RefusalNames) {
  const known = (kind: DetailKind, id: string) => {
    if (kind === 'initiative') return names.initiative(id) !== undefined;
    if (kind === 'programme-area') return names.programmeArea(id) !== undefined;
    if (kind === 'partner') return names.partner(id) !== undefined;
    if (kind === 'member' || kind === 'members') return names.member(id) !== undefined;
    if (kind === 'grant') return names.grant(id) !== undefined;
    if (kind === 'proposal') return names.proposal(undefined, id) !== undefined;
    if (kind === 'event') return names.event(id) !== undefined;
    return true;
  };
  return detailKindsOf(code)
    .filter((detail) => ID_KINDS.includes(detail.kind) && details[detail.name] !== undefined)
    .flatMap((detail) => {
      const value = details[detail.name];
      const ids = Array.isArray(value) ? value.map(String) : [String(value)];
      return ids.map((id) => ({ id, known: known(detail.kind, id) }));
    });
}

describe('the vocabulary of refusals', () => {
  it('has words for every code of the table of rules, and for no other', () => {
    expect(domainErrorCodes.length).toBeGreaterThan(80);
    expect(Object.keys(ruleWords).sort()).toEqual([...domainErrorCodes].sort());
    expect(Object.keys(refusalDetails).sort()).toEqual([...domainErrorCodes].sort());
  });

  it.each(domainErrorCodes)('%s: an example of its details, of the kinds the table declares', (code) => {
    for (const example of examplesOf(code)) {
      for (const detail of detailKindsOf(code)) {
        if (example[detail.name] === undefined) {
          expect(detail.optional, `${code}: the example lacks ${detail.name}`).toBe(true);
          continue;
        }
        expect(misfit(detail.kind, example[detail.name]), `${code}: ${detail.name} is not a ${detail.kind}`).toBe(false);
      }
      expect(Object.keys(example).filter((name) => !detailKindsOf(code).some((detail) => detail.name === name))).toEqual([]);
    }
  });

  it.each(domainErrorCodes)('%s: words in bokmål and English that name things, with amounts and dates as people write them', (code) => {
    for (const example of examplesOf(code)) {
      const nb = plain(refusalText(code, example, 'nb', exampleNames));
      const en = plain(refusalText(code, example, 'en', exampleNames));
      for (const [lang, text] of [
        ['nb', nb],
        ['en', en],
      ] as const) {
        expect(text.length, `${code} (${lang}) has no words`).toBeGreaterThan(10);
        expect(text, `${code} (${lang}) starts a sentence`).toMatch(/^[A-ZÆØÅ«0-9]/);
        const words = prose(text);
        expect(words, `${code} (${lang}) shows a ULID`).not.toMatch(ULID);
        expect(words, `${code} (${lang}) shows an id`).not.toMatch(SLUG);
        for (const pattern of UNFORMATTED_AMOUNT) expect(words, `${code} (${lang}) shows an unformatted amount`).not.toMatch(pattern);
        for (const { id, known } of idsOf(code, example, exampleNames)) {
          if (known) expect(words, `${code} (${lang}) shows the id ${id} rather than its name`).not.toMatch(new RegExp(`\\b${id}\\b`));
          else expect(text, `${code} (${lang}) shows an unknown id as typed`).toContain(`«${id}»`);
        }
      }
      expect(prose(nb), `${code}: English in the bokmål words: ${nb}`).not.toMatch(ENGLISH);
      expect(nb).not.toBe(en);
    }
  });

  it('writes the figures of a refusal as amounts and dates, and names the day the frame ran short', () => {
    const details = ruleWords['frame-exceeded'].example;
    expect(plain(refusalText('frame-exceeded', details, 'nb', exampleNames))).toBe(
      'Kr 750 000,01 er mer enn rammen for 2025 har igjen per 18.09.2025: kr 750 000 (ramme kr 12 595 000, tildelt kr 11 345 000, forpliktet kr 0, fond kr 500 000).',
    );
    expect(plain(refusalText('frame-exceeded', details, 'en', exampleNames))).toBe(
      'Kr 750 000,01 is more than the 2025 frame has left on 18.09.2025: kr 750 000 (frame kr 12 595 000, granted kr 11 345 000, committed kr 0, reserve fund kr 500 000).',
    );
  });

  it('names the initiative and the grant, and says so when a point authorised nothing for it rather than "0.00 of 0.00"', () => {
    const [nothing] = ruleWords['authority-exceeded'].variants!;
    expect(plain(refusalText('authority-exceeded', nothing!, 'nb', exampleNames))).toBe(
      'Punkt 1 i sak 22.25 gir ikke hjemmel for noe til SAMBA (BUP Tynset og Nord-Østerdal) i 2026, så kr 500 000 kan ikke tildeles under det.',
    );
    expect(plain(refusalText('release-exceeds-unspent', ruleWords['release-exceeds-unspent'].example, 'en', exampleNames))).toBe(
      'Only kr 1 200 000 of the grant to VIP (very important patient) of 2025 is unspent in 2025; kr 1 500 000 cannot be released.',
    );
  });

  it('counts members in words and names who dissented', () => {
    expect(refusalText('quorum-not-met', { membersTakingPart: 0, quorum: 4 }, 'en', exampleNames)).toMatch(/^No members took part;/);
    expect(refusalText('quorum-not-met', { membersTakingPart: 1, quorum: 4 }, 'nb', exampleNames)).toMatch(/^Ett medlem deltok;/);
    expect(refusalText('dissent-does-not-match-votes', { dissentSent: [], dissentFromVotes: ['2|nestleder'] }, 'nb', exampleNames)).toBe(
      'Dissensen stemmer ikke med stemmene: sendt er ingen dissens, men stemmene viser dissens fra Nestleder (pkt. 2). Send den dissensen stemmene viser, eller ingen, så regnes den ut av stemmene.',
    );
  });

  it('shows an id the ledger does not know as it was typed, and the way to a closed year', () => {
    expect(refusalText('unknown-initiative', { initiativeId: 'vipp' }, 'nb', noNames)).toBe(
      'Satsningen «vipp» er ikke registrert; se hvilke som er det (ledger list initiatives), eller registrer den først («Registrer satsning», ledger initiative add).',
    );
    expect(refusalText('year-closed', { year: 2025, closedOn: '2026-01-15' }, 'nb', noNames)).toContain(
      'rettes i det første åpne året med en rettelse (ledger correct grant|receipt|spending|release 2026 --corrected-year 2025)',
    );
  });

  it('puts a refusal beside the field it is about, and has no words for what is not a rule of the ledger', () => {
    expect(refusalFields('tally-does-not-carry', ruleWords['tally-does-not-carry'].example)).toEqual(['points.2.decidedBy', 'decidedBy']);
    expect(refusalText('no-such-rule', {}, 'nb')).toBeNull();
    expect(refusalFields('no-such-rule', {})).toEqual([]);
    // Details that do not fit the rule (a refusal from another version): no words rather than a broken sentence.
    expect(refusalText('voter-not-present', {}, 'nb')).toBeNull();
  });
});
