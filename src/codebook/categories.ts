import type { CategorySet } from './types.ts';

/** The category sets of codebook v1 (DESIGN.md data model). Every set has an explicit not-determinable code. */

const ND = { code: 'notDeterminable', label: 'Not determinable', aliases: ['nd', 'unknown', 'not determinable', '9', '99'] } as const;

export const FLAG: CategorySet = {
  id: 'flag',
  title: 'Yes / no',
  ordered: false,
  notDeterminable: ND.code,
  categories: [
    { code: 'yes', label: 'Yes', aliases: ['y', 'true', '1'] },
    { code: 'no', label: 'No', aliases: ['n', 'false', '0'] },
    ND,
  ],
};

export const VICTIM_GENDER: CategorySet = {
  id: 'victimGender',
  title: 'Gender of a victim',
  ordered: false,
  notDeterminable: ND.code,
  categories: [
    { code: 'female', label: 'Female', aliases: ['f', 'girl'] },
    { code: 'male', label: 'Male', aliases: ['m', 'boy'] },
    ND,
  ],
};

export const SERIES_VICTIM_GENDER: CategorySet = {
  id: 'seriesVictimGender',
  title: "Victims' gender in a series",
  ordered: false,
  notDeterminable: ND.code,
  categories: [
    { code: 'female', label: 'Female only', aliases: ['f', 'girls'] },
    { code: 'male', label: 'Male only', aliases: ['m', 'boys'] },
    { code: 'both', label: 'Both female and male', aliases: ['mixed'] },
    ND,
  ],
};

export const VICTIM_AGE_BAND: CategorySet = {
  id: 'victimAgeBand',
  title: 'Apparent developmental stage of a victim',
  ordered: true,
  notDeterminable: ND.code,
  categories: [
    { code: 'infantToddler', label: 'Infant/toddler', aliases: ['infant', 'toddler', 'infant-toddler'] },
    { code: 'prepubescent', label: 'Prepubescent' },
    { code: 'pubescent', label: 'Pubescent' },
    { code: 'postPubescent', label: 'Post-pubescent', aliases: ['post-pubescent'] },
    ND,
  ],
};

export const SERIES_AGE_GROUP: CategorySet = {
  id: 'seriesAgeGroup',
  title: "Victims' age group in a series",
  ordered: false,
  notDeterminable: ND.code,
  categories: [
    { code: 'infantToddler', label: 'Infant/toddler', aliases: ['infant', 'toddler', 'infant-toddler'] },
    { code: 'prepubescent', label: 'Prepubescent' },
    { code: 'pubescent', label: 'Pubescent' },
    { code: 'multiple', label: 'Multiple age groups', aliases: ['multiple age groups'] },
    ND,
  ],
};

export const ETHNICITY: CategorySet = {
  id: 'ethnicity',
  title: 'Ethnicity as coded in the study',
  ordered: false,
  notDeterminable: ND.code,
  categories: [
    { code: 'white', label: 'White' },
    { code: 'hispanicLatino', label: 'Hispanic/Latino', aliases: ['hispanic', 'latino'] },
    { code: 'asian', label: 'Asian' },
    { code: 'black', label: 'Black' },
    { code: 'other', label: 'Other' },
    ND,
  ],
};

export const RELATION: CategorySet = {
  id: 'relation',
  title: 'Relation of the victim to the offender, where known',
  ordered: false,
  notDeterminable: ND.code,
  categories: [
    { code: 'parentOrCarer', label: 'Parent or carer' },
    { code: 'otherFamily', label: 'Other family member' },
    { code: 'knownNonFamily', label: 'Known to the victim, not family' },
    { code: 'onlineOnly', label: 'Contact online only' },
    { code: 'stranger', label: 'Stranger' },
    ND,
  ],
};

export const OFFENDER_GENDER: CategorySet = {
  id: 'offenderGender',
  title: 'Gender of an offender',
  ordered: false,
  notDeterminable: ND.code,
  categories: [
    { code: 'male', label: 'Male', aliases: ['m'] },
    { code: 'female', label: 'Female', aliases: ['f'] },
    ND,
  ],
};

export const OFFENDER_AGE_BAND: CategorySet = {
  id: 'offenderAgeBand',
  title: 'Apparent age of an offender',
  ordered: true,
  notDeterminable: ND.code,
  categories: [
    { code: 'adolescent', label: 'Adolescent' },
    { code: 'adult', label: 'Adult' },
    ND,
  ],
};

export const SOURCE_KIND: CategorySet = {
  id: 'sourceKind',
  title: 'Kind of source database',
  ordered: false,
  notDeterminable: ND.code,
  categories: [
    { code: 'international', label: 'International victim-identification database' },
    { code: 'national', label: 'National law-enforcement database' },
    { code: 'hotline', label: 'Hotline / reporting service' },
    { code: 'industry', label: 'Industry reports' },
    { code: 'other', label: 'Other' },
    ND,
  ],
};

export const CODING_PROVENANCE: CategorySet = {
  id: 'codingProvenance',
  title: 'How the codes of a series were obtained',
  ordered: false,
  notDeterminable: ND.code,
  categories: [
    { code: 'visual', label: 'Coded by a trained analyst (study protocol)' },
    { code: 'databaseMetadata', label: 'Taken from database metadata' },
    { code: 'hashExport', label: 'Derived from a hash/classification exchange export (VICS, hash list)' },
    ND,
  ],
};
