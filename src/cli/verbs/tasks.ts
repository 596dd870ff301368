import { caseTasks } from '../tasks/case-tasks.js';
import { registryTasks } from '../tasks/registry-tasks.js';
import { addTask, type TaskSpec } from '../tasks/task.js';
import { yearTasks } from '../tasks/year-tasks.js';
import { openingTasks } from '../tasks/opening-tasks.js';
import type { CliVerb } from '../verb.js';

/** Every command the secretariat records, as a task verb (the settlement is `ledger settle`). */
export const taskSpecs: readonly TaskSpec[] = [...registryTasks, ...caseTasks, ...yearTasks, ...openingTasks];

export const taskVerbs: CliVerb = (cli) => {
  for (const spec of taskSpecs) addTask(cli, spec);
};
