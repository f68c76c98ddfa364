import { categorical } from './random.ts';

/**
 * The distributions of the synthetic generator, each with its source. Targets marked DESIGN.md are
 * the published figures for unidentified-victim series of the ECPAT International / INTERPOL study
 * (2018) quoted in DESIGN.md; everything else is a documented assumption chosen to be plausible, not
 * a finding. docs/synthetic-data.md explains each one; src/synth/distributions.test.ts holds the
 * generated files to the targets within stated tolerances.
 */

/** Last date any record carries: the census date of the synthetic database (YYYY-MM-DD). */
export const SYNTH_END_DATE = '2025-12-31';
/** First year in which material surfaces. */
export const FIRST_YEAR = 2010;
/** Yearly growth of newly surfacing series (more recent years more numerous): weight of year y is GROWTH^(y − 2010). */
export const YEAR_GROWTH = 1.12;

// ---------------------------------------------------------------- series size

/** Victims per series: most series show one victim, with a tail to ten (assumption; the study reports most series with one victim). */
export const VICTIMS_PER_SERIES = categorical({ '1': 72, '2': 13, '3': 6, '4': 3.4, '5': 2, '6': 1.2, '7': 0.9, '8': 0.6, '9': 0.5, '10': 0.4 });
/** Maximum victims in one series. */
export const MAX_VICTIMS = 10;

/** Offenders recorded per series (depicted or known producers), 0–3; self-generated series rarely show one (assumption). */
export const OFFENDERS_PER_SERIES = categorical({ '0': 12, '1': 68, '2': 15, '3': 5 });
export const OFFENDERS_PER_SELF_GENERATED_SERIES = categorical({ '0': 85, '1': 13, '2': 2 });
export const MAX_OFFENDERS = 3;

// ---------------------------------------------------------------- victims' gender and age (DESIGN.md)

/** Series-level gender of unidentified-victim series (DESIGN.md: girls 64.8%, boys 31.1%, both 4.1%). */
export const SERIES_GENDER_TARGET = { female: 0.648, male: 0.311, both: 0.041 } as const;
/** Series-level age group of unidentified-victim series (DESIGN.md: 4.3%, 56.2%, 25.4%, 14.1%). */
export const SERIES_AGE_TARGET = { infantToddler: 0.043, prepubescent: 0.562, pubescent: 0.254, multiple: 0.141 } as const;

/** Share of series with two or more victims, from VICTIMS_PER_SERIES. */
export const MULTI_VICTIM_SHARE = 1 - VICTIMS_PER_SERIES.cumulative[0]!;

/**
 * Victim-level not-determinable codes hide some mixtures (a two-victim series with one victim's age
 * not determinable summarises to one age group), so the mixing probabilities are raised by this
 * factor, found by simulation, to keep the series-level shares on target.
 */
export const MIXTURE_CORRECTION = 1.03;

/** Probability that a multi-victim series shows both girls and boys, so that `both` is 4.1% of all series. */
export const P_MIXED_GENDER = (SERIES_GENDER_TARGET.both / MULTI_VICTIM_SHARE) * MIXTURE_CORRECTION;
/** Probability that a multi-victim series spans age groups, so that `multiple` is 14.1% of all series. */
export const P_MIXED_AGE = (SERIES_AGE_TARGET.multiple / MULTI_VICTIM_SHARE) * MIXTURE_CORRECTION;

/** The gender shared by a single-gender series: the DESIGN.md shares of girls and boys, renormalised. */
export const SINGLE_GENDER = categorical({ female: SERIES_GENDER_TARGET.female, male: SERIES_GENDER_TARGET.male });
/** The age group shared by a single-group series: the DESIGN.md shares without `multiple`, renormalised. */
export const SINGLE_AGE = categorical({
  infantToddler: SERIES_AGE_TARGET.infantToddler,
  prepubescent: SERIES_AGE_TARGET.prepubescent,
  pubescent: SERIES_AGE_TARGET.pubescent,
});
/** In a pubescent series, share of victims coded post-pubescent (summarised with pubescent at series level; assumption). */
export const P_POST_PUBESCENT = 0.06;

