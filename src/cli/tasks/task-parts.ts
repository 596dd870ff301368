import { parseAuthority, parseYearAmount, type TaskArgument, type TaskOption } from './task.js';

/** Arguments and options several task verbs share, each worded once; a verb passes the words that are its own. */

type Text = readonly [nb: string, en: string];

/** The year a verb records in, as its first argument. */
export const yearArgument = (description: Text): TaskArgument => ({
  name: 'year',
  description,
  field: 'year',
  parse: (text, values) => values.year(text),
});

const theInitiative: Text = ['satsningen (se ledger list initiatives)', 'the initiative (see ledger list initiatives)'];

/** The initiative a verb is about, as an argument with the name its help shows. */
export const initiativeArgument = (name: string): TaskArgument => ({ name, description: theInitiative, field: 'initiativeId' });

/** The initiative a verb is about, as a required `--initiative`. */
export const initiativeOption: TaskOption = {
  flags: '--initiative <id>',
  description: theInitiative,
  fields: ['initiativeId'],
  required: true,
};

/** Why, which every command that changes a recorded decision requires. */
export const reasonOption = (description: Text = ['hvorfor', 'why']): TaskOption => ({
  flags: '--reason <text>',
  description,
  fields: ['reason'],
  required: true,
});

/** The adopted resolution point (`22.25/1`) a command cites. */
export const authorityOption = (description: Text, required: boolean): TaskOption => ({
  flags: '--authority <NN.YY/point>',
  description,
  fields: ['authority'],
  required,
  parse: parseAuthority,
});

/** An amount, required. */
export const amountOption = (description: Text, fields: readonly string[] = ['amount']): TaskOption => ({
  flags: '--amount <amount>',
  description,
  fields,
  required: true,
  parse: (text, values) => values.amount(text),
});

/** The instalments of a grant's plan, one `YEAR=AMOUNT` each (repeated), required. */
export const instalmentsOption = (description: Text): TaskOption => ({
  flags: '--instalment <YEAR=AMOUNT>',
  description,
  fields: ['instalments'],
  required: true,
  repeatable: true,
  parse: parseYearAmount,
});
