import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { MalformedRowError, type RawRecord, type RecordBatches } from './types.ts';

/**
 * Streams a CSV file (RFC 4180, header row of codebook variable names, UTF-8 with or without BOM)
 * in batches of records keyed by column name; empty cells become absent fields. Papa Parse does the
 * parsing; the stream is paused while a batch is consumed, so memory stays bounded.
 */
export async function* readCsv(path: string, onHeader: (columns: readonly string[]) => void, onBytes?: (bytes: number) => void): RecordBatches {
  const stream = createReadStream(path, { highWaterMark: 1 << 20, encoding: 'utf8' });
  if (onBytes) {
    let bytes = 0;
    stream.on('data', (c) => onBytes((bytes += Buffer.byteLength(c as string))));
  }
  const queue: string[][][] = [];
  let parser: Papa.Parser | null = null;
  let done = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  Papa.parse<string[]>(stream as unknown as File, {
    header: false,
    // Blank lines come through as [''] and are skipped below, so that `line` counts the file's lines.
    skipEmptyLines: false,
    chunk(results, p) {
      parser = p;
      queue.push(results.data);
      p.pause();
      notify();
    },
    complete() {
      done = true;
      notify();
    },
    error(err: Error) {
      failure = err;
      done = true;
      notify();
    },
  });
  let header: string[] | null = null;
  let nextLine = 1;
  for (;;) {
    if (!queue.length) {
      if (done) break;
      // Arm the wake-up before resuming: the parser may deliver (or complete) synchronously inside resume().
      const woken = new Promise<void>((resolve) => (wake = resolve));
      if (parser) (parser as Papa.Parser).resume();
      if (queue.length || done) wake = null;
      else await woken;
      continue;
    }
    const rows = queue.shift()!;
    const batch: RawRecord[] = [];
    for (const cells of rows) {
      // A row starts on `row` and spans one line more per line break inside its quoted cells.
      const row = nextLine;
      nextLine++;
      for (const c of cells) if (c.indexOf('\n') !== -1) nextLine += c.split('\n').length - 1;
      if (cells.length === 1 && cells[0] === '') continue;
      if (header === null) {
        header = cells.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
        onHeader(header);
        continue;
      }
      if (cells.length !== header.length) throw new MalformedRowError(row, `has ${cells.length} cells but the header has ${header.length}`);
      const fields: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) {
        const v = cells[i]!;
        if (v !== '') fields[header[i]!] = v;
      }
      batch.push({ line: row, fields });
    }
    if (batch.length) yield batch;
  }
  if (failure) throw failure;
  if (header === null) onHeader([]);
}
