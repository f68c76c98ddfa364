import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { MalformedRowError, type RawRecord, type RecordBatches } from './types.ts';

const BATCH = 2048;

/**
 * Streams a JSON Lines file: one flat object per line, keys are codebook variable names, values
 * strings, numbers, booleans or null. Nested objects and arrays are refused (codes only).
 */
export async function* readJsonl(path: string, onBytes?: (bytes: number) => void): RecordBatches {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  if (onBytes) {
    let bytes = 0;
    stream.on('data', (c) => onBytes((bytes += c.length)));
  }
  let line = 0;
  let batch: RawRecord[] = [];
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
    if (trimmed === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      throw new MalformedRowError(line, `is not valid JSON (${(e as Error).message})`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new MalformedRowError(line, 'is not a JSON object');
    for (const [k, v] of Object.entries(value)) {
      if (v !== null && typeof v === 'object') throw new MalformedRowError(line, `field ${k} holds a nested ${Array.isArray(v) ? 'array' : 'object'}; only codes, counts, dates and identifiers are accepted`);
    }
    batch.push({ line, fields: value as Record<string, unknown> });
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