/** Victim-level not-determinable rates (assumption: a small share, as in coded data). */
export const ND_RATE = {
  gender: 0.012,
  ageBand: 0.015,
  ethnicity: 0.02,
  identified: 0.005,
  severityScale: 0.008,
  severityCode: 0.005,
  penetration: 0.03,
  baseline: 0.02,
  flag: 0.025,
  country: 0.01,
} as const;

// ---------------------------------------------------------------- ethnicity (DESIGN.md)

/**
 * Ethnicity of a series' victims (DESIGN.md: over three quarters White, about 10% Hispanic/Latino,
 * about 10% Asian; Black and other the rest). White is set slightly above 0.75 because identification
 * is a little likelier in the high-capacity regions where most White victims' series are located.
 */
export const ETHNICITY = categorical({ white: 0.78, hispanicLatino: 0.1, asian: 0.1, black: 0.014, other: 0.006 });
/** Probability that a victim shares the series' ethnicity (siblings, one household); otherwise drawn afresh from ETHNICITY. */
export const P_SAME_ETHNICITY = 0.9;

// ---------------------------------------------------------------- severity (DESIGN.md)

/**
 * Harmonised severity of a victim, before the scale of the recording source (DESIGN.md: 84% at
 * explicit sexual activity or worse, i.e. catB or catA). The split between catA and catB depends on
 * age and gender (DESIGN.md: younger victims and boys more often in the most severe categories).
 */
export const P_AT_LEAST_B = 0.84;
export const P_INDICATIVE = 0.03;
/** P(catA) by victim age band, for girls; boys add CAT_A_MALE_BONUS (assumption, giving the DESIGN.md direction). */
export const CAT_A_BY_AGE = { infantToddler: 0.56, prepubescent: 0.40, pubescent: 0.30, postPubescent: 0.26, notDeterminable: 0.36 } as const;
export const CAT_A_MALE_BONUS = 0.1;
export const CAT_A_GENDER_ND_BONUS = 0.03;

/** COPINE level within each harmonised category (Taylor, Holland & Quayle 2001 levels; assumption on the split). */
export const COPINE_IN_INDICATIVE = categorical({ '1': 30, '2': 35, '3': 35 });
export const COPINE_IN_C = categorical({ '4': 35, '5': 35, '6': 30 });
/** catB: COPINE 7 without penetration, or 8. */
export const COPINE_IN_B = categorical({ '7': 55, '8': 45 });
/** catA: COPINE 7 with penetration, 9 or 10. */
export const COPINE_IN_A = categorical({ '7': 45, '9': 45, '10': 10 });
/** Penetration coded `yes` for COPINE 10 (the level covers more than penetrative activity; assumption). */
export const P_PENETRATION_COPINE_10 = 0.6;

// ---------------------------------------------------------------- identification (DESIGN.md ≈ 47% of victims identified)

/**
 * Time to identification, from the day the material surfaced: a cure model. A series is ever
 * identifiable with probability P_IDENTIFIABLE (times a regional factor); then its delay is, with
 * probability P_FAST, uniform over FAST_DAYS (identified within weeks, e.g. the offender was already
 * known), else log-normal with median DELAY_MEDIAN_DAYS and log-scale sd DELAY_SIGMA (right-skewed,
 * median about 1.3 years). Identifications after SYNTH_END_DATE are not yet known (censored), so
 * recent years have fewer identified series. P_IDENTIFIABLE is calibrated so that about 47% of victim
 * records are identified (DESIGN.md, INTERPOL 2018).
 */
export const P_IDENTIFIABLE = 0.77;
export const P_FAST = 0.08;
export const FAST_DAYS = [3, 60] as const;
export const DELAY_MEDIAN_DAYS = 900;
export const DELAY_SIGMA = 1.1;
/** In an identified series, each further victim is identified too with this probability (assumption). */
export const P_COVICTIM_IDENTIFIED = 0.88;
/** …on the same day with this probability, else after an exponential delay with mean COVICTIM_DELAY_DAYS. */
export const P_COVICTIM_SAME_DAY = 0.7;
export const COVICTIM_DELAY_DAYS = 45;

// ---------------------------------------------------------------- series flags

