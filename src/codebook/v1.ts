import {
  CODING_PROVENANCE, ETHNICITY, FLAG, OFFENDER_AGE_BAND, OFFENDER_GENDER, RELATION, SERIES_AGE_GROUP,
  SERIES_VICTIM_GENDER, SOURCE_KIND, VICTIM_AGE_BAND, VICTIM_GENDER,
} from './categories.ts';
import { HARMONISED_SEVERITY, SEVERITY_SCALE } from './severity.ts';
import type { Codebook, Entity } from './types.ts';

const SOURCE_CODE = { type: 'code', pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/, patternText: '1–32 letters, digits, `_`, `.` or `-`' } as const;

const source: Entity = {
  name: 'source',
  title: 'Source',
  description: 'A database or agency that records come from (used for linking and for estimating the unseen).',
  variables: [
    { name: 'source.code', label: 'Source code', description: 'Short code of the source, e.g. `ICSE` or `NAT-DE`.', required: true, ...SOURCE_CODE },
    { name: 'source.kind', label: 'Kind of source', description: 'What kind of database or agency it is.', required: false, type: 'category', set: SOURCE_KIND },
  ],
};

const series: Entity = {
  name: 'series',
  title: 'Series',
  description: 'A set of material depicting the same victim(s) and abuse event(s). Identified by source and external id; the id is stored only as a keyed hash.',
  variables: [
    { name: 'series.source', label: 'Source', description: 'Code of the source database the series record came from.', required: true, ...SOURCE_CODE },
    { name: 'series.id', label: 'Series identifier', description: "The source's identifier of the series. Replaced on import by HMAC-SHA-256 under the installation secret; never stored.", required: true, type: 'identifier' },
    { name: 'series.country', label: 'Contributing country', description: 'Country that uploaded or contributed the series (ISO 3166-1 alpha-2; `ZZ` not determinable).', required: true, type: 'country' },
    { name: 'series.firstSeen', label: 'First seen', description: 'Date the material first surfaced in the source (YYYY-MM-DD).', required: true, type: 'date' },
    { name: 'series.identified', label: 'Identified', description: 'Whether at least one victim of the series has been identified.', required: true, type: 'category', set: FLAG },
    { name: 'series.identifiedOn', label: 'Identification date', description: 'Date of the first identification (YYYY-MM-DD); required when identified is yes, empty otherwise.', required: false, type: 'date' },
    { name: 'series.offenderIdentified', label: 'Offender identified', description: 'Whether an offender depicted or producing the series has been identified.', required: false, type: 'category', set: FLAG },
    { name: 'series.abuseCountryConfirmed', label: 'Country of abuse (confirmed)', description: 'Country where the abuse was confirmed to have happened (`ZZ` not determinable).', required: false, type: 'country' },
    { name: 'series.abuseCountrySuspected', label: 'Country of abuse (suspected)', description: 'Country where the abuse is suspected to have happened (`ZZ` not determinable).', required: false, type: 'country' },
    { name: 'series.victimCount', label: 'Victims depicted', description: 'Number of distinct victims depicted.', required: false, type: 'count', max: 10_000 },
    { name: 'series.offenderCount', label: 'Offenders depicted', description: 'Number of distinct offenders depicted.', required: false, type: 'count', max: 10_000 },
    { name: 'series.imageCount', label: 'Image files', description: 'Number of image files in the series (a count only; no media is ever stored).', required: false, type: 'count', max: 100_000_000 },
    { name: 'series.videoCount', label: 'Video files', description: 'Number of video files in the series (a count only).', required: false, type: 'count', max: 100_000_000 },
    { name: 'series.selfGenerated', label: 'Youth-produced / self-generated', description: 'Whether the material appears youth-produced (self-generated).', required: false, type: 'category', set: FLAG },
    { name: 'series.paraphilicThemes', label: 'Paraphilic themes', description: "The study's paraphilic-themes flag (a category only; no description is recorded).", required: false, type: 'category', set: FLAG },
    { name: 'series.victimGender', label: "Victims' gender", description: 'Series-level summary of the victims’ gender.', required: false, type: 'category', set: SERIES_VICTIM_GENDER },
    { name: 'series.victimAgeGroup', label: "Victims' age group", description: 'Series-level summary of the victims’ developmental stage.', required: false, type: 'category', set: SERIES_AGE_GROUP },
    { name: 'series.provenance', label: 'Coding provenance', description: 'How the codes of the series were obtained.', required: false, type: 'category', set: CODING_PROVENANCE },
  ],
};

