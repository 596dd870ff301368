import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { caseTasks } from '../tasks/case-tasks.js';
import { registryTasks } from '../tasks/registry-tasks.js';
import { addTask, type TaskSpec } from '../tasks/task.js';
import { yearTasks } from '../tasks/year-tasks.js';
import { openingTasks } from '../tasks/opening-tasks.js';
import type { CliVerb } from '../verb.js';

/** Every command the secretariat records, as a task verb (the settlement is `ledger settle`). */
export const taskSpecs: readonly TaskSpec[] = [...registryTasks, ...caseTasks, ...yearTasks, ...openingTasks];

export const taskVerbs: CliVerb = (cli) => {
  const program = cli.program as unknown as CommandUnknownOpts;
  const existing = new Set(program.commands.map((command) => command.name()));
  for (const spec of taskSpecs) addTask(cli, spec);
  // A group the tasks made lists its verbs in the overview: `grant  registrer: award|plan|adjust|release`.
  for (const group of program.commands) {
    if (existing.has(group.name())) continue;
    const verbs = group.commands.map((verb) => verb.name()).join('|');
    group.summary(`${cli.say('registrer', 'record')}: ${verbs}`).description(cli.say(`Registrer: ${verbs}.`, `Record: ${verbs}.`));
  }
};
