/**
 * SDMX-CSV 2.0 data message (SDMX 3.0 section 6, "SDMX-CSV"): header
 * STRUCTURE,STRUCTURE_ID,ACTION, then every dimension in key order, OBS_VALUE and every attribute,
 * one row per observation. STRUCTURE is `dataflow`, STRUCTURE_ID `VINDEX:DF_VINDEX(1.0)`, ACTION
 * `I` (information: figures for reading, not an update instruction). Comma separator, RFC 4180
 * quoting, `.` decimal point, empty cell = not reported.
 */

import { stringify } from 'csv-stringify/sync';
import { components, DATAFLOW_REF, type Dsd } from './dsd.ts';
import type { SdmxRow } from './rows.ts';

export const CSV_LEADING = ['STRUCTURE', 'STRUCTURE_ID', 'ACTION'] as const;

export function csvHeader(dsd: Dsd): string[] {
  return [...CSV_LEADING, ...components(dsd).map((c) => c.id)];
}

export function sdmxCsv(rows: readonly SdmxRow[], dsd: Dsd): string {
  const ids = components(dsd).map((c) => c.id);
  const records = rows.map((r) => ['dataflow', DATAFLOW_REF, 'I', ...ids.map((id) => r[id] ?? '')]);
  return stringify([csvHeader(dsd), ...records], { record_delimiter: '\n' });
}
