import { isYearFigure, type BaseFigure, type Scope } from './figures.js';
import type { Account, LedgerView } from './ledger-view.js';

/** The accounts whose postings make a base figure for a scope in a year. */
export function accountsOf(view: LedgerView, year: number, figure: BaseFigure, scope: Scope): { key: string; account: Account }[] {
  const book = view.years.get(year);
  if (!book) return [];
  const pick = (key: string) => {
    const account = book.accounts.get(key);
    return account ? [{ key, account }] : [];
  };
  if (isYearFigure(figure)) return scope.kind === 'total' ? pick(`year|${figure}`) : [];
  if (scope.kind === 'initiative') return pick(`initiative:${scope.initiativeId}|${figure}`);
  if (scope.kind === 'proposal') return pick(`proposal:${scope.proposalId}|${figure}`);
  const suffix = `|${figure}`;
  const found: { key: string; account: Account }[] = [];
  for (const [key, account] of book.accounts) {
    if (!key.endsWith(suffix)) continue;
    const accountScope = key.slice(0, -suffix.length);
    if (accountScope === 'year') continue;
    if (scope.kind === 'total') found.push({ key, account });
    else if (scope.kind === 'unassigned') {
      if (accountScope.startsWith('proposal:')) found.push({ key, account });
    } else if (accountScope.startsWith('initiative:')) {
      const initiative = view.registry.initiatives.get(accountScope.slice('initiative:'.length));
      if (initiative?.programmeAreaId === scope.programmeAreaId) found.push({ key, account });
    }
  }
  return found;
}
