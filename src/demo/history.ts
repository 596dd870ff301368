import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandHandler } from '../app/command-handler.js';
import { CommandValidationError, issueAt } from '../app/errors.js';
import { words } from '../shared/format.js';

/**
 * The history of case 22/25 as commands: the organisation (Helsefellesskap Innlandet and
 * its strategic committee), the 2024 and 2025 receipts, the criteria
 * of case 32.24, the registry, the 2024 grants of case 04.25, the two releases, the
 * 2024 settlement, the partners' proposals and the secretariat's recommendation for
 * 2025, and case 22.25's proposed resolution, left undecided as the document leaves it.
 */
export const CASE_22_25_HISTORY = fileURLToPath(new URL('./case-22-25.ndjson', import.meta.url));

/** Parses NDJSON or a JSON array of commands; a line that is not JSON is named by its number. */
export function parseCommandText(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed;
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CommandValidationError([issueAt('', words(`ikke gyldig JSON: ${reason}`, `not valid JSON: ${reason}`))]);
    }
  }
  return text.split('\n').flatMap((line, index) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as unknown];
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CommandValidationError([
        {
          path: `line ${index + 1}`,
          message: `not valid JSON: ${reason}`,
          words: words(`ikke gyldig JSON: ${reason}`, `not valid JSON: ${reason}`),
        },
      ]);
    }
  });
}

export interface LoadOutcome {
  commands: number;
  recorded: number;
  replayed: number;
  events: number;
}

/** Runs commands one by one through the rules; stops at the first refusal, naming the command. */
export async function runCommands(
  handler: CommandHandler,
  commands: unknown[],
  actor: string,
  correlationId?: string,
): Promise<LoadOutcome> {
  const outcome: LoadOutcome = { commands: commands.length, recorded: 0, replayed: 0, events: 0 };
  for (const [index, command] of commands.entries()) {
    try {
      const result = await handler.execute(command, { actor, ...(correlationId ? { correlationId } : {}) });
      if (result.replayed) outcome.replayed += 1;
      else {
        outcome.recorded += 1;
        outcome.events += result.events.length;
      }
    } catch (error: unknown) {
      if (error instanceof Error) error.message = `command ${index + 1} (${describe(command)}): ${error.message}`;
      throw error;
    }
  }
  return outcome;
}

function describe(command: unknown): string {
  if (command && typeof command === 'object' && 'type' in command) return String(command.type);
  return 'not an object';
}

/** Loads the case 22/25 history; loading it again records nothing new. */
export async function loadCase2225History(handler: CommandHandler, actor = 'demo'): Promise<LoadOutcome> {
  return runCommands(handler, parseCommandText(readFileSync(CASE_22_25_HISTORY, 'utf8')), actor, 'demo-case-22-25');
}
