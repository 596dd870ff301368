import { InvalidArgumentError } from '@commander-js/extra-typings';
import type { Values } from '../values.js';

/**
 * A grant's condition on the command line: `--condition "TEXT"`, or with the date it is
 * due first, `--condition "2025-11-13: Felles budsjett og plan til SSU"`.
 */
export function parseCondition(text: string, values: Values): { text: string; dueOn?: string } {
  const dated = /^(\d{4}-\d{2}-\d{2}):\s*([\s\S]*)$/.exec(text.trim());
  if (!dated) return { text };
  if (dated[2]!.trim() === '')
    throw new InvalidArgumentError(
      values.say(
        'Et vilkår trenger tekst etter datoen, som "2025-11-13: Plan til SSU".',
        'A condition needs its text after the date, like "2025-11-13: Plan til SSU".',
      ),
    );
  return { text: dated[2]!, dueOn: values.date(dated[1]!) };
}
