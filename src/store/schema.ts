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

export interface Database {
  meta: MetaTable;
  source: SourceTable;
  import_batch: ImportBatchTable;
  series: SeriesTable;
  victim: VictimTable;
  offender: OffenderTable;
}

export type EntityTable = 'source' | 'series' | 'victim' | 'offender';

/** `series.firstSeen` → `first_seen`: the column of a codebook variable in its entity's table. */
export function columnOf(variable: string): string {
  const name = variable.slice(variable.indexOf('.') + 1);
  return name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}

// Generated is re-exported for future tables with database-assigned columns.
export type { Generated };
