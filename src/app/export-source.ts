import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Where an export's lines come from; read twice (check, then write), so a file is never held whole. */
export type ExportSource = { text: string } | { file: string };

/** The lines of an export, read synchronously; a file is read in chunks. */
function* linesOf(source: ExportSource): Generator<string> {
  if ('text' in source) {
    yield* source.text.split('\n');
    return;
  }
  const descriptor = openSync(source.file, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.alloc(1 << 20);
    let pending = '';
    for (;;) {
      const read = readSync(descriptor, buffer, 0, buffer.length, null);
      if (read === 0) break;
      pending += decoder.write(buffer.subarray(0, read));
      const lines = pending.split('\n');
      pending = lines.pop()!;
      yield* lines;
    }
    yield pending + decoder.end();
  } finally {
    closeSync(descriptor);
  }
}

/** The exported events of a source in order, each with its line number, and the manifest line last. */
export function* recordsOf(source: ExportSource): Generator<{ line: number; text: string; last: boolean }> {
  let held: { line: number; text: string } | null = null;
  let number = 0;
  for (const text of linesOf(source)) {
    number += 1;
    if (text === '') continue;
    if (held) yield { ...held, last: false };
    held = { line: number, text };
  }
  if (held) yield { ...held, last: true };
}
