/**
 * Shapes of the API's JSON answers, as far as the screens use them. The server's zod schemas
 * (src/server/routes/*.ts) are the source of truth; these mirror them.
 */
import type { Role } from './session.ts';

export interface ImportIssue {
  readonly kind?: string;
  readonly file: string;
  readonly row: number;
  readonly field: string | null;
  readonly value?: string | null;
  readonly message: string;
  readonly allowed?: string | null;
}

export interface FileSummary {
  readonly file: string;
  readonly status: 'imported' | 'already-imported';
  readonly series: number;
  readonly victims: number;
  readonly offenders: number;
}

/** The result of an import job: the file summary. */
export type ImportJobResult = FileSummary;

/** GET /api/imports → { batches }. */
export interface ImportBatch {
  readonly contentHash: string;
  readonly fileName: string;
  readonly format: string;
  readonly importedAt: string;
  readonly sources: number;
  readonly series: number;
  readonly victims: number;
  readonly offenders: number;
}

/** GET /api/samples → { samples }. */
export interface SampleSummary {
  readonly id: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly frameText: string;
  readonly frameSize: number;
  readonly sampleSize: number;
  readonly design: { readonly kind: 'srs' | 'stratified'; readonly n: number; readonly allocation?: string };
  readonly seed: number;
  readonly strataBy: readonly string[] | null;
}

export interface CoderProgress {
  readonly coder: string;
  readonly unitsAssigned: number;
  readonly unitsComplete: number;
  readonly unitsRemaining: number;
  readonly valuesCoded: number;
  readonly valuesExpected: number;
}

/** GET /api/rounds → { rounds }. */
export interface RoundSummary {
  readonly id: string;
  readonly sampleId: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly coders: readonly string[];
  readonly variables: readonly string[];
  /** Share of series coded by several coders, 0–1. */
  readonly overlap: number;
  readonly closedAt: string | null;
  readonly closedBy: string | null;
}

export interface RoundStatus {
  readonly round: RoundSummary;
  readonly coders: readonly CoderProgress[];
  readonly overall: { readonly unitsAssigned: number; readonly unitsComplete: number; readonly overlapUnits: number; readonly valuesCoded: number; readonly valuesExpected: number };
  readonly unresolvedDisagreements: number;
  readonly blockers: readonly string[];
}

/** GET /api/coding/queue. */
export interface CodingQueue {
  readonly rounds: readonly {
    readonly round: string;
    readonly sampleId: string;
    readonly variables: readonly string[];
    readonly done: number;
    readonly total: number;
    readonly units: readonly { readonly seriesKey: string; readonly victims: number; readonly valuesCoded: number; readonly valuesExpected: number; readonly done: boolean }[];
  }[];
}

/** One unit of the queue, flattened over rounds. */
export interface QueueItem {
  readonly round: string;
  readonly series: string;
  readonly done: number;
  readonly total: number;
  readonly complete: boolean;
}

export interface CodeOption {
  readonly code: string;
  readonly label: string;
}

export interface FormVariable {
  readonly name: string;
  readonly record: 'series' | 'victim';
  readonly label: string;
  /** category: one of codes; count: a whole number 0 … max; severity-code: one of codesByScale[the victim's scale]. */
  readonly kind: 'category' | 'count' | 'severity-code';
  readonly codes: readonly CodeOption[];
  readonly max: number | null;
  readonly notDeterminable: string | null;
  readonly codesByScale: Readonly<Record<string, readonly string[]>> | null;
}

/** GET /api/coding/:round/units/:series. */
export interface UnitForm {
  readonly round: string;
  readonly closed: boolean;
  readonly seriesKey: string;
  readonly victims: readonly string[];
  readonly variables: readonly FormVariable[];
  readonly values: { readonly series: Readonly<Record<string, string>>; readonly victims: Readonly<Record<string, Readonly<Record<string, string>>>> };
  readonly done: boolean;
}

/** PUT /api/coding/:round/units/:series/values. */
export interface SavedValue {
  readonly value: string | null;
  readonly cleared: readonly string[];
  readonly unitDone: boolean;
}

export interface Coefficient { readonly value: number | null; readonly lower: number | null; readonly upper: number | null }

export interface VariableReliability {
  readonly variable: string;
  readonly record: 'series' | 'victim';
  readonly level: string;
  readonly units: number;
  readonly codings: number;
  readonly percentAgreement: Coefficient;
  readonly cohenKappa: Coefficient | null;
  readonly fleissKappa: Coefficient | null;
  readonly krippendorffAlpha: Coefficient;
  readonly verdict: 'reliable' | 'tentative' | 'unreliable' | 'insufficient';
}

