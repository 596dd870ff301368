import { InvalidArgumentError } from '@commander-js/extra-typings';
import type { Values } from '../values.js';
import { caseArgument, parseYearAmount, type TaskSpec, task } from './task.js';

/**
 * The resolution's task verbs: proposing it point by point, and recording how each point was
 * decided at the meeting. Their per-point syntax (`2:vip:2026=500000`, `2=alt:2:majority`) is
 * in their help with examples.
 */

/** `2:vip:2026=500000`: a line of point 2's table (an initiative, or proposal:ID, in a year). */
function parsePointLine(text: string, values: Values) {
  const match = /^(\d{1,2}):(proposal:)?([^:]+):(.+)$/.exec(text);
  if (!match)
    throw new InvalidArgumentError(
      values.say(
        'En tabellinje er PUNKT:SATSNING:ÅR=BELØP, som 1:vip:2025=3000000.',
        'A table line is POINT:INITIATIVE:YEAR=AMOUNT, such as 1:vip:2025=3000000.',
      ),
    );
  const { year, amount } = parseYearAmount(match[4]!, values);
  return { point: Number(match[1]), line: { target: match[2] ? { proposalId: match[3]! } : { initiativeId: match[3]! }, year, amount } };
}

/** `2:Alt. 1: kr 750 000=750000` or `2:Alt. 3: ikke etablere=`: an alternative of point 2 (after the last `=`, its amount or nothing). */
function parseAlternative(text: string, values: Values) {
  const match = /^(\d{1,2}):(.+)=([^=]*)$/.exec(text);
  if (!match)
    throw new InvalidArgumentError(
      values.say(
        'Et alternativ er PUNKT:TEKST=BELØP (BELØP tomt for ingen), som "2:Alt. 1: kr 750 000=750000".',
        'An alternative is POINT:LABEL=AMOUNT (AMOUNT empty for none), such as "2:Alt. 1: kr 750 000=750000".',
      ),
    );
  return { point: Number(match[1]), label: match[2]!, amount: match[3]!.trim() === '' ? null : values.amount(match[3]!) };
}

/** `1=recommendation`, `2=reserve-fund:2025`, `3=allocation:frame`, `4=none`: what a point authorises. */
function parseAuthorises(text: string, values: Values) {
  const match = /^(\d{1,2})=(none|recommendation|reserve-fund:\d{4}|allocation:(?:frame|reserve-fund))$/.exec(text);
  if (!match)
    throw new InvalidArgumentError(
      values.say(
        'Skriv PUNKT=none, PUNKT=recommendation, PUNKT=reserve-fund:ÅR eller PUNKT=allocation:frame|reserve-fund.',
        'Write POINT=none, POINT=recommendation, POINT=reserve-fund:YEAR or POINT=allocation:frame|reserve-fund.',
      ),
    );
  return { point: Number(match[1]), kind: match[2]! };
}

type PointLine = ReturnType<typeof parsePointLine>;
type Alternative = ReturnType<typeof parseAlternative>;

function pointsOf(options: Readonly<Record<string, unknown>>) {
  const texts = (options.point as string[] | undefined) ?? [];
  const kinds = (options.authorises as { point: number; kind: string }[] | undefined) ?? [];
  const lines = (options.line as PointLine[] | undefined) ?? [];
  const alternatives = (options.alternative as Alternative[] | undefined) ?? [];
  return texts.map((text, index) => {
    const number = index + 1;
    const kind = kinds.find((entry) => entry.point === number)?.kind ?? 'none';
    const own = alternatives.filter((entry) => entry.point === number);
    const authorises = kind.startsWith('reserve-fund:')
      ? { kind: 'reserve-fund', year: Number(kind.slice(13)) }
      : kind.startsWith('allocation:')
        ? {
            kind: 'allocation',
            fundedBy: kind.slice(11),
            lines: lines.filter((entry) => entry.point === number).map((entry) => entry.line),
          }
        : { kind };
    return {
      number,
      text,
      alternatives: own.map((entry, at) => ({ number: at + 1, label: entry.label, amount: entry.amount })),
      authorises,
    };
  });
}

