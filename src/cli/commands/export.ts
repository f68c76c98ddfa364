import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Argument, type Command, Option } from 'commander';
import { VindexError } from '../../errors.ts';
import type { ExportDataset, ExportFormat, ExportSummary } from '../../export/index.ts';
import type { Store } from '../../store/index.ts';
import { dbOption, withStore } from '../options.ts';
import { printJson } from '../output.ts';

// Literal here so that `vindex --help` does not load the store; a test holds them to EXPORT_DATASETS and EXPORT_FORMATS.
export const DATASET_CHOICES: readonly ExportDataset[] = ['series', 'victims', 'offenders'];
export const FORMAT_CHOICES: readonly ExportFormat[] = ['csv', 'jsonl'];

interface ExportOpts {
  format: ExportFormat;
  out?: string;
  db?: string;
  json?: boolean;
}

/** Writes to FILE.partial-PID and renames it on success, so a failed export never leaves a plausible-looking half file. */
async function toFile(store: Store, dataset: ExportDataset, format: ExportFormat, file: string): Promise<ExportSummary> {
  const { exportDataset } = await import('../../export/index.ts');
  const partial = `${file}.partial-${process.pid}`;
  const out = createWriteStream(partial, { flags: 'wx' });
  out.on('error', () => undefined); // surfaced by the next write or by finished() below
  try {
    const summary = await exportDataset({ store, dataset, format, out });
    out.end();
    await finished(out);
    renameSync(partial, file);
    return summary;
  } catch (e) {
    out.destroy();
    rmSync(partial, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw new VindexError('VDX_FILE_NOT_FOUND', `cannot write ${file}: ${code}`);
    throw e;
  }
}

/** Standard output; a reader that stops early (`| head`) ends the export quietly. */
async function toStdout(store: Store, dataset: ExportDataset, format: ExportFormat): Promise<void> {
  const { exportDataset } = await import('../../export/index.ts');
  const ignore = (): void => undefined;
  process.stdout.on('error', ignore);
  try {
    await exportDataset({ store, dataset, format, out: process.stdout });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
  } finally {
    process.stdout.off('error', ignore);
  }
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .summary('write series, victims or offenders as CSV or JSON Lines, for R or Stata')
    .description(
      'Writes the coded records of one dataset, one row per series, victim or offender, in key order, for R or Stata. ' +
        'Column headers are the codebook variable names (docs/codebook.md). Identifiers are the pseudonymous keys series.key, ' +
        'victim.key and offender.key: external ids are never stored, so cannot be exported. Victim rows also carry series.source, ' +
        'series.country, series.firstSeen and series.identified for grouping. Empty cells are missing values.\n\n' +
        'This is record-level data: keep it inside your secure environment; publish only disclosure-checked aggregates.',
    )
    .addArgument(new Argument('<dataset>', 'what to export').choices(DATASET_CHOICES))
    .addOption(new Option('--format <format>', 'file format').choices(FORMAT_CHOICES).default('csv'))
    .addOption(new Option('--out <file>', 'write to FILE (default: standard output)'))
    .addOption(dbOption())
    .option('--json', 'with --out: print the summary (rows, columns, file) as JSON')
    .action(async (dataset: ExportDataset, opts: ExportOpts) => {
      await withStore(opts.db, async (store) => {
        if (opts.out === undefined) return toStdout(store, dataset, opts.format);
        const s = await toFile(store, dataset, opts.format, opts.out);
        if (opts.json) printJson({ dataset: s.dataset, format: s.format, file: opts.out, rows: s.rows, columns: s.columns });
        else process.stdout.write(`Wrote ${s.rows} ${dataset} (${s.columns.length} columns) to ${opts.out}\n`);
      });
    });
}
