import type { Criterion, Phase } from '../../events/identifiers.js';
import type { SheetProblem } from './sheet-problems.js';

/**
 * What an opening-balance preview says, as the API answers it and the page and the CLI
 * show it: the column mapping, each programme area and initiative with what it matched,
 * what is left out, every figure, the commands recording would run, and the problems.
 * Types only (and the roles' words), so the page compiles them without the reader.
 */

/** What a column of the lines sheet may hold. */
export const columnRoles = [
  'name',
  'programmeArea',
  'key',
  'earmarked',
  'previousGranted',
  'grantedBy',
  'criterion',
  'phase',
  'ignore',
] as const;
export type ColumnRole = (typeof columnRoles)[number];

export const roleLabels: Record<ColumnRole, { nb: string; en: string }> = {
  name: { nb: 'Navn (satsning)', en: 'Name (initiative)' },
  programmeArea: { nb: 'Programområde', en: 'Programme area' },
  key: { nb: 'Nøkkel (id)', en: 'Key (id)' },
  earmarked: { nb: 'Øremerket overført', en: 'Earmarked, carried in' },
  previousGranted: { nb: 'Tildelt året før', en: 'Granted the year before' },
  grantedBy: { nb: 'Tildelt i sak', en: 'Granted by case' },
  criterion: { nb: 'Kriterium', en: 'Criterion' },
  phase: { nb: 'Fase', en: 'Phase' },
  ignore: { nb: 'Ikke med', en: 'Not imported' },
};

export interface ColumnMapping {
  index: number;
  column: string;
  header: string;
  role: ColumnRole;
}

export interface MatchedArea {
  line: number;
  name: string;
  id: string;
  status: 'known' | 'new';
  suggestions: string[];
}

export interface MatchedInitiative {
  line: number;
  name: string;
  id: string;
  programmeAreaId: string | null;
  status: 'known' | 'new';
  suggestions: string[];
  earmarked: string;
  previousGranted: string | null;
  grantedBy?: { caseNumber: string; pointNumber?: number };
  criterion: Criterion;
  phase: Phase;
}

export interface SkippedRow {
  line: number;
  name: string;
  nb: string;
  en: string;
}

export type FundsChoice = 'none' | 'received' | 'expected';

/** A command of the preview, as sent: its type, key and fields. */
type PreviewCommand = { type: string; idempotencyKey: string } & Record<string, unknown>;

export interface OpeningPreview<Command = PreviewCommand> {
  year: number;
  fileName: string;
  format: 'xlsx' | 'csv';
  /** `ledger`: the allocation table the ledger writes (its keys name the ledger's ids); `own`: a secretariat's own sheet. */
  layout: 'ledger' | 'own';
  sheetName: string;
  headerLine: number;
  mapping: ColumnMapping[];
  source: { document: string; caseNumber?: string; date: string } | null;
  areas: MatchedArea[];
  initiatives: MatchedInitiative[];
  skipped: SkippedRow[];
  commitments: {
    line: number;
    initiativeId: string | null;
    name: string;
    year: number;
    amount: string;
    authority: { caseNumber: string; pointNumber: number };
    /** The id the sheet gives the grant, if any (else the ledger makes one). */
    grantId: string | null;
  }[];
  figures: {
    remainderCarriedIn: string;
    releasedCarriedIn: string;
    reserveFundBalance: string;
    earmarkedTotal: string;
    previousYearGrantedTotal: string;
    committedTotal: string;
    /** The year's receipt the sheet states, and how it is recorded. */
    received: string | null;
    funds: FundsChoice;
    frame: string;
  };
  /** What recording it would run, in order: the registrations, then the opening balance. */
  commands: Command[];
  problems: SheetProblem[];
}
