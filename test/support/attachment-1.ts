/**
 * The committee's attachment 1 to case 22/25 (DOMAIN.md's table), as printed: programme
 * areas and their initiatives, then the two new initiatives and the total. Columns:
 * granted 2024 · ongoing 2024 carried into 2025 · requested 2025 · recommended 2025.
 * A dash is nothing; "(no amount)" a proposal that stated none.
 */
export type PrintedRow = [name: string, granted: string, carried: string, requested: string, recommended: string];

export const attachment1Areas: { area: PrintedRow; initiatives: PrintedRow[] }[] = [
  {
    area: ['Bo trygt hjemme med integrerte helsetjenester', '3 000 000', '3 000 000', '6 250 000', '4 250 000'],
    initiatives: [
      ['VIP (very important patient)', '1 000 000', '1 000 000', '5 000 000', '3 000 000'],
      ['Forebygging og mestring (innsatstrapp, innbyggerdialog)', '750 000', '750 000', '–', '–'],
      ['Kunnskap', '1 250 000', '1 250 000', '1 250 000', '1 250 000'],
    ],
  },
  {
    area: ['Barn og unge', '1 200 000', '1 200 000', '1 000 000', '1 000 000'],
    initiatives: [
      ['Barn med autisme', '200 000', '200 000', '–', '–'],
      ['SAMBA (BUP Tynset og Nord-Østerdal)', '1 000 000', '1 000 000', '1 000 000', '1 000 000'],
    ],
  },
  {
    area: ['Desentrale tjenester og digitalisering', '3 570 000', '3 070 000', '4 495 000', '3 495 000'],
    initiatives: [
      ['Mobil videoløsning / hodekamera for sårbehandling', '–', '–', '2 500 000', '1 500 000'],
      ['DHO (digital hjemmeoppfølging)', '750 000', '750 000', '750 000', '750 000'],
      ['Økt samhandling med fastleger', '500 000', '500 000', '–', '–'],
      ['Allmennlege i desentral spesialistpoliklinikk, Nord-Gudbrandsdal LMS', '575 000', '575 000', '–', '–'],
      ['Prosjekt psykologspesialist i legevakt', '1 245 000', '1 245 000', '1 245 000', '1 245 000'],
      ['Digitalisering – samordne digitale initiativ', '500 000', '–', '–', '–'],
    ],
  },
  {
    area: ['Utvikle Helsefellesskap Innlandet', '1 950 000', '1 450 000', '2 000 000', '2 000 000'],
    initiatives: [
      ['Kommunikasjon', '300 000', '300 000', '–', '–'],
      ['Digitalt avvikssystem', '500 000', '500 000', '–', '–'],
      ['Modell for beregning av gevinst og fordeling', '500 000', '–', '–', '–'],
      ['Felles modell for tjenesteutvikling', '150 000', '150 000', '–', '–'],
      ['Innovasjonsarenaer (samhandlingskonferanse)', '250 000', '250 000', '–', '–'],
      ['Fastlegerepresentasjon i utdanning av legespesialister', '250 000', '250 000', '–', '–'],
      ['Arbeidsutvalg, samhandlingskoordinatorer/-rådgivere i regioner', '–', '–', '2 000 000', '2 000 000'],
    ],
  },
];

export const attachment1NewInitiatives: PrintedRow[] = [
  ['Psykisk helse voksne med store sammensatte behov', '–', '–', '(no amount)', '600 000'],
  ['Hospitering og kompetanseoverføring', '–', '–', '(no amount)', '–'],
];

export const attachment1Total: PrintedRow = ['Total', '9 720 000', '8 720 000', '13 745 000', '11 345 000'];

/** The frame lines of 2025 the case states: frame, requested over it, buffer. */
export const attachment1Frame = {
  received: '10 615 000',
  remainderCarriedIn: '980 000',
  releasedCarriedIn: '1 000 000',
  frame: '12 595 000',
  requested: '13 745 000',
  requestedOverFrame: '1 150 000',
  recommended: '11 345 000',
  buffer: '1 250 000',
} as const;

/** A printed amount as the ledger's decimal string: `3 000 000` → `3000000.00`, a dash → `0.00`, "(no amount)" → null. */
export function decimalOf(printed: string): string | null {
  if (printed === '(no amount)') return null;
  if (printed === '–') return '0.00';
  return `${printed.replace(/ /g, '')}.00`;
}
