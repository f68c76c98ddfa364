/**
 * The study profile for the analyst (census, or design-based from a stored sample, optionally with
 * a coding round's final values) and its HTML report, as `vindex profile` and `vindex report` make
 * them. The report is written by writeReport into a private temporary folder and read back, so the
 * page is exactly the one the CLI writes; the folder is removed afterwards.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeRoundReliability } from '../../coding/reliability.ts';
import { VindexError } from '../../errors.ts';
import { computeProfile, computeSampleProfile, type Profile } from '../../profile/index.ts';
import { writeReport } from '../../report/index.ts';
import { reliabilitySection } from '../../report/reliability-section.ts';
import type { LonelyPsu } from '../../stats/survey/design.ts';
import type { Store } from '../../store/index.ts';

export interface ProfileOptions {
  /** Design-based estimates from this stored sample. */
  readonly sample?: string;
  /** With sample: the final values of this coding round of the sample. */
  readonly round?: string;
  /** With round: the store's value where the round has no final value yet. */
  readonly allowIncomplete?: boolean;
  /** With sample: strata with a single sampled series, as R options(survey.lonely.psu); default fail. */
  readonly lonelyPsu?: LonelyPsu;
}

function check(options: ProfileOptions): void {
  if (options.round !== undefined && options.sample === undefined) throw new VindexError('VDX_USAGE', 'round needs sample: give the sample the round codes');
  if (options.allowIncomplete && options.round === undefined) throw new VindexError('VDX_USAGE', 'allowIncomplete needs round');
  if (options.lonelyPsu !== undefined && options.lonelyPsu !== 'fail' && options.sample === undefined) throw new VindexError('VDX_USAGE', 'lonelyPsu needs sample');
}

export async function profileOf(store: Store, options: ProfileOptions = {}): Promise<Profile> {
  check(options);
  if (options.sample === undefined) return computeProfile(store);
  return computeSampleProfile(store, options.sample, { ...(options.round === undefined ? {} : { roundId: options.round }), allowIncomplete: options.allowIncomplete === true, lonelyPsu: options.lonelyPsu ?? 'fail' });
}

/** The self-contained HTML page of the profile report (with the round's reliability section when a round is given). */
export async function profileReportHtml(store: Store, options: ProfileOptions & { readonly title?: string } = {}): Promise<string> {
  const profile = await profileOf(store, options);
  const sections = options.round === undefined ? [] : [reliabilitySection(await computeRoundReliability(store, options.round))];
  const dir = mkdtempSync(join(tmpdir(), 'vindex-report-'));
  try {
    const written = await writeReport(profile, { outDir: dir, sections, ...(options.title === undefined ? {} : { title: options.title }) });
    return readFileSync(written.indexPath, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
