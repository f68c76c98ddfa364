import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RawRecord } from './types.ts';

export class JsonLineError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

/**
 * Streams a JSON Lines file: one flat object per line, keys are codebook variable names, values
 * strings, numbers, booleans or null. Nested objects and arrays are refused (codes only).
 */
export async function* readJsonl(path: string, onBytes?: (bytes: number) => void): AsyncIterable<RawRecord> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  if (onBytes) {
    let bytes = 0;
    stream.on('data', (c) => onBytes((bytes += c.length)));
  }
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
    if (trimmed === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      throw new JsonLineError(line, `is not valid JSON (${(e as Error).message})`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new JsonLineError(line, 'is not a JSON object');
    for (const [k, v] of Object.entries(value)) {
      if (v !== null && typeof v === 'object') throw new JsonLineError(line, `field ${k} holds a nested ${Array.isArray(v) ? 'array' : 'object'}; only codes, counts, dates and identifiers are accepted`);
    }
    yield { line, fields: value as Record<string, unknown> };
  }
}
