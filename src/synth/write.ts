import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { EntityName } from '../codebook/index.ts';
import { CORRUPTIONS, type CorruptionReport, type CorruptKind } from './corrupt.ts';
import { MAX_LINE_BYTES, rowEncoder, type RowEncoder, type SynthFormat } from './encode.ts';
import { slotOf } from './fields.ts';
import { LAST_ROW, LAST_VICTIM, SeriesGenerator, type RowSink, type SynthCounts, type SynthTarget } from './generate.ts';

/**
 * Writing a synthetic file:
 *
 *   options → generator (seeded) → rows → encoder (CSV | JSON Lines) → 1 MB chunks → stream (waits on drain)
 *
 * Same options, same bytes: nothing depends on the clock, the locale or Math.random.
 */

export interface SynthOptions {
  /** Seed of the generator, 0 … 2³² − 1. */
  readonly seed: number;
  /** Write this many series records (one per source holding a series). Give this or `victims`. */
  readonly series?: number;
  /** Write series until exactly this many victim records are written (the last series is trimmed). */
  readonly victims?: number;
  /** File format; default 'csv'. */
  readonly format?: SynthFormat;
  /** Plant one defect of this kind (corrupt.ts); default none. */
  readonly corrupt?: CorruptKind;
  /** Called after each chunk is written: rows towards the target (series or victims) and the target. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SynthSummary extends SynthCounts {
  readonly format: SynthFormat;
  readonly seed: number;
  /** Bytes written. */
  readonly bytes: number;
  /** Lines written (CSV: header included). */
  readonly lines: number;
  /** Where the planted defect is, with `corrupt`. */
  readonly corruption?: CorruptionReport;
}

/** Bytes per chunk handed to the stream. */
const CHUNK_BYTES = 1 << 20;

