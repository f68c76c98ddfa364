import { extname } from 'node:path';
import { type Command, Option } from 'commander';
import { VindexError } from '../../errors.ts';
import { CORRUPT_KINDS, CORRUPTIONS, type CorruptKind } from '../../synth/corrupt.ts';
import { printJson } from '../output.ts';
import { progressBar } from '../progress.ts';

interface SynthCliOptions {
  seed: string;
  series?: string;
  victims?: string;
  out?: string;
  format?: 'csv' | 'jsonl';
  corrupt?: CorruptKind;
  json?: boolean;
}

const MAX_SEED = 4_294_967_295;
const MAX_ROWS = 1_000_000_000;

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new VindexError('VDX_USAGE', `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

/** The format named by --format, else by the extension of --out; they must agree, because `vindex import` reads the format from the extension. */
function formatOf(out: string | undefined, format: 'csv' | 'jsonl' | undefined): 'csv' | 'jsonl' {
  const ext = out === undefined ? '' : extname(out).toLowerCase();
  const byExt = ext === '.csv' ? 'csv' : ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : undefined;
  if (format !== undefined && byExt !== undefined && format !== byExt) {
    throw new VindexError('VDX_USAGE', `--format ${format} does not match the extension of --out ${out} (vindex import reads the format from the extension)`);
  }
  return format ?? byExt ?? 'csv';
}

const corruptHelp = (): string =>
  '\nDefects planted by --corrupt KIND (one per file, the rest of the file as without it), and what an importer must answer:\n' +
  CORRUPT_KINDS.map((k) => `  ${k}\n      file:     ${CORRUPTIONS[k].defect}\n      importer: ${CORRUPTIONS[k].importer}`).join('\n') +
  '\n';

export function registerSynth(program: Command): void {
  program
    .command('synth')
    .summary('write seeded synthetic coded metadata (CSV or JSON Lines) for demos, tests and benchmarks')
    .description(
      'Writes realistic synthetic records in the import format of `vindex import` (docs/import.md): source rows, then each series row ' +
        'followed by its victims and offenders, from six invented source databases with overlapping coverage. Codes, counts, dates, ' +
        'countries and made-up identifiers (S-ICSE-s1-0000001, V-…, O-…; the seed is part of each) only. Distributions follow the published figures of the ' +
        'ECPAT/INTERPOL (2018) study (docs/synthetic-data.md). The same seed and options always give the same bytes.\n\n' +
        'Give --series N (series records) or --victims N (series until exactly N victim records). A progress bar shows on a terminal.',
    )
    .option('--seed <n>', 'seed of the generator, 0 … 4294967295', '1')
    .option('--series <n>', 'write N series records')
    .option('--victims <n>', 'write series until exactly N victim records are written')
    .option('--out <file>', 'write to FILE, through a temporary file renamed when complete (default: standard output)')
    .addOption(new Option('--format <format>', 'file format (default: from the extension of --out, else csv)').choices(['csv', 'jsonl']))
    .addOption(new Option('--corrupt <kind>', 'write a deliberately broken file for tests (kinds below)').choices(CORRUPT_KINDS))
    .option('--json', 'with --out: print the summary (counts, capture histories, defect location) as JSON')
    .addHelpText('after', corruptHelp())
    .action(async (opts: SynthCliOptions) => {
      const seed = wholeNumber('--seed', opts.seed, 0, MAX_SEED);
      if ((opts.series === undefined) === (opts.victims === undefined)) throw new VindexError('VDX_USAGE', 'give either --series N or --victims N');
      const target = opts.series !== undefined ? { series: wholeNumber('--series', opts.series, 1, MAX_ROWS) } : { victims: wholeNumber('--victims', opts.victims!, 1, MAX_ROWS) };
      if (opts.json && opts.out === undefined) throw new VindexError('VDX_USAGE', '--json needs --out (without it the data go to standard output)');
      const format = formatOf(opts.out, opts.format);
      const { writeSynthetic, writeSyntheticFile } = await import('../../synth/index.ts');
      const bar = progressBar('rows');
      const label = 'series' in target ? 'writing series' : 'writing victims';
      const options = { seed, ...target, format, ...(opts.corrupt ? { corrupt: opts.corrupt } : {}), onProgress: (done: number, total: number) => bar.update(done, total, label) };
      if (opts.out === undefined) {
        const ignore = (): void => undefined;
        process.stdout.on('error', ignore);
        try {
          await writeSynthetic(options, process.stdout);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
        } finally {
          bar.stop();
          process.stdout.off('error', ignore);
        }
        return;
      }
      let summary;
      try {
        summary = await writeSyntheticFile({ ...options, out: opts.out });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') throw new VindexError('VDX_FILE_NOT_FOUND', `cannot write ${opts.out}: ${code}`);
        throw e;
      } finally {
        bar.stop();
      }
      if (opts.json) return printJson({ file: opts.out, ...summary });
      process.stdout.write(
        `Wrote ${summary.series} series, ${summary.victims} victims, ${summary.offenders} offenders and ${summary.sources} source records ` +
          `to ${opts.out} (${format}, ${(summary.bytes / 1e6).toFixed(1)} MB, seed ${seed}); ${summary.unseenSeries} further series are held by no source.\n`,
      );
      if (summary.corruption) {
        const c = summary.corruption;
        process.stdout.write(`Planted defect ${c.kind}: line ${c.line}, ${c.record} row, field ${c.field}.\n`);
      }
    });
}
