import { CODEBOOK, importColumns } from '../codebook/index.ts';
import type { EntityName } from '../codebook/index.ts';

/**
 * The fields the generator fills for each record type, in the order of `importColumns(CODEBOOK)`.
 * Rows are passed around as string arrays indexed by these slots (an empty string is a missing
 * value), so the hot loop makes no per-field objects. A module-load check fails fast if the codebook
 * order changes; a test checks that every importable variable is filled by some record type.
 */
export const FIELDS = {
  source: ['source.code', 'source.kind'],
  series: [
    'series.source', 'series.id', 'series.country', 'series.firstSeen', 'series.identified', 'series.identifiedOn',
    'series.offenderIdentified', 'series.abuseCountryConfirmed', 'series.abuseCountrySuspected', 'series.victimCount',
    'series.offenderCount', 'series.imageCount', 'series.videoCount', 'series.selfGenerated', 'series.paraphilicThemes',
    'series.victimGender', 'series.victimAgeGroup', 'series.provenance',
  ],
  victim: [
    'series.source', 'series.id', 'victim.id', 'victim.gender', 'victim.ageBand', 'victim.ethnicity', 'victim.identified',
    'victim.identifiedOn', 'victim.relation', 'victim.severityScale', 'victim.severityCode', 'victim.penetration', 'victim.baseline',
  ],
  offender: ['series.source', 'series.id', 'offender.id', 'offender.visible', 'offender.gender', 'offender.ageBand', 'offender.ethnicity'],
} as const satisfies Record<EntityName, readonly string[]>;

/** Fields written as JSON numbers in JSON Lines (counts). */
export const NUMERIC_FIELDS: ReadonlySet<string> = new Set(['series.victimCount', 'series.offenderCount', 'series.imageCount', 'series.videoCount']);

/** The columns of a generated CSV file: exactly `importColumns(CODEBOOK)`. */
export const COLUMNS: readonly string[] = importColumns(CODEBOOK);

export const ENTITY_ORDER: readonly EntityName[] = ['source', 'series', 'victim', 'offender'];

/** The slot of a field in a record type's row (throws for a field the type does not fill). */
export function slotOf(entity: EntityName, field: string): number {
  const i = (FIELDS[entity] as readonly string[]).indexOf(field);
  if (i < 0) throw new Error(`synth: ${entity} rows have no field ${field}`);
  return i;
}

function checkOrder(): void {
  for (const entity of ENTITY_ORDER) {
    let last = 0;
    for (const f of FIELDS[entity]) {
      const at = COLUMNS.indexOf(f);
      if (at <= last) throw new Error(`synth: field ${f} of ${entity} rows is not a codebook column in codebook order`);
      last = at;
    }
  }
}
checkOrder();

// Slots (indices into a row array) used by the generator, looked up once.
export const SRC = { code: slotOf('source', 'source.code'), kind: slotOf('source', 'source.kind') } as const;
export const SER = {
  source: slotOf('series', 'series.source'), id: slotOf('series', 'series.id'), country: slotOf('series', 'series.country'),
  firstSeen: slotOf('series', 'series.firstSeen'), identified: slotOf('series', 'series.identified'), identifiedOn: slotOf('series', 'series.identifiedOn'),
  offenderIdentified: slotOf('series', 'series.offenderIdentified'), confirmed: slotOf('series', 'series.abuseCountryConfirmed'),
  suspected: slotOf('series', 'series.abuseCountrySuspected'), victimCount: slotOf('series', 'series.victimCount'),
  offenderCount: slotOf('series', 'series.offenderCount'), imageCount: slotOf('series', 'series.imageCount'), videoCount: slotOf('series', 'series.videoCount'),
  selfGenerated: slotOf('series', 'series.selfGenerated'), paraphilic: slotOf('series', 'series.paraphilicThemes'),
  victimGender: slotOf('series', 'series.victimGender'), victimAgeGroup: slotOf('series', 'series.victimAgeGroup'), provenance: slotOf('series', 'series.provenance'),
} as const;
export const VIC = {
  source: slotOf('victim', 'series.source'), seriesId: slotOf('victim', 'series.id'), id: slotOf('victim', 'victim.id'), gender: slotOf('victim', 'victim.gender'),
  ageBand: slotOf('victim', 'victim.ageBand'), ethnicity: slotOf('victim', 'victim.ethnicity'), identified: slotOf('victim', 'victim.identified'),
  identifiedOn: slotOf('victim', 'victim.identifiedOn'), relation: slotOf('victim', 'victim.relation'), scale: slotOf('victim', 'victim.severityScale'),
  code: slotOf('victim', 'victim.severityCode'), penetration: slotOf('victim', 'victim.penetration'), baseline: slotOf('victim', 'victim.baseline'),
} as const;
export const OFF = {
  source: slotOf('offender', 'series.source'), seriesId: slotOf('offender', 'series.id'), id: slotOf('offender', 'offender.id'),
  visible: slotOf('offender', 'offender.visible'), gender: slotOf('offender', 'offender.gender'), ageBand: slotOf('offender', 'offender.ageBand'),
  ethnicity: slotOf('offender', 'offender.ethnicity'),
} as const;