const victim: Entity = {
  name: 'victim',
  title: 'Victim',
  description: 'A child depicted in a series. Rows carry `series.source` and `series.id` to name their series.',
  variables: [
    { name: 'victim.id', label: 'Victim identifier', description: "The source's identifier of the victim. Stored only as a keyed hash.", required: true, type: 'identifier' },
    { name: 'victim.gender', label: 'Gender', description: 'Gender of the victim as coded.', required: true, type: 'category', set: VICTIM_GENDER },
    { name: 'victim.ageBand', label: 'Age band', description: 'Apparent developmental stage (Tanner-based coding, as in the study).', required: true, type: 'category', set: VICTIM_AGE_BAND },
    { name: 'victim.ethnicity', label: 'Ethnicity', description: 'Ethnicity as the study coded it.', required: false, type: 'category', set: ETHNICITY },
    { name: 'victim.identified', label: 'Identified', description: 'Whether the victim has been identified.', required: true, type: 'category', set: FLAG },
    { name: 'victim.identifiedOn', label: 'Identification date', description: 'Date the victim was identified (YYYY-MM-DD); required when identified is yes, empty otherwise.', required: false, type: 'date' },
    { name: 'victim.relation', label: 'Relation to offender', description: 'Relation of the victim to the offender, where known.', required: false, type: 'category', set: RELATION },
    { name: 'victim.severityScale', label: 'Severity scale', description: 'The scale the highest severity was recorded on.', required: true, type: 'category', set: SEVERITY_SCALE },
    { name: 'victim.severityCode', label: 'Severity code', description: 'Highest severity recorded, on `victim.severityScale`: COPINE 1–10, SAP 1–5 or UK A/B/C; `notDeterminable` allowed.', required: true, type: 'code', pattern: /^(10|[1-9]|[ABCabc]|notDeterminable|nd)$/, patternText: 'COPINE 1–10, SAP 1–5, UK A/B/C or notDeterminable' },
    { name: 'victim.penetration', label: 'Penetrative activity', description: 'Whether the recorded activity was penetrative; needed to map COPINE 7 to the harmonised scale.', required: false, type: 'category', set: FLAG },
    { name: 'victim.severity', label: 'Harmonised severity', description: 'Highest severity on the harmonised scale, derived on import from scale, code and penetration through the documented crosswalk. May be given only if it agrees.', required: false, derived: true, type: 'category', set: HARMONISED_SEVERITY },
    { name: 'victim.severityAmbiguous', label: 'Severity mapping ambiguous', description: 'Derived: yes when the crosswalk could not decide (COPINE 7 with penetration not determinable) and took the lower category.', required: false, derived: true, type: 'category', set: FLAG },
    { name: 'victim.baseline', label: 'INTERPOL baseline', description: 'Whether the material meets the INTERPOL "baseline" criteria.', required: false, type: 'category', set: FLAG },
  ],
};

const offender: Entity = {
  name: 'offender',
  title: 'Offender',
  description: 'An offender depicted in, or known to have produced, a series. Rows carry `series.source` and `series.id`.',
  variables: [
    { name: 'offender.id', label: 'Offender identifier', description: "The source's identifier of the offender. Stored only as a keyed hash.", required: true, type: 'identifier' },
    { name: 'offender.visible', label: 'Visible', description: 'Whether the offender is visible in the material.', required: true, type: 'category', set: FLAG },
    { name: 'offender.gender', label: 'Gender', description: 'Gender of the offender as coded.', required: true, type: 'category', set: OFFENDER_GENDER },
    { name: 'offender.ageBand', label: 'Age band', description: 'Apparent age of the offender.', required: false, type: 'category', set: OFFENDER_AGE_BAND },
    { name: 'offender.ethnicity', label: 'Ethnicity', description: 'Ethnicity as coded.', required: false, type: 'category', set: ETHNICITY },
  ],
};

/** Codebook v1: the variables of the ECPAT/INTERPOL (2018) study. The single source of truth. */
export const CODEBOOK_V1: Codebook = {
  version: '1.0.0',
  title: 'Vindex codebook v1 (ECPAT/INTERPOL 2018 study variables)',
  entities: [source, series, victim, offender],
};
