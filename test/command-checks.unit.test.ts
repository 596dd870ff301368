import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventMetadataSchema } from '../events/envelope.js';
import { checkedCommand, metadataIsValid } from '../src/app/command-checks.js';
import { cleanCommandInput } from '../src/app/command-input.js';
import { CommandSchema } from '../src/commands/table.js';
import { generateSteps } from './support/generator.js';

/**
 * The command path's compiled checks (src/app/command-checks.ts) stand in for zod only
 * where zod would take the value as it is: every command they accept is what zod returns
 * (its keys perhaps in another order), and a command broken in one place is never
 * accepted by them when zod refuses it or would change it.
 */
const commands = [...generateSteps(20261206, { events: 4000 })].map((step) => cleanCommandInput(step.command) as Record<string, unknown>);

/** A command broken or changed in one place: a field dropped, added, retyped, padded or emptied. */
const broken = fc
  .tuple(fc.constantFrom(...commands), fc.nat(), fc.constantFrom('drop', 'add', 'number', 'pad', 'empty', 'null', 'array'))
  .map(([command, pick, how]) => {
    const copy = structuredClone(command);
    const keys = Object.keys(copy);
    const key = keys[pick % keys.length]!;
    if (how === 'drop') delete copy[key];
    else if (how === 'add') copy.unexpected = 'x';
    else if (how === 'number') copy[key] = 7;
    else if (how === 'pad') copy[key] = typeof copy[key] === 'string' ? ` ${copy[key]} ` : copy[key];
    else if (how === 'empty') copy[key] = '';
    else if (how === 'null') copy[key] = null;
    else copy[key] = [copy[key]];
    return copy;
  });

describe('the compiled checks of the command path', () => {
  it('accept every generated command, and each is what the schema returns', () => {
    let accepted = 0;
    for (const command of commands) {
      const checked = checkedCommand(command);
      const parsed = CommandSchema.safeParse(command);
      if (checked === null) continue;
      accepted += 1;
      expect(parsed.success).toBe(true);
      expect(checked).toEqual(parsed.data);
      // A copy: the sender's object may change afterwards without changing the command.
      expect(checked).not.toBe(command);
    }
    // All but the corrections, whose event ids the generator fills in when they are sent.
    expect(accepted).toBeGreaterThan(commands.length * 0.9);
  });

  it('never accept a command the schema refuses or would change', () => {
    fc.assert(
      fc.property(broken, (command) => {
        const checked = checkedCommand(command);
        if (checked === null) return;
        const parsed = CommandSchema.safeParse(command);
        expect(parsed.success).toBe(true);
        expect(checked).toEqual(parsed.data);
      }),
      { numRuns: 2000 },
    );
  });

  it('hold event metadata to its schema, the instant it was recorded too', () => {
    const metadata = {
      actor: 'sekretariat',
      causationId: '01JEXAMPLE0000000000000000',
      commandHash: 'a'.repeat(64),
      correlationId: 'request-1',
      effectiveDate: '2025-09-24',
      idempotencyKey: 'k-1',
      recordedAt: '2025-09-24T10:00:00.000Z',
    };
    expect(metadataIsValid(metadata)).toBe(true);
    for (const [key, value] of [
      ['recordedAt', '2025-13-24T10:00:00.000Z'],
      ['recordedAt', 'yesterday'],
      ['effectiveDate', '2025-02-30'],
      ['commandHash', 'A'.repeat(64)],
      ['actor', ''],
      ['corrects', 'not-a-ulid'],
      ['extra', 'x'],
    ] as const) {
      const changed = { ...metadata, [key]: value };
      expect(metadataIsValid(changed), `${key}: ${value}`).toBe(false);
      expect(EventMetadataSchema.safeParse(changed).success).toBe(false);
    }
    const { idempotencyKey: _dropped, ...missing } = metadata;
    expect(metadataIsValid(missing)).toBe(false);
  });
});
