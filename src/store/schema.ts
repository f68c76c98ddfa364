import type { Generated } from 'kysely';

/** The tables of the store. Column names are the codebook variable names in snake_case. */

export interface MetaTable {
  key: string;
  value: string;
}

export interface SourceTable {
  code: string;
  kind: string | null;
}

export interface ImportBatchTable {
  /** SHA-256 of the imported file's bytes; re-importing the same content is a no-op. */
  content_hash: string;
  file_name: string;
  format: string;
  imported_at: string;
  codebook_version: string;
  sources: number;
  series: number;
  victims: number;
  offenders: number;
}

export interface SeriesTable {
  id: number;
  key: string;
  source: string;
  country: string;
  first_seen: string;
  identified: string;
  identified_on: string | null;
  offender_identified: string | null;
  abuse_country_confirmed: string | null;
  abuse_country_suspected: string | null;
  victim_count: number | null;
  offender_count: number | null;
  image_count: number | null;
  video_count: number | null;
  self_generated: string | null;
  paraphilic_themes: string | null;
  victim_gender: string | null;
  victim_age_group: string | null;
  provenance: string | null;
  batch: string;
}

export interface VictimTable {
  key: string;
  series_key: string;
  series_id: number;
  gender: string;
  age_band: string;
  ethnicity: string | null;
  identified: string;
  identified_on: string | null;
  relation: string | null;
  severity_scale: string;
  severity_code: string;
  penetration: string | null;
  severity: string;
  severity_ambiguous: string;
  baseline: string | null;
  batch: string;
}

export interface OffenderTable {
  key: string;
  series_key: string;
  series_id: number;
  visible: string;
  gender: string;
  age_band: string | null;
  ethnicity: string | null;
  batch: string;
}

/** A drawn sample of series (src/sampling/): enough to redraw it and to estimate from it. */
export interface SampleTable {
  /** `s1`, `s2`, … unless named. */
  id: string;
  created_at: string;
  created_by: string;
  /** What was sampled: 'series'. */
  unit: string;
  /** JSON: the frame filter as given (source, country, region, years, identified). */
  frame: string;
  /** frameHash of the frame's series keys and strata. */
  frame_hash: string;
  frame_size: number;
  /** JSON array of the stratification variables, null under SRS. */
  strata_by: string | null;
  /** JSON: the SamplingDesign. */
  design: string;
  seed: number;
  prng: string;
  /** JSON: Sample.allocation. */
  allocation: string;
  /** snapshotHash of the store when drawn. */
  snapshot_hash: string;
  codebook_version: string;
  software_version: string;
}

/** One selected series of a sample, with its design quantities. */
export interface SampleUnitTable {
  sample_id: string;
  series_id: number;
  stratum: string | null;
  inclusion_probability: number;
  weight: number;
  /** N_h, the finite-population correction. */
  stratum_size: number;
}

/** A coding round: the units of one sample assigned to named coders. */
export interface CodingRoundTable {
  /** `r1`, `r2`, … unless named. */
  id: string;
  sample_id: string;
  created_at: string;
  created_by: string;
  /** JSON array of coder names, sorted. */
  coders: string;
  /** JSON array of the canonical codebook variables coded (series.* and victim.*). */
  variables: string;
  /** Share of units coded by more than one coder, 0 … 1. */
  overlap: number;
  /** Coders per overlap unit, 2 … number of coders. */
  raters_per_overlap: number;
  seed: number;
  codebook_version: string;
  closed_at: string | null;
  closed_by: string | null;
}

/** A sampled series given to one coder in a round (the coder codes the series and its victims). */
export interface CodingAssignmentTable {
  round_id: string;
  series_id: number;
  coder: string;
  /** 1 when the unit is one of the round's multiply-coded (reliability) units, else 0. */
  overlap: number;
}

/** One coder's value of one variable for one unit (a series, or a victim of a sampled series). */
export interface CodingValueTable {
  round_id: string;
  /** 'series' or 'victim'. */
  record: string;
  /** series.key or victim.key. */
  unit_key: string;
  series_id: number;
  coder: string;
  /** Canonical codebook variable, e.g. victim.ageBand. */
  variable: string;
  /** Canonical code (a count as its decimal string). */
  value: string;
  coded_at: string;
  codebook_version: string;
  /** SHA-256 of the sheet the value came in. */
  sheet_hash: string;
}

/** The final value of a unit's variable decided by an adjudicator; it overrides the coders' values. */
export interface AdjudicationTable {
  round_id: string;
  record: string;
  unit_key: string;
  series_id: number;
  variable: string;
  value: string;
  /** One of the adjudication reason codes (src/coding/), never free text. */
  reason: string;
  adjudicator: string;
  decided_at: string;
  codebook_version: string;
}

/** Append-only, hash-chained log of every write (src/audit/). */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  object: string;
  /** JSON of codes, ids and counts only. */
  detail: string;
  prev_hash: string;
  hash: string;
}

/** Output releases (src/release/). */
export interface ReleaseTable {
  /** `rel1`, `rel2`, … */
  id: string;
  created_at: string;
  created_by: string;
  /** `released` (single user); the server's approval workflow adds pending/approved/rejected. */
  status: string;
  released_by: string | null;
  released_at: string | null;
  snapshot_hash: string;
  codebook_version: string;
  software_version: string;
  method: string;
  /** JSON of the release parameters (codes and numbers only). */
  parameters: string;
  /** 1 when the suppression audit passed, null for rounding and noise (no audit applies). */
  audit_pass: number | null;
  manifest_sha256: string;
  /** Folder the release was written to, as given. */
  location: string;
}

export interface Database {
  meta: MetaTable;
  source: SourceTable;
  import_batch: ImportBatchTable;
  series: SeriesTable;
  victim: VictimTable;
  offender: OffenderTable;
  sample: SampleTable;
  sample_unit: SampleUnitTable;
  coding_round: CodingRoundTable;
  coding_assignment: CodingAssignmentTable;
  coding_value: CodingValueTable;
  adjudication: AdjudicationTable;
  audit_log: AuditLogTable;
  release: ReleaseTable & ReleaseApprovalColumns;
  app_user: AppUserTable;
  app_session: AppSessionTable;
}

export type EntityTable = 'source' | 'series' | 'victim' | 'offender';

/** `series.firstSeen` → `first_seen`: the column of a codebook variable in its entity's table. */
export function columnOf(variable: string): string {
  const name = variable.slice(variable.indexOf('.') + 1);
  return name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}

// Generated is re-exported for future tables with database-assigned columns.
export type { Generated };

/** Server accounts (src/users/, migration 0004). One role per user; the name is also the coder name. */
export interface AppUserTable {
  name: string;
  /** One of ROLES (src/server/route.ts). */
  role: string;
  /** Argon2id PHC string (salt and cost inside). */
  password_hash: string;
  /** 1 = may not sign in. Users are never deleted: the audit log names them. */
  disabled: number;
  /** Failed sign-ins in a row; reset by a success or a password reset. */
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  created_by: string;
  password_changed_at: string;
  last_login_at: string | null;
}

/** Signed-in sessions. Only the SHA-256 of the session id (the cookie value) is stored. */
export interface AppSessionTable {
  id_hash: string;
  user_name: string;
  created_at: string;
  /** Idle expiry counts from here. */
  last_seen_at: string;
  /** Absolute expiry. */
  expires_at: string;
}

/** The approval step of the server (migration 0004): who rejected a pending release, when and why (a reason code). */
export interface ReleaseApprovalColumns {
  rejected_by: string | null;
  rejected_at: string | null;
  reject_reason: string | null;
}
