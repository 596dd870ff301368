import { describe, expect, it } from 'vitest';
import { domainErrorCodes } from '../src/domain/errors.js';
import { refusalFields, refusalText, ruleRefusals } from '../src/shared/refusals.js';

/** The words of the ledger's refusals (src/shared/refusals.ts), which the page shows beside the field a refusal is about. */

const plain = (text: string | null) => (text ?? '').replace(/\u00a0/g, ' ');

describe('the refusals in words', () => {
  it('has words in bokmål and English for every rule, the same names in both', () => {
    for (const code of domainErrorCodes) {
      const words = ruleRefusals[code];
      expect(words.nb.length, code).toBeGreaterThan(0);
      expect(words.en.length, code).toBe(words.nb.length);
      const names = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      words.nb.forEach((template, index) => expect(names(template), code).toEqual(names(words.en[index]!)));
    }
  });

  it('writes the figures of a refusal as amounts and dates', () => {
    const details = {
      year: 2025,
      amountAsked: '13000000.00',
      amountLeft: '12595000.00',
      asOf: '2025-09-18',
      frame: '12595000.00',
      granted: '0.00',
      committed: '0.00',
      reserved: '0.00',
    };
    expect(plain(refusalText('frame-exceeded', details, 'nb'))).toBe(
      'kr 13 000 000 er mer enn rammen for 2025 har igjen per 18.09.2025: kr 12 595 000 (ramme kr 12 595 000, tildelt kr 0, forpliktet kr 0, fond kr 0).',
    );
    expect(plain(refusalText('frame-exceeded', details, 'en'))).toBe(
      'NOK 13 000 000 is more than the 2025 frame has left on 18.09.2025: NOK 12 595 000 (frame NOK 12 595 000, granted NOK 0, committed NOK 0, reserve fund NOK 0).',
    );
    // With an expected receipt among the figures, the fuller words.
    expect(plain(refusalText('frame-exceeded', { ...details, expectedReceipt: '10615000.00' }, 'nb'))).toContain(
      'forventet tilskudd kr 10 615 000',
    );
  });

  it('names a tally and a rule in words, and the point a refusal is about', () => {
    const details = { pointNumber: 2, decidedBy: 'unanimous', chosen: 'alt:2', votes: { 'alt:2': 4, 'alt:1': 2 }, blank: 1 };
    expect(refusalText('tally-does-not-carry', details, 'nb')).toBe(
      'Stemmene på punkt 2 bærer ikke et vedtak enstemmig: alt. 1: 2, alt. 2: 4, blanke 1.',
    );
    expect(refusalFields('tally-does-not-carry', details)).toEqual(['points.2.decidedBy', 'decidedBy']);
  });

  it("has no words when the refusal's details lack a figure they need, or the code is not known, so the page shows the server's", () => {
    expect(refusalText('frame-exceeded', { year: 2025 }, 'nb')).toBeNull();
    expect(refusalText('no-such-rule', {}, 'nb')).toBeNull();
    expect(refusalFields('no-such-rule', {})).toEqual([]);
  });
});
