import { describe, expect, it } from 'vitest';
import { taskSpecs } from '../src/cli/verbs/tasks.js';
import { commandDefinitions, commandTypes } from '../src/commands/table.js';
import { commandEndpointCases } from './support/http.js';

/**
 * What every command of the table must come with besides its rule: an endpoint the HTTP
 * tests record it through, at its own path, and a task verb of the CLI. A new command
 * without them fails here, naming it (and without an HTTP case, test/support/http.ts fails
 * to compile: its cases are keyed by every command type, and each path is built from its
 * definition's).
 */

describe('every command of the table has its edges', () => {
  it('an HTTP test case at the path its definition offers it on, once', () => {
    const cases = new Map(commandEndpointCases.map((endpoint) => [endpoint.type, endpoint]));
    expect(commandEndpointCases).toHaveLength(cases.size);
    const missing = commandTypes.filter((type) => !cases.has(type));
    expect(missing, 'commands without an HTTP test case in test/support/http.ts').toEqual([]);
    for (const definition of commandDefinitions) {
      const pattern = new RegExp(`^${definition.http.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
      expect(cases.get(definition.type)?.path, definition.type).toMatch(pattern);
    }
  });

  it('a task verb of the CLI (the settlement is `ledger settle`)', () => {
    const verbs = new Set(taskSpecs.map((spec) => spec.type));
    const missing = commandTypes.filter((type) => type !== 'SettleYear' && !verbs.has(type));
    expect(missing, 'commands without a task verb in src/cli/tasks').toEqual([]);
  });
});
