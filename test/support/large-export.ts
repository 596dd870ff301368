import { monotonicFactory } from 'ulid';
import { CommandHandler } from '../../src/app/command-handler.js';
import { exportLines } from '../../src/app/transfer.js';
import { SqliteEventStore } from '../../src/store/sqlite-store.js';
import { basics } from './spec.js';

/**
 * An export larger than one EventStoreDB append may be (1 MiB): the basics, then
 * `proposals` proposals of case 01.25 with descriptions of about 4 KB each, all in one
 * stream, so a batch of a few hundred events of one stream would be refused.
 */
export async function largeExport(proposals = 400): Promise<{ text: string; events: number; bytes: number }> {
  const store = new SqliteEventStore(':memory:');
  const handler = new CommandHandler(store, { clock: () => new Date('2026-06-01T00:00:00Z'), newId: monotonicFactory() });
  let key = 0;
  for (const command of basics) await handler.execute({ ...command, idempotencyKey: `basics-${key++}` }, { actor: 'test' });
  const description = 'Beskrivelse av innspillet, med bakgrunn og mål. '.repeat(80).slice(0, 3900);
  await handler.executeAll(
    Array.from({ length: proposals }, (_, index) => ({
      type: 'SubmitProposal',
      idempotencyKey: `proposal-${index}`,
      caseNumber: '01.25',
      year: 2025,
      target: { initiativeId: 'tiltak' },
      amountRequested: `${1000 + index}`,
      submittedBy: ['kommunene'],
      description: `${index}: ${description}`,
      effectiveDate: '2025-01-25',
    })),
    { actor: 'test' },
  );
  let text = '';
  for await (const line of exportLines(store)) text += line;
  const events = await store.headPosition();
  await store.close();
  return { text, events, bytes: Buffer.byteLength(text) };
}
