import type { IndicatorDefinition } from './types.ts';

/** Known severity on the harmonised scale (the denominator of severity shares). */
const SEVERITY_KNOWN = ['indicative', 'catC', 'catB', 'catA'];
const AGE_KNOWN = ['infantToddler', 'prepubescent', 'pubescent', 'postPubescent'];
const ALL_DIMS = ['country', 'region', 'year', 'ageBand', 'gender', 'source'] as const;
const SERIES_DIMS = ['country', 'region', 'year', 'source'] as const;

const TIME = { start: 'series.firstSeen', event: 'series.identified', eventDate: 'series.identifiedOn' } as const;

function withinYears(h: number): IndicatorDefinition {
  return {
    id: `identified-within-${h}y`,
    title: `Series identified within ${h} year${h === 1 ? '' : 's'} of first sighting`,
    definition: `Share of series with a first identification no later than ${h} year${h === 1 ? '' : 's'} (${h} × 365.25 days) after the series was first seen, estimated by Kaplan–Meier so that series not (yet) identified count as censored at the data date rather than as failures.`,
    unit: 'share', entity: 'series', numerator: {}, denominator: null, disaggregations: SERIES_DIMS, interval: 'kaplan-meier',
    time: { ...TIME, horizonYears: h },
  };
}

/** The indicators of issue 5, shipped with Vindex. Validated at load like user definitions. */
export const SHIPPED_INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'victims-unidentified',
    title: 'Victims who remain unidentified',
    definition: 'Share of all recorded victims whose identification status is not "yes" (coded "no"); victims whose status is not determinable count in the denominator only.',
    unit: 'share', entity: 'victim', numerator: { 'victim.identified': ['no'] }, denominator: {}, disaggregations: ALL_DIMS, interval: 'wilson',
  },
  {
    id: 'unidentified-prepubescent',
    title: 'Unidentified victims who are prepubescent or younger',
    definition: 'Among unidentified victims whose age band could be determined, the share coded infant/toddler or prepubescent.',
    unit: 'share', entity: 'victim', numerator: { 'victim.ageBand': ['infantToddler', 'prepubescent'] }, denominator: { 'victim.identified': ['no'], 'victim.ageBand': AGE_KNOWN },
    disaggregations: ['country', 'region', 'year', 'gender', 'source'], interval: 'wilson',
  },
  {
    id: 'unidentified-boys',
    title: 'Unidentified victims who are boys',
    definition: 'Among unidentified victims whose gender could be determined, the share coded male.',
    unit: 'share', entity: 'victim', numerator: { 'victim.gender': ['male'] }, denominator: { 'victim.identified': ['no'], 'victim.gender': ['female', 'male'] },
    disaggregations: ['country', 'region', 'year', 'ageBand', 'source'], interval: 'wilson',
  },
  {
    id: 'victims-most-severe',
    title: 'Victims depicted in the most severe category (A)',
    definition: 'Among victims whose highest recorded severity could be mapped to the harmonised scale, the share whose highest severity is category A (penetrative activity, sadism or animals). A victim-level share, so it can be broken down by the victim\'s age band and gender.',
    unit: 'share', entity: 'victim', numerator: { 'victim.severity': ['catA'] }, denominator: { 'victim.severity': SEVERITY_KNOWN }, disaggregations: ALL_DIMS, interval: 'wilson',
  },
  {
    id: 'series-most-severe',
    title: 'Series with at least one victim in the most severe category (A)',
    definition: 'Among series with at least one victim whose severity could be mapped to the harmonised scale, the share with at least one victim whose highest severity is category A.',
    unit: 'share', entity: 'series', numerator: { 'victim.severity': ['catA'] }, denominator: { 'victim.severity': SEVERITY_KNOWN }, disaggregations: SERIES_DIMS, interval: 'wilson',
  },
  {
    id: 'series-visible-offender',
    title: 'Series with a visible offender',
    definition: 'Share of all series with at least one offender record coded visible; series without offender records count as having no visible offender.',
    unit: 'share', entity: 'series', numerator: { 'offender.visible': ['yes'] }, denominator: {}, disaggregations: SERIES_DIMS, interval: 'wilson',
  },
  {
    id: 'visible-offender-male',
    title: 'Series with a visible offender: a male visible offender',
    definition: 'Among series with at least one visible offender, the share with at least one visible offender coded male.',
    unit: 'share', entity: 'series', numerator: { 'offender.visible': ['yes'], 'offender.gender': ['male'] }, denominator: { 'offender.visible': ['yes'] }, disaggregations: SERIES_DIMS, interval: 'wilson',
  },
  {
    id: 'series-self-generated',
    title: 'Self-generated (youth-produced) series',
    definition: 'Among series whose self-generated flag is coded yes or no, the share coded yes.',
    unit: 'share', entity: 'series', numerator: { 'series.selfGenerated': ['yes'] }, denominator: { 'series.selfGenerated': ['yes', 'no'] }, disaggregations: SERIES_DIMS, interval: 'wilson',
  },
  {
    id: 'time-to-identification',
    title: 'Median time from first sighting to identification',
    definition: 'Median number of years from the date a series was first seen to its first identification, by Kaplan–Meier; series not identified are censored at the data date. "Not reached" when fewer than half are identified within the follow-up.',
    unit: 'median-time', entity: 'series', numerator: {}, denominator: null, disaggregations: SERIES_DIMS, interval: 'kaplan-meier', time: TIME,
  },
  withinYears(1),
  withinYears(2),
  withinYears(5),
  {
    id: 'series-by-abuse-country',
    title: 'Series by suspected country of abuse',
    definition: 'Number of series by the country where the abuse is suspected to have happened (ZZ: not determinable or not recorded).',
    unit: 'count', entity: 'series', numerator: {}, denominator: null, disaggregations: SERIES_DIMS, interval: 'poisson', countryVariable: 'series.abuseCountrySuspected',
  },
];
