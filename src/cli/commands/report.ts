import { Option, type Command } from 'commander';
import { VindexError } from '../../errors.ts';
import type { Profile } from '../../profile/index.ts';
import type { ReportSection } from '../../report/index.ts';
import { dbOption, jsonOption, lonelyPsuOption, withStore } from '../options.ts';
import { printJson } from '../output.ts';
import { checkSampleOptions, type SampleOpts } from './profile.ts';

interface ReportOpts extends SampleOpts {
  out: string;
  title?: string;
  db?: string;
  json?: boolean;
}

/** The profile (census, or design-based from --sample) and, with --round, the round's reliability section. */
async function reportInputs(opts: ReportOpts): Promise<{ profile: Profile; sections: ReportSection[] }> {
  const { computeProfile, computeSampleProfile } = await import('../../profile/index.ts');
  return withStore(opts.db, async (store) => {
    if (opts.sample === undefined) return { profile: await computeProfile(store), sections: [] };
    const profile = await computeSampleProfile(store, opts.sample, { ...(opts.round === undefined ? {} : { roundId: opts.round }), allowIncomplete: opts.allowIncomplete === true, lonelyPsu: opts.lonelyPsu });
    if (opts.round === undefined) return { profile, sections: [] };
    const [{ computeRoundReliability }, { reliabilitySection }] = await Promise.all([import('../../coding/reliability.ts'), import('../../report/reliability-section.ts')]);
    return { profile, sections: [reliabilitySection(await computeRoundReliability(store, opts.round))] };
  });
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
        'With --sample ID the report gives design-based estimates for the frame of that stored sample (vindex sample create): a ' +
        '"Sampling design" section (frame, design, allocation N_h / n_h / weight, seed, PRNG, frame hash, estimator), every share with its ' +
        'design-based t interval, standard error and design effect, and methods saying the figures are weighted estimates while the ' +
        'cross-tabulations and comparisons are unweighted. With --round ID the final values of that coding round replace the store\'s ' +
        '(refused while values are unresolved or uncoded, unless --allow-incomplete), and the report adds the round\'s reliability ' +
        'section and how many values were adjudicated. See docs/design-based-estimation.md.\n\n' +
        'The report is not yet disclosure-checked: keep it inside the secure environment until an output checker approves it.\n\n' +
        'Examples:\n  vindex report --out report\n  vindex report --out report-s1 --sample s1 --round r1',
    )
    .addOption(new Option('--out <dir>', 'folder to write the report into (created if missing)').makeOptionMandatory())
    .option('--title <text>', 'title of the report')
    .addOption(dbOption())
    .addOption(jsonOption())
    .option('--sample <id>', 'estimate from this stored sample (design-based: weights, strata, clusters, fpc)')
    .option('--round <id>', 'with --sample: use the final values of this coding round of the sample, and report its reliability')
    .option('--allow-incomplete', 'with --round: use the store\'s value where the round has no final value yet')
    .addOption(lonelyPsuOption())
    .action(async (opts: ReportOpts) => {
      checkSampleOptions(opts);
      const { profile, sections } = await reportInputs(opts);
      const { writeReport } = await import('../../report/index.ts');
      let written;
      try {
        written = await writeReport(profile, { outDir: opts.out, sections, ...(opts.title === undefined ? {} : { title: opts.title }) });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'ENOTDIR' || code === 'EEXIST' || code === 'EROFS') throw new VindexError('VDX_FILE_NOT_FOUND', `cannot write the report into ${opts.out}: ${code}`);
        throw e;
      }
      if (opts.json) printJson({ indexPath: written.indexPath, csvPaths: written.csvPaths });
      else process.stdout.write(`Wrote ${written.indexPath}\n  and ${written.csvPaths.length} CSV files beside it (tables/, associations/, comparisons/, manifest.csv)\n`);
    });
}