/** The target of the options; throws a RangeError unless exactly one of `series` and `victims` is a positive whole number. */
export function targetOf(options: Pick<SynthOptions, 'series' | 'victims'>): SynthTarget {
  const { series, victims } = options;
  if ((series === undefined) === (victims === undefined)) throw new RangeError('give either series or victims');
  const n = series ?? victims!;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${series !== undefined ? 'series' : 'victims'} must be a positive whole number`);
  return series !== undefined ? { series } : { victims: n };
}

function countNewlines(b: Buffer): number {
  let n = 0;
  for (const x of b) if (x === 0x0a) n++;
  return n;
}

/** Collects encoded rows into byte chunks; plants the defect, if any, at its place. */
class ChunkSink implements RowSink {
  private buf: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  /** Finished chunks, in order, waiting to be written. */
  readonly parts: Buffer[] = [];
  /** Line the next record starts on. */
  line: number;
  report: CorruptionReport | undefined;
  private pending: CorruptKind | undefined;

  constructor(
    private readonly encoder: RowEncoder,
    private readonly generator: SeriesGenerator,
    corrupt: CorruptKind | undefined,
  ) {
    this.pending = corrupt;
    this.line = 1;
    if (encoder.header !== '') this.push(Buffer.from(encoder.header, 'utf8'));
  }

  row(entity: EntityName, row: string[], flags: number): void {
    if (this.pending !== undefined && this.hits(entity, flags)) {
      this.plant(entity, row);
      return;
    }
    this.used = this.encoder.encodeInto(entity, row, this.buf, this.used);
    this.line++;
    if (this.used > CHUNK_BYTES - MAX_LINE_BYTES) this.seal();
  }

  /** Whether chunks are ready to be written. */
  get ready(): boolean {
    return this.parts.length > 0;
  }

  /** Takes the finished chunks (with `all`, the partly filled one too). */
  take(all: boolean): Buffer[] {
    if (all) this.seal();
    return this.parts.splice(0);
  }

  private seal(): void {
    if (this.used === 0) return;
    this.parts.push(this.buf.subarray(0, this.used));
    this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }

  private push(bytes: Buffer): void {
    this.seal();
    this.parts.push(bytes);
    this.line += countNewlines(bytes);
  }

  private hits(entity: EntityName, flags: number): boolean {
    switch (CORRUPTIONS[this.pending!].place) {
      case 'first-series':
        return entity === 'series';
      case 'first-victim':
        return entity === 'victim';
      case 'middle-victim':
        return entity === 'victim' && this.generator.pastHalf();
      case 'last-row':
        return (flags & LAST_ROW) !== 0;
      case 'last-victim':
        return (flags & LAST_VICTIM) !== 0;
    }
  }

  private plant(entity: EntityName, generated: readonly string[]): void {
    const c = CORRUPTIONS[this.pending!];
    this.pending = undefined;
    const field = c.place === 'last-row' ? `${entity}.gender` : c.field;
    const row = [...generated];
    const shown = typeof c.value === 'string' ? c.value : c.value.toString('hex');
    const headerDefect = c.extraColumn !== undefined && this.encoder.format === 'csv';
    this.report = { kind: c.kind, line: headerDefect ? 1 : this.line, record: entity as CorruptionReport['record'], field, value: shown };
    if (typeof c.value === 'string') {
      if (c.extraColumn !== undefined) this.push(Buffer.from(this.encoder.encodeAny(entity, row, { [c.extraColumn]: c.value }), 'utf8'));
      else {
        row[slotOf(entity, field)] = c.value;
        this.push(Buffer.from(this.encoder.encodeAny(entity, row), 'utf8'));
      }
      return;
    }
    // Raw bytes: encode around a marker, then splice the bytes in (CSV: inside a quoted cell, quotes doubled; JSON Lines: inside the string's quotes).
    const marker = 'RAWBYTESMARKER';
    row[slotOf(entity, field)] = marker;
    const [before, after] = this.encoder.encodeAny(entity, row).split(marker) as [string, string];
    const raw = this.encoder.format === 'csv' ? Buffer.from('"' + c.value.toString('latin1').replace(/"/g, '""') + '"', 'latin1') : c.value;
    this.push(Buffer.concat([Buffer.from(before, 'utf8'), raw, Buffer.from(after, 'utf8')]));
  }
}

/** Resolves when the stream drains; rejects if it fails first (listeners removed either way). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error): void => {
      out.off('drain', onDrain);
      out.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = (): void => done();
    out.on('drain', onDrain);
    out.on('error', done);
  });
}

async function writeAll(out: Writable, parts: readonly Buffer[]): Promise<number> {
  let bytes = 0;
  for (const p of parts) {
    bytes += p.length;
    if (!out.write(p)) await drained(out);
  }
  return bytes;
}

/**
 * Writes a synthetic file to a stream (which it does not end): source rows first, then each series
 * row followed by its victims and offenders. Resolves with what was written.
 */
export async function writeSynthetic(options: SynthOptions, out: Writable): Promise<SynthSummary> {
  const format = options.format ?? 'csv';
  const generator = new SeriesGenerator(options.seed, targetOf(options));
  const extra = options.corrupt !== undefined && CORRUPTIONS[options.corrupt].extraColumn !== undefined ? [CORRUPTIONS[options.corrupt].extraColumn!] : [];
  const encoder = rowEncoder(format, extra);
  const sink = new ChunkSink(encoder, generator, options.corrupt);
  let bytes = 0;
  generator.writeSources(sink);
  while (!generator.done()) {
    generator.step(sink);
    if (sink.ready) {
      bytes += await writeAll(out, sink.take(false));
      options.onProgress?.(...generator.progress());
    }
  }
  bytes += await writeAll(out, sink.take(true));
  options.onProgress?.(...generator.progress());
  if (options.corrupt !== undefined && sink.report === undefined) throw new Error(`synth: the ${options.corrupt} defect found no place`);
  const summary: SynthSummary = { format, seed: options.seed, ...generator.counts(), bytes, lines: sink.line - 1 };
  return sink.report === undefined ? summary : { ...summary, corruption: sink.report };
}

/** Writes a synthetic file to `out`, through FILE.partial-PID renamed when complete (a failed run leaves no partial file). */
export async function writeSyntheticFile(options: SynthOptions & { readonly out: string }): Promise<SynthSummary> {
  const partial = `${options.out}.partial-${process.pid}`;
  const stream = createWriteStream(partial, { flags: 'wx', highWaterMark: 1 << 22 });
  stream.on('error', () => undefined); // surfaced by writeAll or finished() below
  try {
    const summary = await writeSynthetic(options, stream);
    stream.end();
    await finished(stream);
    renameSync(partial, options.out);
    return summary;
  } catch (e) {
    stream.destroy();
    rmSync(partial, { force: true });
    throw e;
  }
}
