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
      'Computes the study profile of the store and writes into DIR:\n' +
        '  index.html     a self-contained report (inline CSS and SVG charts; it loads nothing from the network) with the data manifest,\n' +
        '                 every profile table (count, share, 95% Wilson interval) for unidentified, identified and all units,\n' +
        "                 the age band × severity and gender × severity associations (χ², df, p, Cramér's V), identified-vs-unidentified\n" +
        '                 comparisons and methods notes;\n' +
        '  tables/*.csv, associations/*.csv, comparisons/*.csv, manifest.csv   the same numbers for R, Stata or a spreadsheet.\n' +
        'Files of the same names in DIR are replaced. See docs/report.md.\n' +
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