/** `1=adopted`, `2=alt:2`, `3=rejected`, optionally `:majority` or `:unanimous`: how a point was decided. */
function parseOutcome(text: string, values: Values) {
  const match = /^(\d{1,2})=(adopted|rejected|alt:\d{1,2})(?::(consensus|unanimous|majority))?$/.exec(text);
  if (!match)
    throw new InvalidArgumentError(
      values.say(
        'Skriv PUNKT=adopted, PUNKT=rejected eller PUNKT=alt:N, eventuelt med :majority (eller :unanimous), som 2=alt:2:majority.',
        'Write POINT=adopted, POINT=rejected or POINT=alt:N, optionally :majority (or :unanimous), such as 2=alt:2:majority.',
      ),
    );
  const alternative = match[2]!.startsWith('alt:') ? Number(match[2]!.slice(4)) : undefined;
  return {
    number: Number(match[1]),
    outcome: match[2] === 'rejected' ? 'rejected' : 'adopted',
    ...(alternative === undefined ? {} : { alternativeNumber: alternative }),
    ...(match[3] ? { decidedBy: match[3] } : {}),
  };
}

export const proposeResolution: TaskSpec = task({
  type: 'ProposeResolution',
  path: ['resolution', 'propose'],
  summary: ['foreslå vedtaket i en sak', 'propose the resolution (forslag til vedtak) of a case'],
  description: [
    'Foreslår vedtaket: --point gir hvert punkts tekst, i rekkefølge (punkt 1, 2, …); --authorises sier hva et punkt gir hjemmel for (PUNKT=none, recommendation, reserve-fund:ÅR, allocation:frame eller allocation:reserve-fund; standard none); --line gir en tabellinje for et punkt med egen tabell (PUNKT:SATSNING:ÅR=BELØP, eller PUNKT:proposal:ID:ÅR=BELØP); --alternative gir et alternativ på et punkt (PUNKT:TEKST=BELØP, BELØP tomt for "ingen").',
    'Proposes the resolution: --point gives each point\'s text, in order (point 1, 2, …); --authorises says what money a point authorises (POINT=none, recommendation, reserve-fund:YEAR, allocation:frame or allocation:reserve-fund; default none); --line gives a table line of an allocation point (POINT:INITIATIVE:YEAR=AMOUNT, or POINT:proposal:ID:YEAR=AMOUNT); --alternative gives an alternative of a point (POINT:LABEL=AMOUNT, AMOUNT empty for "none").',
  ],
  args: [caseArgument],
  options: [
    {
      flags: '--point <text>',
      description: ['teksten til et punkt (gjenta, i rekkefølge)', "a point's text (repeat, in order)"],
      fields: ['points'],
      required: true,
      repeatable: true,
    },
    {
      flags: '--authorises <POINT=kind>',
      description: [
        'hva et punkt gir hjemmel for: 1=recommendation, 2=reserve-fund:2025, 3=allocation:frame, 4=none',
        'what a point authorises: 1=recommendation, 2=reserve-fund:2025, 3=allocation:frame, 4=none',
      ],
      fields: ['points'],
      repeatable: true,
      parse: parseAuthorises,
    },
    {
      flags: '--line <POINT:INITIATIVE:YEAR=AMOUNT>',
      description: [
        'en linje i et punkts tabell, som 3:vip:2026=500000',
        "a line of a point's allocation table, such as 3:vip:2026=500000",
      ],
      fields: ['points'],
      repeatable: true,
      parse: parsePointLine,
    },
    {
      flags: '--alternative <POINT:LABEL=AMOUNT>',
      description: [
        'et alternativ på et punkt, som "2:Alt. 1: kr 750 000=750000"',
        'an alternative of a point, such as "2:Alt. 1: kr 750 000=750000"',
      ],
      fields: ['points'],
      repeatable: true,
      parse: parseAlternative,
    },
  ],
  examples: [
    'ledger resolution propose 22.25 --point "Anbefalingen vedtas" --authorises 1=recommendation --point "Fond" --authorises 2=reserve-fund:2025 --alternative "2:Alt. 1: kr 750 000=750000" --alternative "2:Alt. 2: kr 500 000=500000" --alternative "2:Alt. 3: ikke etablere=" --date 2025-09-01',
    'ledger resolution propose 23.25 --point "Tildelinger 2026" --authorises 1=allocation:frame --line 1:vip:2026=500000 --line "1:proposal:p25-psykisk-helse-voksne:2026=600 000"',
  ],
  build: ([caseNumber], options) => ({ caseNumber, points: pointsOf(options) }),
});

