import type { EventDataOf, LedgerEventOf } from '../events/catalogue.js';

import { formatDate } from '../src/shared/format.js';
import { formatMoney } from '../src/shared/format.js';

/**
 * What the events of an opening balance and of the organisation did, in words. Every
 * opening amount is explained as "Inngående balanse" with the document it comes from, so
 * an explanation of a figure says where the ledger's first amount was taken from.
 */

interface Words {
  nb: string;
  en: string;
}

interface Names {
  initiative(id: string): string;
}

type Source = EventDataOf<'OpeningBalanceRecorded'>['source'];

/** `«Vedlegg 1», sak 22.25, 11.09.2025`. */
function sourceWords(source: Source): Words {
  return {
    nb: `«${source.document}»${source.caseNumber ? `, sak ${source.caseNumber}` : ''}, ${formatDate(source.date)}`,
    en: `"${source.document}"${source.caseNumber ? `, case ${source.caseNumber}` : ''}, ${formatDate(source.date)}`,
  };
}

const cited = (citation: { caseNumber: string; pointNumber?: number | undefined } | undefined): Words =>
  citation
    ? {
        nb: `, sak ${citation.caseNumber}${citation.pointNumber === undefined ? '' : ` pkt. ${citation.pointNumber}`}`,
        en: `, case ${citation.caseNumber}${citation.pointNumber === undefined ? '' : ` point ${citation.pointNumber}`}`,
      }
    : { nb: '', en: '' };

export const openingDescribers = {
  OpeningBalanceRecorded: ({ data }: LedgerEventOf<'OpeningBalanceRecorded'>): Words => {
    const from = sourceWords(data.source);
    return {
      nb: `Inngående balanse ${data.year} fra ${from.nb}: gjenstående ${formatMoney(data.remainderCarriedIn)}, frigjort ${formatMoney(data.releasedCarriedIn)}, fond ${formatMoney(data.reserveFundBalance)}, øremerket ${formatMoney(data.earmarkedTotal)}, forpliktet ${formatMoney(data.committedTotal)}`,
      en: `Opening balance ${data.year} from ${from.en}: remainder ${formatMoney(data.remainderCarriedIn)}, released ${formatMoney(data.releasedCarriedIn)}, reserve fund ${formatMoney(data.reserveFundBalance)}, earmarked ${formatMoney(data.earmarkedTotal)}, committed ${formatMoney(data.committedTotal)}`,
    };
  },
  OpeningInitiativeBalanceRecorded: ({ data }: LedgerEventOf<'OpeningInitiativeBalanceRecorded'>, names: Names): Words => {
    const from = sourceWords(data.source);
    const by = cited(data.grantedBy);
    const previous = data.previousYearGranted;
    return {
      nb: `Inngående balanse ${data.year}: øremerket ${formatMoney(data.earmarkedCarriedIn)} til ${names.initiative(data.initiativeId)}${by.nb}${previous ? `; tildelt ${data.year - 1}: ${formatMoney(previous)}` : ''} (fra ${from.nb})`,
      en: `Opening balance ${data.year}: ${formatMoney(data.earmarkedCarriedIn)} earmarked for ${names.initiative(data.initiativeId)}${by.en}${previous ? `; granted ${data.year - 1}: ${formatMoney(previous)}` : ''} (from ${from.en})`,
    };
  },
  OpeningCommitmentRecorded: ({ data }: LedgerEventOf<'OpeningCommitmentRecorded'>, names: Names): Words => {
    const from = sourceWords(data.source);
    const by = cited(data.authority);
    return {
      nb: `Inngående balanse ${data.year}: forpliktet ${formatMoney(data.amount)} i ${data.instalmentYear} til ${names.initiative(data.initiativeId)}${by.nb} (fra ${from.nb})`,
      en: `Opening balance ${data.year}: ${formatMoney(data.amount)} committed in ${data.instalmentYear} to ${names.initiative(data.initiativeId)}${by.en} (from ${from.en})`,
    };
  },
  OrganisationRecorded: ({ data }: LedgerEventOf<'OrganisationRecorded'>): Words => ({
    nb: `Organisasjon: ${data.name} · ${data.committeeName}${data.funderIdentifier ? ` (360Giving-ID ${data.funderIdentifier})` : ''}`,
    en: `Organisation: ${data.name} · ${data.committeeName}${data.funderIdentifier ? ` (360Giving id ${data.funderIdentifier})` : ''}`,
  }),
};