export interface RoundReliability {
  readonly roundId: string;
  readonly coders: readonly string[];
  readonly variables: readonly VariableReliability[];
}

export interface Disagreement {
  readonly record: 'series' | 'victim';
  readonly unitKey: string;
  readonly seriesKey: string;
  readonly variable: string;
  readonly values: readonly { readonly coder: string; readonly value: string }[];
  readonly adjudication: { readonly value: string; readonly reason: string; readonly adjudicator: string; readonly decidedAt: string } | null;
}

export const ADJUDICATION_REASONS = ['majority', 'codebook-rule', 'coder-error', 'consensus', 'source-record', 'other'] as const;

export type Dimension = 'country' | 'region' | 'year' | 'ageBand' | 'gender' | 'source';

export interface Observation {
  readonly indicator: string;
  readonly dims: Readonly<Partial<Record<Dimension, string>>>;
  readonly value: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly status: string;
  readonly flag?: string;
}

export interface IndicatorDefinition {
  readonly id: string;
  readonly title: string;
  readonly definition: string;
  readonly unit: 'share' | 'count' | 'median-time' | 'rate';
  readonly per?: number;
}

export interface IndicatorResult {
  readonly definition: IndicatorDefinition;
  readonly by: readonly Dimension[];
  readonly observations: readonly Observation[];
  readonly aggregationNote?: string;
}

export interface IndicatorSet {
  readonly manifest: { readonly dataDate: string; readonly basis: string; readonly level: number; readonly synthetic?: boolean; readonly generatedAt?: string };
  readonly results: readonly IndicatorResult[];
}

export type ReleaseStatus = 'pending' | 'released' | 'rejected';

/** GET /api/releases → { releases }. */
export interface ReleaseRow {
  readonly id: string;
  readonly status: ReleaseStatus | string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly releasedBy: string | null;
  readonly releasedAt: string | null;
  readonly rejectedBy: string | null;
  readonly rejectedAt: string | null;
  readonly rejectReason: string | null;
  readonly method: string;
  readonly auditPass: boolean | null;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** The disclosure method record of a release (fields by method; suppression shown here). */
export interface MethodRecord {
  readonly method: string;
  readonly proven?: boolean;
  readonly primaryCells?: number;
  readonly secondaryCells?: number;
  readonly rounds?: number;
  readonly base?: number;
  readonly [k: string]: unknown;
}

export interface AuditSummary {
  readonly pass: boolean;
  readonly suppressedCells: number;
  readonly sensitiveCells: number;
  readonly minimumMargin: number | null;
}

/** GET /api/releases/:id. */
export interface ReleaseDetail {
  readonly release: ReleaseRow;
  readonly manifest: {
    readonly method: MethodRecord;
    readonly audit: AuditSummary | null;
    readonly withheld: readonly { readonly indicator: string; readonly reason: string }[];
    readonly files: readonly { readonly path: string; readonly sha256: string; readonly bytes: number }[];
    readonly synthetic: boolean;
    readonly data: Readonly<Record<string, unknown>>;
  };
}

export const REJECT_REASONS = ['disclosure-risk', 'wrong-parameters', 'data-quality', 'superseded'] as const;

/** One observation of a released indicators.csv. */
export interface DashboardRow {
  readonly indicator: string;
  readonly unit: string;
  /** The breakdown, e.g. 'country' or 'region+year'. */
  readonly by: string;
  readonly dims: Readonly<Record<string, string>>;
  readonly value: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly status: string;
  /** SDMX confidentiality status: F free, C suppressed (primary), D suppressed (secondary). */
  readonly confStatus: string;
}

/** GET /api/dashboard. */
export interface Dashboard {
  readonly release: { readonly id: string; readonly releasedAt: string | null; readonly createdAt: string; readonly method: string; readonly dataDate: string; readonly synthetic: boolean } | null;
  /** The released indicators' titles and plain-language definitions (from the release manifest). */
  readonly indicators: readonly { readonly id: string; readonly title: string; readonly definition: string; readonly unit: string }[];
  readonly observations: readonly DashboardRow[];
}

/** GET /api/users → { users } (src/server/routes/users.ts). */
export interface UserRow {
  readonly name: string;
  readonly role: Role;
  readonly disabled: boolean;
  /** Set while a lock-out after failed sign-ins lasts. */
  readonly lockedUntil: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly lastLoginAt: string | null;
}

/** GET /api/audit → { entries, next } (src/server/routes/audit.ts). */
export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly object: string;
  readonly detail: unknown;
  readonly hash: string;
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  /** The seq to pass as `after` for the next page; null on the last page. */
  readonly next: number | null;
}

/** GET /api/audit/verify. */
export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  readonly failure?: { readonly seq: number; readonly reason: string };
}
