import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { MediaByteScanner, type MediaHit } from './imagery-guard.ts';

export interface Fingerprint {
  /** SHA-256 of the file's bytes: the import's identity for idempotence. */
  readonly contentHash: string;
  readonly bytes: number;
  readonly media: MediaHit | null;
}

/** First pass over a file: its content hash and a byte scan for image and video data. */
export async function fingerprint(path: string, onProgress?: (bytes: number) => void): Promise<Fingerprint> {
  const hash = createHash('sha256');
  const scanner = new MediaByteScanner();
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    scanner.push(chunk);
    bytes += chunk.length;
    onProgress?.(bytes);
  }
  return { contentHash: hash.digest('hex'), bytes, media: scanner.hit };
}

/** 1-based line number of a byte offset (for naming where media bytes were found). */
export async function lineOfOffset(path: string, offset: number): Promise<number> {
  let line = 1;
  let seen = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const end = Math.min(chunk.length, offset - seen);
    for (let i = 0; i < end; i++) if (chunk[i] === 0x0a) line++;
    seen += chunk.length;
    if (seen >= offset) break;
  }
  return line;
}
