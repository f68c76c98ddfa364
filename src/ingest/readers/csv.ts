import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { RawRecord } from './types.ts';

/**
 * Streams a CSV file (RFC 4180, header row of codebook variable names, UTF-8 with or without BOM)
 * as records keyed by column name. Empty cells become absent fields.
 */
export async function* readCsv(path: string, onHeader: (columns: readonly string[]) => void, onBytes?: (bytes: number) => void): AsyncIterable<RawRecord> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  if (onBytes) {
    let bytes = 0;
    stream.on('data', (c) => onBytes((bytes += c.length)));
  }
  const parser = stream.pipe(parse({ bom: true, relax_column_count: false, skip_empty_lines: true, info: true }));
  let header: string[] | null = null;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (header === null) {
      header = record.map((h) => h.trim());
      onHeader(header);
      continue;
    }
    const fields: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) {
      const v = record[i];
      if (v !== undefined && v !== '') fields[header[i]!] = v;
    }
    yield { line: info.lines, fields };
  }
  if (header === null) onHeader([]);
}