export const adoptResolution: TaskSpec = task({
  type: 'AdoptResolution',
  path: ['resolution', 'adopt'],
  summary: ['registrer vedtaket', 'record the adopted resolution (vedtak)'],
  description: [
    'Registrerer vedtaket punkt for punkt: --point PUNKT=adopted, PUNKT=rejected eller PUNKT=alt:N (alternativet som ble valgt), med :majority eller :unanimous etter når et punkt ble avgjort annerledes enn --by; --amend PUNKT:SATSNING:ÅR=BELØP endrer en linje i et punkts tabell i møtet; --present nevner et medlem som var til stede (for beslutningsdyktigheten). Dissensen regnes ut av stemmene.',
    "Records the resolution point by point: --point POINT=adopted, POINT=rejected or POINT=alt:N (the alternative chosen), followed by :majority or :unanimous when a point was decided otherwise than --by; --amend POINT:INITIATIVE:YEAR=AMOUNT changes a line of a point's table at the meeting; --present names a member present (for the quorum). The dissent is worked out from the votes.",
  ],
  args: [caseArgument],
  options: [
    {
      flags: '--point <POINT=outcome>',
      description: [
        'hvordan hvert punkt ble avgjort (gjenta): 1=adopted, 2=alt:2:majority, 3=rejected',
        'how each point was decided (repeat): 1=adopted, 2=alt:2:majority, 3=rejected',
      ],
      fields: ['points'],
      required: true,
      repeatable: true,
      parse: parseOutcome,
    },
    {
      flags: '--by <rule>',
      description: ['hvordan vedtaket ble fattet', 'how the resolution was decided'],
      fields: ['decidedBy'],
      required: true,
      choices: ['consensus', 'unanimous', 'majority'],
    },
    {
      flags: '--amend <POINT:INITIATIVE:YEAR=AMOUNT>',
      description: ['en tabellinje møtet endret, som 1:vip:2025=2500000', 'a table line the meeting changed, such as 1:vip:2025=2500000'],
      fields: ['points'],
      repeatable: true,
      parse: parsePointLine,
    },
    {
      flags: '--present <member>',
      description: [
        'et medlem som var til stede (gjenta for hvert, for beslutningsdyktigheten)',
        'a member present (repeat for each, for the quorum)',
      ],
      fields: ['membersPresent'],
      repeatable: true,
    },
    { flags: '--notes <text>', description: ['notater fra møtet', 'notes from the meeting'], fields: ['notes'] },
  ],
  examples: [
    'ledger resolution adopt 22.25 --point 1=adopted --point 2=alt:2:majority --point 3=adopted --point 4=adopted --by consensus --date 2025-09-18',
    'ledger resolution adopt 23.25 --point 1=adopted --amend 1:vip:2026=400000 --by majority --present leder --present nestleder --date 2025-11-13',
  ],
  build: ([caseNumber], options) => ({
    caseNumber,
    points: (options.point as Record<string, unknown>[]).map((point) => {
      const amendments = ((options.amend as PointLine[] | undefined) ?? [])
        .filter((entry) => entry.point === point.number)
        .map((entry) => entry.line);
      return amendments.length ? { ...point, amendments } : point;
    }),
    decidedBy: options.by,
    ...(options.present ? { membersPresent: options.present } : {}),
    ...(options.notes ? { notes: options.notes } : {}),
  }),
});
