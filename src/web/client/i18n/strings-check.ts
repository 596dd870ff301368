/** The document check's words: [bokmål, English]. */
export const checkStrings = {
  checkTitle: ['Kontroller et dokument mot loggen', 'Check a document against the log'],
  checkIntro: [
    'Velg eller slipp en fil registeret har skrevet: fordelingstabellen som CSV, regneark (XLSX) eller utskrift (HTML), saksammendraget eller tildelingene i 360Giving-standarden. Registeret bygger dokumentet på nytt fra loggen ved posisjonen filen oppgir, og sammenligner tall for tall.',
    'Choose or drop a file the ledger wrote: the allocation table as CSV, spreadsheet (XLSX) or print (HTML), the case summary, or the grants in the 360Giving standard. The ledger rebuilds the document from the log at the position the file names, and compares figure by figure.',
  ],
  checkFormHeading: ['Dokumentet', 'The document'],
  checkFileLabel: ['Fil', 'File'],
  checkFileHint: ['CSV, XLSX, HTML eller JSON, slik registeret skrev den.', 'CSV, XLSX, HTML or JSON, as the ledger wrote it.'],
  checkDrop: ['Eller slipp filen her.', 'Or drop the file here.'],
  checkSubmit: ['Kontroller dokumentet', 'Check the document'],
  checkNoFile: ['Velg en fil først.', 'Choose a file first.'],
  checkDone: ['Kontrollert: {file}.', 'Checked: {file}.'],
  checkAbsent: ['mangler', 'missing'],
  checkSame: ['Stemmer', 'Matches'],
  checkDifferent: ['Avviker', 'Differs'],
  checkCaption: [
    'Tallene i dokumentet mot loggen ({count} tall, avvik først)',
    'The figures of the document against the log ({count} figures, differences first)',
  ],
  checkFigureColumn: ['Tall', 'Figure'],
  checkInFileColumn: ['I dokumentet', 'In the document'],
  checkInLogColumn: ['I loggen', 'In the log'],
  checkMatchColumn: ['Stemmer?', 'Matches?'],
  checkSource: [
    '{file} er bygget fra loggen til og med posisjon {position}, per dato {date}.',
    '{file} was built from the log up to position {position}, as of {date}.',
  ],
  checkMatches: [
    'Stemmer: alle {count} tall i dokumentet er de samme som loggen gir.',
    'Matches: all {count} figures of the document are what the log gives.',
  ],
  checkDiffers: [
    'Stemmer ikke: {count} av {total} tall avviker fra loggen.',
    'Does not match: {count} of {total} figures differ from the log.',
  ],
  checkLogProblem: ['Stemmer ikke: {problem}.', 'Does not match: {problem}.'],
  checkLater: [
    '{count} hendelse(r) registrert senere har virkning innen {date}: registeret per den datoen er endret siden dokumentet ble laget.',
    '{count} event(s) recorded later take effect by {date}: the ledger as of that date has changed since the document was made.',
  ],
  checkLink: ['Kontroller et dokument mot loggen', 'Check a document against the log'],
} as const satisfies Record<string, readonly [string, string]>;
