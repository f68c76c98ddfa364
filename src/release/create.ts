import { createHash } from 'node:crypto';
import { mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { appendAudit, canonicalJson } from '../audit/index.ts';
import { DEFAULT_MIN_FREQUENCY, DEFAULT_ROUNDING_BASE, type ProtectOptions, type ProtectionMethod, type SuppressionCost } from '../disclosure/index.ts';
import { VindexError } from '../errors.ts';
import { computeIndicators, type AggregationMethod, type ComputeOptions, type Dimension, type IndicatorDefinition, type IndicatorSet } from '../indicators/index.ts';
import { findChromium, renderPdf, assertSdmxValid, writeSdmx, type PublishableSet } from '../publish/index.ts';
import { chromiumMissing } from '../publish/pdf.ts';
import { nextId } from '../store/next-id.ts';
import type { Store } from '../store/index.ts';
import { VERSION } from '../version.ts';
import { describeFiles, indicatorsCsv, INDICATORS_CSV, isEmptyOrMissing, listFiles, scanCounts, type CountRule, type ReleaseFile } from './files.ts';
import { protectIndicators, type ProtectedIndicators } from './protect.ts';
import { writeReleaseReport } from './report.ts';

/**
 * vindex release create:
 *
 *   compute (one indicator set per table) → protect (linked tables, one method) → write CSV, SDMX,
 *   report (+ PDF) into a staging folder → re-check the files (SDMX against its DSD, no forbidden
 *   count in any CSV) → manifest.json with content hashes → move into place → record + audit
 *
 * Nothing is left behind on failure: the staging folder is removed and the store is untouched.
 */

export const MANIFEST_FILE = 'manifest.json';
export const RELEASE_FORMAT = 1;

/** Default tables of a release: the map's (country, region, world) and the trend charts' (year). */
export const DEFAULT_TABLES: readonly (readonly Dimension[])[] = [['country'], ['year']];

export type PdfMode = 'auto' | 'yes' | 'no';

/** What to compute (as computeIndicators, per table) and how to protect it (as protectTables), plus where and by whom. */
export interface ReleaseOptions
  extends Pick<ComputeOptions, 'definitions' | 'indicators' | 'aggregation' | 'level' | 'sample' | 'lonelyPsu'>,
    Pick<ProtectOptions, 'method' | 'rules' | 'cost' | 'base' | 'epsilon' | 'seed' | 'timeLimit'> {
  readonly out: string;
  readonly actor: string;
  /** Each entry is one breakdown (`by`) released as its own linked table; default country; year. */
  readonly tables?: readonly (readonly Dimension[])[];
  /** Suppression: master MIPs solved to optimality before the greedy cover (default 25). */
  readonly exactRounds?: number;
  readonly pdf?: PdfMode;
  readonly chromium?: string;
  readonly title?: string;
  /** For reproducible tests; default now. */
  readonly now?: string;
  /**
   * 'released' (default, the CLI's single-user mode): published at once. 'pending' (the server):
   * an output-checker other than the creator approves it later (status in the store; the
   * manifest then records no releaser).
   */
  readonly status?: 'released' | 'pending';
  readonly onStep?: (step: string) => void;
}

export interface ReleaseManifest {
  readonly vindexRelease: typeof RELEASE_FORMAT;
  readonly id: string;
  /** At creation: 'pending' when made for approval (the store records the approval). */
  readonly status: 'released' | 'pending';
  readonly createdAt: string;
  readonly createdBy: string;
  readonly releasedBy: string | null;
  readonly releasedAt: string | null;
  readonly synthetic: boolean;
  readonly data: { readonly snapshotHash: string; readonly codebookVersion: string; readonly dataDate: string; readonly basis: string; readonly level: number };
  readonly software: { readonly name: 'vindex'; readonly version: string };
  readonly parameters: ReleaseParameters;
  readonly definitions: readonly IndicatorDefinition[];
  readonly disclosure: {
    readonly method: ProtectedIndicators['record'];
    readonly audit: ProtectedIndicators['audit'];
    readonly cells: ProtectedIndicators['cells'];
    readonly withheld: ProtectedIndicators['withheld'];
    /** What every count in every CSV of the release was checked against after writing. */
    readonly fileCheck: { readonly rule: CountRule; readonly csvFiles: number; readonly violations: 0 };
  };
  /** Every file of the release but this manifest, with SHA-256 and size. */
  readonly files: readonly ReleaseFile[];
}

export interface ReleaseParameters {
  readonly tables: readonly (readonly Dimension[])[];
  readonly indicators: readonly string[];
  readonly aggregation: AggregationMethod;
  readonly level: number;
  readonly sample: string | null;
  readonly method: ProtectionMethod;
  readonly threshold: number | null;
  readonly protectZeros: boolean | null;
  readonly dominance: { readonly n: number; readonly k: number } | null;
  readonly pPercent: { readonly p: number } | null;
  readonly cost: SuppressionCost | null;
  readonly exactRounds: number | null;
  readonly base: number | null;
  readonly epsilon: number | null;
  readonly seed: number | null;
}

export interface CreatedRelease {
  readonly id: string;
  readonly dir: string;
  readonly manifest: ReleaseManifest;
  readonly manifestSha256: string;
  readonly pdf: { readonly written: boolean; readonly reason?: string };
  readonly set: PublishableSet;
}

function parametersOf(o: ReleaseOptions, indicators: readonly string[]): ReleaseParameters {
  const method = o.method ?? 'suppression';
  const suppression = method === 'suppression';
  return {
    tables: o.tables ?? DEFAULT_TABLES,
    indicators,
    aggregation: o.aggregation ?? 'pooled',
    level: o.level ?? 0.95,
    sample: o.sample ?? null,
    method,
    threshold: suppression ? (o.rules?.threshold ?? DEFAULT_MIN_FREQUENCY) : null,
    protectZeros: suppression ? (o.rules?.protectZeros ?? false) : null,
    dominance: suppression && o.rules?.dominance ? { n: o.rules.dominance.n, k: o.rules.dominance.k } : null,
    pPercent: suppression && o.rules?.pPercent ? { p: o.rules.pPercent.p } : null,
    cost: suppression ? (o.cost ?? 'value') : null,
    exactRounds: suppression ? (o.exactRounds ?? 25) : null,
    base: method === 'rounding' ? (o.base ?? DEFAULT_ROUNDING_BASE) : null,
    epsilon: method === 'noise' ? (o.epsilon ?? null) : null,
    seed: method === 'noise' ? (o.seed ?? null) : null,
  };
}

function countRuleOf(p: ReleaseParameters): CountRule {
  if (p.method === 'suppression') return { kind: 'threshold', threshold: p.threshold! };
  if (p.method === 'rounding') return { kind: 'multiple', base: p.base! };
  // Noisy counts carry no threshold guarantee: their protection is the recorded privacy budget.
  return { kind: 'none' };
}

/** The indicator sets of every table, computed from one snapshot (they must agree on it). */
async function computeTables(store: Store, o: ReleaseOptions, now: string): Promise<IndicatorSet[]> {
  const sets: IndicatorSet[] = [];
  for (const by of o.tables ?? DEFAULT_TABLES) {
    sets.push(
      await computeIndicators(store, {
        by,
        generatedAt: now,
        ...(o.definitions ? { definitions: o.definitions } : {}),
        ...(o.indicators ? { indicators: o.indicators } : {}),
        ...(o.aggregation ? { aggregation: o.aggregation } : {}),
        ...(o.level !== undefined ? { level: o.level } : {}),
        ...(o.sample !== undefined ? { sample: o.sample, lonelyPsu: o.lonelyPsu ?? 'fail' } : {}),
      }),
    );
  }
  return sets;
}

export async function createRelease(store: Store, o: ReleaseOptions): Promise<CreatedRelease> {
  const step = o.onStep ?? (() => {});
  const status = o.status ?? 'released';
  const now = o.now ?? new Date().toISOString();
  const dir = resolve(o.out);
  if (!(await isEmptyOrMissing(dir))) throw new VindexError('VDX_RELEASE_EXISTS', `release folder ${o.out} exists and is not empty: a release is never overwritten; choose a new --out`);
  if ((o.tables ?? DEFAULT_TABLES).length === 0) throw new VindexError('VDX_USAGE', 'a release needs at least one table (--table)');

  step('computing the indicators');
  const sets = await computeTables(store, o, now);
  const first = sets[0]!;
  const protection = await (async () => {
    step(`protecting the counts (${o.method ?? 'suppression'})`);
    return protectIndicators(
      sets.flatMap((s) => s.results),
      {
        ...(o.method ? { method: o.method } : {}),
        ...(o.rules ? { rules: o.rules } : {}),
        ...(o.cost ? { cost: o.cost } : {}),
        ...(o.base !== undefined ? { base: o.base } : {}),
        ...(o.epsilon !== undefined ? { epsilon: o.epsilon } : {}),
        ...(o.seed !== undefined ? { seed: o.seed } : {}),
        ...(o.timeLimit !== undefined ? { timeLimit: o.timeLimit } : {}),
        ...(o.exactRounds !== undefined ? { maxRounds: o.exactRounds } : {}),
        level: o.level ?? 0.95,
      },
    );
  })();
  const indicatorIds = [...new Set(first.results.map((r) => r.definition.id))];
  const parameters = parametersOf(o, indicatorIds);
  const withheld = [...(first.manifest.omitted ?? []), ...protection.withheld];
  const set: PublishableSet = { manifest: { ...first.manifest, ...(withheld.length > 0 ? { omitted: withheld } : {}) }, results: protection.results };

  const rows = await store.db.selectFrom('release').select('id').execute();
  const id = nextId('rel', rows.map((r) => r.id));
  const staging = join(dirname(dir), `.${basename(dir)}.${process.pid}.staging`);
  await rm(staging, { recursive: true, force: true });
  // The first missing parent of the release folder, made here: removed again on failure (no folder left behind).
  const madeParent = await mkdir(dirname(dir), { recursive: true });
  let released = false;
  try {
    await mkdir(staging);
    step('writing CSV and SDMX');
    await writeFile(join(staging, INDICATORS_CSV), indicatorsCsv(set), 'utf8');
    const sdmx = await writeSdmx(set, join(staging, 'sdmx'));
    await assertSdmxValid(sdmx.files.map((f) => f.path), parameters.threshold === null ? {} : { minCount: parameters.threshold });
    step('writing the report');
    const report = await writeReleaseReport(set, protection, parameters, { outDir: join(staging, 'report'), releaseId: id, actor: o.actor, createdAt: now, ...(o.title ? { title: o.title } : {}) });
    let pdf: CreatedRelease['pdf'] = { written: false, reason: 'not asked for (--pdf no)' };
    if ((o.pdf ?? 'auto') !== 'no') {
      const chromium = await findChromium(o.chromium);
      if (chromium === undefined && o.pdf === 'yes') throw chromiumMissing(o.chromium);
      if (chromium === undefined) pdf = { written: false, reason: 'Chromium is not installed (apt-get install chromium, or --chromium PATH); the HTML report is complete without it' };
      else {
        step('printing the report to PDF');
        await renderPdf(report.indexPath, join(staging, 'report', 'report.pdf'), { chromium });
        pdf = { written: true };
      }
    }
    step('checking every file');
    const rule = countRuleOf(parameters);
    const violations = await scanCounts(staging, rule);
    if (violations.length > 0) {
      const shown = violations.slice(0, 10).map((v) => `${v.file} line ${v.line} ${v.column} = ${v.value}`).join('; ');
      throw new VindexError('VDX_DISCLOSURE_SMALL_COUNT', `release check failed, nothing was released: ${shown}`);
    }
    const paths = await listFiles(staging);
    const manifest: ReleaseManifest = {
      vindexRelease: RELEASE_FORMAT,
      id,
      status,
      createdAt: now,
      createdBy: o.actor,
      releasedBy: status === 'released' ? o.actor : null,
      releasedAt: status === 'released' ? now : null,
      synthetic: first.manifest.synthetic === true,
      data: { snapshotHash: first.manifest.snapshotHash, codebookVersion: first.manifest.codebookVersion, dataDate: first.manifest.dataDate, basis: first.manifest.basis, level: first.manifest.level },
      software: { name: 'vindex', version: VERSION },
      parameters,
      definitions: dedupeDefinitions(first),
      disclosure: {
        method: protection.record,
        audit: protection.audit,
        cells: protection.cells,
        withheld,
        fileCheck: { rule, csvFiles: paths.filter((p) => p.endsWith('.csv')).length, violations: 0 },
      },
      files: await describeFiles(staging, paths),
    };
    const manifestText = JSON.stringify(manifest, null, 2) + '\n';
    const manifestSha256 = createHash('sha256').update(manifestText).digest('hex');
    await writeFile(join(staging, MANIFEST_FILE), manifestText, 'utf8');
    await mkdir(dirname(dir), { recursive: true });
    await rm(dir, { recursive: true, force: true }); // empty (checked above)
    await rename(staging, dir);
    try {
      await store.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('release')
          .values({
            id, created_at: now, created_by: o.actor, status, released_by: manifest.releasedBy, released_at: manifest.releasedAt,
            snapshot_hash: manifest.data.snapshotHash, codebook_version: manifest.data.codebookVersion, software_version: VERSION,
            method: parameters.method, parameters: canonicalJson(parameters), audit_pass: protection.audit ? (protection.audit.pass ? 1 : 0) : null,
            manifest_sha256: manifestSha256, location: dir,
          })
          .execute();
        await appendAudit(tx, {
          actor: o.actor, action: 'release.create', object: `release:${id}`,
          detail: { status, manifestSha256, method: parameters.method, auditPass: protection.audit?.pass ?? null, files: manifest.files.length, indicators: indicatorIds.length, snapshot: manifest.data.snapshotHash },
        }, now);
      });
    } catch (e) {
      // The store refused the record: take the files back so no unrecorded release exists.
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
    released = true;
    return { id, dir, manifest, manifestSha256, pdf, set };
  } finally {
    await rm(staging, { recursive: true, force: true });
    if (!released && madeParent !== undefined) await rmEmptyParents(dirname(dir), madeParent);
  }
}

/** Removes `from` and its parents up to and including `top` while they are empty (only what createRelease made). */
async function rmEmptyParents(from: string, top: string): Promise<void> {
  for (let d = from; d.startsWith(top); d = dirname(d)) {
    try {
      await rmdir(d);
    } catch {
      return;
    }
    if (d === top) return;
  }
}

function dedupeDefinitions(set: IndicatorSet): IndicatorDefinition[] {
  const seen = new Map<string, IndicatorDefinition>();
  for (const r of set.results) if (!seen.has(r.definition.id)) seen.set(r.definition.id, r.definition);
  return [...seen.values()];
}
