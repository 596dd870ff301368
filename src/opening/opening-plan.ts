import type { Criterion, Phase } from '../../events/identifiers.js';
import type { MatchedArea, MatchedInitiative } from './preview.js';
import type { SheetLine } from './sheet-lines.js';
import type { SheetProblem } from './sheet-problems.js';
import type { SheetReading } from './sheet-read.js';
import { comparable, idFor, suggestionsFor, type RegistryNames } from './registry-match.js';

/**
 * A sheet's lines matched to the registry: each programme area and initiative is either
 * one the ledger knows or a new one to register (with the id it will get and, when it is
 * unknown, the names it may have meant). A new one is registered only when the import is
 * told to; otherwise it is a problem naming its line and column.
 */

export interface MatchOptions {
  /** Register the programme areas and initiatives the registry does not have. */
  registerNew: boolean;
  /** For new initiatives whose line does not say. */
  criterion: Criterion;
  phase: Phase;
}

export interface Matched {
  areas: MatchedArea[];
  initiatives: MatchedInitiative[];
  problems: SheetProblem[];
}

function unknownProblem(
  kind: 'area' | 'initiative',
  line: SheetLine | { line: number; name: string },
  column: { column: string; header: string } | null,
  suggestions: string[],
): SheetProblem {
  const what =
    kind === 'area'
      ? ['er ikke et registrert programområde', 'is not a registered programme area']
      : ['er ikke en registrert satsning', 'is not a registered initiative'];
  const meant =
    suggestions.length > 0
      ? [
          `; mente du ${suggestions.map((name) => `«${name}»`).join(' eller ')}?`,
          `; did you mean ${suggestions.map((name) => `«${name}»`).join(' or ')}?`,
        ]
      : ['', ''];
  return {
    line: line.line,
    ...(column ? { column: column.column, header: column.header } : {}),
    nb: `«${line.name}» ${what[0]}${meant[0]} Rett navnet, eller la importen registrere det.`,
    message: `«${line.name}» ${what[1]}${meant[1]} Correct the name, or let the import register it.`,
  };
}

/** Matches the areas and initiatives of a reading to the registry. */
export function matchToRegistry(reading: SheetReading, registry: RegistryNames, options: MatchOptions): Matched {
  const problems: SheetProblem[] = [];
  const nameColumn = reading.mapping.find((entry) => entry.role === 'name') ?? null;
  const areaColumn = reading.mapping.find((entry) => entry.role === 'programmeArea') ?? nameColumn;
  const areas = matchAreas(reading, [...registry.programmeAreas], options, areaColumn, problems);
  const initiatives = matchInitiatives(reading, [...registry.initiatives], areas, options, nameColumn, problems);
  return { areas: [...new Set(areas.values())], initiatives, problems };
}

type Column = { column: string; header: string } | null;

function matchAreas(
  reading: SheetReading,
  areas: { programmeAreaId: string; name: string }[],
  options: MatchOptions,
  areaColumn: Column,
  problems: SheetProblem[],
): Map<object, MatchedArea> {
  const taken = new Set(areas.map((area) => area.programmeAreaId));
  const matched = new Map<object, MatchedArea>();
  for (const area of reading.areas) {
    const known =
      area.id !== null
        ? areas.find((candidate) => candidate.programmeAreaId === area.id)
        : areas.find((candidate) => comparable(candidate.name) === comparable(area.name));
    const sameNew = [...matched.values()].find(
      (candidate) => candidate.status === 'new' && comparable(candidate.name) === comparable(area.name),
    );
    const result: MatchedArea = known
      ? { line: area.line, name: known.name, id: known.programmeAreaId, status: 'known', suggestions: [] }
      : (sameNew ?? {
          line: area.line,
          name: area.name,
          id: area.id ?? idFor(area.name, taken),
          status: 'new',
          suggestions: suggestionsFor(
            area.name,
            areas.map((candidate) => candidate.name),
          ),
        });
    taken.add(result.id);
    if (result.status === 'new' && !options.registerNew && result !== sameNew)
      problems.push(unknownProblem('area', area, areaColumn, result.suggestions));
    matched.set(area, result);
  }
  return matched;
}

function matchInitiatives(
  reading: SheetReading,
  initiatives: { initiativeId: string; name: string; programmeAreaId: string }[],
  areas: Map<object, MatchedArea>,
  options: MatchOptions,
  nameColumn: Column,
  problems: SheetProblem[],
): MatchedInitiative[] {
  const taken = new Set(initiatives.map((initiative) => initiative.initiativeId));
  const seen = new Map<string, number>();
  return reading.lines.map((line) => {
    const area = line.area ? (areas.get(line.area) ?? null) : null;
    const byName = initiatives.filter((candidate) => comparable(candidate.name) === comparable(line.name));
    const known =
      line.id !== null
        ? initiatives.find((candidate) => candidate.initiativeId === line.id)
        : (byName.find((candidate) => candidate.programmeAreaId === area?.id) ?? byName[0]);
    const id = known?.initiativeId ?? line.id ?? idFor(line.name, taken);
    taken.add(id);
    const suggestions = known
      ? []
      : suggestionsFor(
          line.name,
          initiatives.map((candidate) => candidate.name),
        );
    const column = nameColumn ? { column: line.nameCell.column, header: nameColumn.header } : null;
    const earlier = seen.get(id);
    if (earlier !== undefined)
      problems.push({
        line: line.line,
        ...(column ?? {}),
        nb: `«${line.name}» står også på linje ${earlier}`,
        message: `«${line.name}» is also on line ${earlier}`,
      });
    seen.set(id, line.line);
    if (!known && !options.registerNew) problems.push(unknownProblem('initiative', line, column, suggestions));
    if (!known && options.registerNew && area === null)
      problems.push({
        line: line.line,
        ...(column ?? {}),
        nb: `«${line.name}» er ny, men står ikke under noe programområde`,
        message: `«${line.name}» is new, but is under no programme area`,
      });
    return {
      line: line.line,
      name: known?.name ?? line.name,
      id,
      programmeAreaId: known?.programmeAreaId ?? area?.id ?? null,
      status: known ? ('known' as const) : ('new' as const),
      suggestions,
      earmarked: line.earmarked,
      previousGranted: line.previousGranted,
      ...(line.grantedBy ? { grantedBy: line.grantedBy } : {}),
      criterion: line.criterion ?? options.criterion,
      phase: line.phase ?? options.phase,
    };
  });
}
