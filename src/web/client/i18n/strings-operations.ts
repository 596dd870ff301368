/** The page's words for a grant's conditions and for the ledger's upkeep (checkpoints, backups): [bokmål, English]. */
export const operationsStrings = {
  operationsLabel: ['Drift', 'Operations'],
  conditionsLabel: ['Vilkår', 'Conditions'],
  conditionDue: ['frist {date}', 'due {date}'],
  reportDueLabel: ['Rapport innen', 'Report due'],
  checkpointsRefused: [
    'Loggen stemmer ikke med sjekkpunktene som er signert før, og ingen nye sjekkpunkter signeres før driften har ordnet det. Si fra til den som drifter løsningen.',
    'The log does not hold to the checkpoints signed before, and no new checkpoint is signed until operations have dealt with it. Tell whoever runs the ledger.',
  ],
  lastBackup: ['Siste sikkerhetskopi: {when} ({events} hendelser).', 'Last backup: {when} ({events} events).'],
  noBackup: ['Ingen sikkerhetskopi er registrert.', 'No backup is recorded.'],
} as const satisfies Record<string, readonly [string, string]>;
