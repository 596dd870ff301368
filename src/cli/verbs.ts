import { checkpointVerb, checkpointsVerb, keysVerb } from './trust.js';
import type { CliVerb } from './verb.js';
import { backupVerb } from './verbs/backup.js';
import { balancesVerb } from './verbs/balances.js';
import { caseVerb } from './verbs/case.js';
import { casesVerb } from './verbs/cases.js';
import { demoVerb } from './verbs/demo.js';
import { documentVerb } from './verbs/document.js';
import { explainVerb } from './verbs/explain.js';
import { exportVerb } from './verbs/export.js';
import { figuresVerb } from './verbs/figures.js';
import { frameVerb } from './verbs/frame.js';
import { importVerb } from './verbs/import.js';
import { listVerb } from './verbs/list.js';
import { rebuildVerb } from './verbs/rebuild.js';
import { recordVerb } from './verbs/record.js';
import { reportVerb } from './verbs/report.js';
import { settleVerb } from './verbs/settle.js';
import { taskVerbs } from './verbs/tasks.js';
import { trailVerb } from './verbs/trail.js';
import { verifyVerb } from './verbs/verify.js';
import { openBalancesVerb } from './verbs/open-balances.js';

/**
 * Every built-in verb, in the order `ledger --help` lists them within their groups.
 * A new verb (or group of sub-verbs) is one module under verbs/ and one line here.
 */
export const verbs: readonly CliVerb[] = [
  frameVerb,
  balancesVerb,
  trailVerb,
  explainVerb,
  figuresVerb,
  listVerb,
  casesVerb,
  caseVerb,
  reportVerb,
  demoVerb,
  recordVerb,
  settleVerb,
  exportVerb,
  importVerb,
  rebuildVerb,
  verifyVerb,
  backupVerb,
  documentVerb,
  keysVerb,
  checkpointVerb,
  checkpointsVerb,
  taskVerbs,
  openBalancesVerb,
];
