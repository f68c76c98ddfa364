import { Option, type Command } from 'commander';
import { VindexError } from '../../errors.ts';
import { loadProfileForReport } from '../../profile/index.ts';
import { writeReport } from '../../report/index.ts';
import { dbOption, jsonOption } from '../options.ts';
import { printJson } from '../output.ts';

interface ReportOpts {
  out: string;
  title?: string;
  db?: string;
  json?: boolean;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .summary('write the study profile as a self-contained HTML report with a CSV per table')
    .description(
      'Computes the study profile of the store and writes a report into DIR.\n\n' +
        'index.html is self-contained (inline CSS and SVG charts; it loads nothing from the network): the data manifest; every profile ' +
        'table (count, share, 95% Wilson interval) for unidentified, identified and all units; the age band × severity and gender × severity ' +
        "associations (χ², df, p, Cramér's V); identified-vs-unidentified comparisons; methods notes.\n\n" +
        'tables/*.csv, associations/*.csv, comparisons/*.csv and manifest.csv hold the same numbers for R, Stata or a spreadsheet. ' +
        'Files of the same names in DIR are replaced. See docs/report.md.\n\n' +
        'The report is not yet disclosure-checked: keep it inside the secure environment until an output checker approves it.',
    )
    .addOption(new Option('--out <dir>', 'folder to write the report into (created if missing)').makeOptionMandatory())
    .option('--title <text>', 'title of the report')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: ReportOpts) => {
      const profile = await loadProfileForReport(opts.db === undefined ? {} : { db: opts.db });
      let written;
      try {
        written = await writeReport(profile, opts.title === undefined ? { outDir: opts.out } : { outDir: opts.out, title: opts.title });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'ENOTDIR' || code === 'EEXIST' || code === 'EROFS') throw new VindexError('VDX_FILE_NOT_FOUND', `cannot write the report into ${opts.out}: ${code}`);
        throw e;
      }
      if (opts.json) printJson({ indexPath: written.indexPath, csvPaths: written.csvPaths });
      else process.stdout.write(`Wrote ${written.indexPath}\n  and ${written.csvPaths.length} CSV files beside it (tables/, associations/, comparisons/, manifest.csv)\n`);
    });
}