/** Self-generated share rises from 3% of series surfacing in 2010 to 25% in 2025 (assumption), scaled by age group. */
export const SELF_GENERATED_FIRST = 0.03;
export const SELF_GENERATED_LAST = 0.25;
export const SELF_GENERATED_AGE_FACTOR = { infantToddler: 0, prepubescent: 0.5, pubescent: 2.2, multiple: 0.8, notDeterminable: 1 } as const;
/** Paraphilic-themes flag: base rate, plus this much when a victim is in catA (assumption). */
export const P_PARAPHILIC = 0.05;
export const P_PARAPHILIC_CAT_A = 0.07;

/** Relation of the victim to the offender (assumption: mostly known to the child; online-only for self-generated material). */
export const RELATION = categorical({ parentOrCarer: 33, otherFamily: 14, knownNonFamily: 27, onlineOnly: 9, stranger: 5, notDeterminable: 12 });
export const RELATION_SELF_GENERATED = categorical({ parentOrCarer: 2, otherFamily: 2, knownNonFamily: 10, onlineOnly: 70, stranger: 4, notDeterminable: 12 });
/** For unidentified victims the relation is less often determinable (share of extra not-determinable codes). */
export const RELATION_UNIDENTIFIED_ND = 0.2;

// ---------------------------------------------------------------- offenders (assumption: mostly male adults)

export const OFFENDER_VISIBLE = categorical({ yes: 60, no: 35, notDeterminable: 5 });
export const OFFENDER_VISIBLE_SELF_GENERATED = categorical({ yes: 15, no: 80, notDeterminable: 5 });
export const OFFENDER_GENDER_VISIBLE = categorical({ male: 92, female: 5, notDeterminable: 3 });
export const OFFENDER_GENDER_HIDDEN = categorical({ male: 60, female: 2, notDeterminable: 38 });
export const OFFENDER_AGE_VISIBLE = categorical({ adult: 90, adolescent: 6, notDeterminable: 4 });
export const OFFENDER_AGE_HIDDEN = categorical({ adult: 50, adolescent: 5, notDeterminable: 45 });
/** Offender ethnicity: same as the series' victims with this probability when visible, else drawn from ETHNICITY. */
export const P_OFFENDER_SAME_ETHNICITY = 0.75;
export const OFFENDER_ETHNICITY_ND_VISIBLE = 0.03;
export const OFFENDER_ETHNICITY_ND_HIDDEN = 0.7;

/** Whether an offender was identified, by the series' identification status (assumption). */
export const OFFENDER_IDENTIFIED_IF_IDENTIFIED = categorical({ yes: 85, no: 10, notDeterminable: 5 });
export const OFFENDER_IDENTIFIED_IF_UNIDENTIFIED = categorical({ yes: 8, no: 85, notDeterminable: 7 });

// ---------------------------------------------------------------- media counts (counts only)

/** Image files per series: log-normal, median 35, log-sd 1.6, capped (assumption). */
export const IMAGES_MEDIAN = 35;
export const IMAGES_SIGMA = 1.6;
/** Video files: none with P_NO_VIDEO (P_NO_VIDEO_SELF_GENERATED for self-generated), else 1 + log-normal median 2. */
export const P_NO_VIDEO = 0.55;
export const P_NO_VIDEO_SELF_GENERATED = 0.25;
export const VIDEOS_MEDIAN = 2;
export const VIDEOS_SIGMA = 1.2;
export const MAX_MEDIA_COUNT = 100_000;

// ---------------------------------------------------------------- countries of abuse

/** Confirmed country of abuse: known for identified series (else ZZ with this rate), rarely for unidentified ones. */
export const P_CONFIRMED_COUNTRY_UNIDENTIFIED = 0.08;
/** Suspected country of abuse of unidentified series: right, wrong (another country), or ZZ. */
export const SUSPECTED_COUNTRY = categorical({ right: 60, wrong: 15, unknown: 25 });
/** Contributing country is the country of abuse with this probability, else a contributor drawn from CONTRIBUTORS. */
export const P_CONTRIBUTOR_IS_ABUSE_COUNTRY = 0.6;
