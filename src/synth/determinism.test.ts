import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../cli/testing/run-cli.ts';
import { MAX_SEED } from './random.ts';
import { writeSynthetic, type SynthOptions } from './write.ts';

async function bytesOf(options: SynthOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await writeSynthetic(options, new Writable({ write(c: Buffer, _e, cb) { chunks.push(c); cb(); } }));
  return Buffer.concat(chunks);
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('determinism', () => {
  it('the same seed and options give byte-identical output (CSV, JSON Lines, victims mode)', async () => {
    for (const options of [{ seed: 1, series: 2_000 }, { seed: 1, series: 2_000, format: 'jsonl' as const }, { seed: 123, victims: 3_001 }]) {
      expect((await bytesOf(options)).equals(await bytesOf(options))).toBe(true);
    }
  });

  it('a different seed gives different output', async () => {
    expect((await bytesOf({ seed: 1, series: 500 })).equals(await bytesOf({ seed: 2, series: 500 }))).toBe(false);
  });

  it('seeds 0 and 2³² − 1 are valid; others are refused', async () => {
    expect((await bytesOf({ seed: 0, series: 10 })).length).toBeGreaterThan(0);
    expect((await bytesOf({ seed: MAX_SEED, series: 10 })).length).toBeGreaterThan(0);
    await expect(bytesOf({ seed: -1, series: 10 })).rejects.toThrow(RangeError);
    await expect(bytesOf({ seed: 1.5, series: 10 })).rejects.toThrow(RangeError);
    await expect(bytesOf({ seed: MAX_SEED + 1, series: 10 })).rejects.toThrow(RangeError);
  });

  it('a file is a prefix-stable function of the seed: more series extend the same sequence', async () => {
    const small = (await bytesOf({ seed: 8, series: 300 })).toString('latin1');
    const large = (await bytesOf({ seed: 8, series: 600 })).toString('latin1');
    // The first 250 series rows (and their victims and offenders) are identical.
    const cut = (s: string): string => s.split('\nseries,').slice(0, 251).join('\nseries,');
    expect(cut(large)).toBe(cut(small));
  });

  it('writes exactly the target: N series records, or exactly N victim records', async () => {
    const count = (b: Buffer, record: string): number => b.toString('latin1').split('\n').filter((l) => l.startsWith(record + ',')).length;
    for (const n of [1, 2, 7, 1_000]) expect(count(await bytesOf({ seed: 3, series: n }), 'series')).toBe(n);
    for (const n of [1, 2, 11, 2_345]) expect(count(await bytesOf({ seed: 3, victims: n }), 'victim')).toBe(n);
  });

  it('is pinned: seed 1, 200 series (a change to the model or the order of draws changes this hash; update it on purpose and say so in docs/synthetic-data.md)', async () => {
    expect(sha256(await bytesOf({ seed: 1, series: 200 }))).toMatchInlineSnapshot(`"8971366f7d1a8d52627e9a1db767c856119c743ed3675d553b437e6c9e794ff8"`);
  });
});

describe('vindex synth (CLI)', () => {
  let dir: string;
  let last: CliRun; // the latest run of the CLI
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vindex-synth-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const vindex = async (...args: string[]): Promise<number> => (last = await runCli(args)).code;

  it('--seed 7 --series 1000 twice gives byte-identical files, equal to the library output', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    expect(await vindex('synth', '--seed', '7', '--series', '1000', '--out', a)).toBe(0);
    const first = last.out;
    expect(await vindex('synth', '--seed', '7', '--series', '1000', '--out', b)).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(a).equals(await bytesOf({ seed: 7, series: 1000 }))).toBe(true);
    expect(first).toMatch(/^Wrote 1000 series, \d+ victims, \d+ offenders and 6 source records to .*a\.csv \(csv, [\d.]+ MB, seed 7\); \d+ further series are held by no source\.\n$/);
  });

  it('takes the format from the extension, --victims, and prints a JSON summary with --json', async () => {
    const f = join(dir, 'v.jsonl');
    expect(await vindex('synth', '--seed', '2', '--victims', '500', '--out', f, '--json')).toBe(0);
    const summary = JSON.parse(last.out) as { victims: number; format: string; file: string; captureHistories: Record<string, number> };
    expect(summary).toMatchObject({ victims: 500, format: 'jsonl', file: f });
    expect(readFileSync(f).equals(await bytesOf({ seed: 2, victims: 500, format: 'jsonl' }))).toBe(true);
  });

  it('reports where a planted defect is', async () => {
    const f = join(dir, 'bad.csv');
    expect(await vindex('synth', '--series', '50', '--out', f, '--corrupt', 'bad-date')).toBe(0);
    expect(last.out).toMatch(/^Wrote [^\n]*\nPlanted defect bad-date: line 8, series row, field series\.firstSeen\.\n$/);
  });

  it.each([
    [['synth', '--out', 'x.csv'], 'give either --series N or --victims N'],
    [['synth', '--series', '5', '--victims', '5'], 'give either --series N or --victims N'],
    [['synth', '--series', '0'], '--series must be a whole number from 1 to 1000000000, got "0"'],
    [['synth', '--series', '2.5'], '--series must be a whole number from 1 to 1000000000, got "2.5"'],
    [['synth', '--series', '5', '--seed', '4294967296'], '--seed must be a whole number from 0 to 4294967295, got "4294967296"'],
    [['synth', '--series', '5', '--seed', '-3'], '--seed must be a whole number from 0 to 4294967295, got "-3"'],
    [['synth', '--series', '5', '--format', 'csv', '--out', 'x.jsonl'], '--format csv does not match the extension of --out x.jsonl (vindex import reads the format from the extension)'],
    [['synth', '--series', '5', '--json'], '--json needs --out (without it the data go to standard output)'],
  ])('exits 2 (VDX_USAGE) for %j', async (args, message) => {
    expect(await vindex(...args)).toBe(2);
    expect(last.err).toContain(`vindex: error VDX_USAGE: ${message}\n`);
  });

  it('refuses an unknown --corrupt kind (exit 2) and lists every kind in --help', async () => {
    expect(await vindex('synth', '--series', '5', '--corrupt', 'nope')).toBe(2);
    expect(await vindex('synth', '--help')).toBe(0);
    const help = last.out;
    for (const k of ['bad-code-last-row', 'missing-required', 'bad-date', 'unknown-column', 'png-bytes', 'jpeg-bytes', 'gif-bytes', 'mp4-bytes', 'media-link', 'data-uri', 'base64-blob', 'orphan-victim']) {
      expect(help).toContain(`\n  ${k}\n      file:     `);
    }
  });

  it('exits 2 (VDX_FILE_NOT_FOUND) when the output folder does not exist, leaving nothing behind', async () => {
    expect(await vindex('synth', '--series', '5', '--out', join(dir, 'missing', 'x.csv'))).toBe(2);
    expect(last.err).toContain('VDX_FILE_NOT_FOUND');
  });
});
