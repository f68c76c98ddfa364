import { dayOf } from './dates.ts';
import { categorical, type Categorical } from './random.ts';

/**
 * The source databases of the synthetic data. They are invented: the codes, coverage and scales do
 * not describe any real agency; they make the overlap and the crosswalks realistic enough to test
 * linkage, capture–recapture and harmonisation.
 *
 * Each latent series (the material as it exists) is held by each source independently with that
 * source's capture probability; every source that holds it writes its own series record, under its
 * own identifiers, with its own first-seen date (the day the material surfaced plus the source's
 * exponential lag). Series no source holds are the unseen population that estimation must recover.
 */

export type SourceKind = 'international' | 'national' | 'hotline';
export type ScaleCode = 'copine' | 'sap' | 'uk';

export interface SynthSource {
  readonly code: string;
  readonly kind: SourceKind;
  /** For national databases: the country whose series they hold (abused or contributed there). */
  readonly home?: string;
  /** Probability of holding a series (for national databases: one not linked to `home`). */
  readonly pCapture: number;
  /** National databases: probability of holding a series abused in, or contributed by, `home`. */
  readonly pHome?: number;
  /** Hotlines: probability of holding a self-generated series. */
  readonly pSelfGenerated?: number;
  /** Mean lag in days from the material surfacing to this source's first-seen date (exponential). */
  readonly meanLagDays: number;
  /** Where `series.country` comes from: the contributing country, the national database's own country, or the reporter (ZZ when unknown). */
  readonly countryRule: 'contributor' | 'home' | 'reporter';
  /** The severity scale a source records on; may change from a date on (`scaleFrom`). */
  readonly scale: ScaleCode;
  readonly scaleFrom?: { readonly day: number; readonly scale: ScaleCode };
  readonly provenance: Categorical;
}

const NATIONAL_PROVENANCE = categorical({ databaseMetadata: 70, hashExport: 25, notDeterminable: 5 });

/** In writing order: the international database first. */
export const SOURCES: readonly SynthSource[] = [
  {
    code: 'ICSE', kind: 'international', pCapture: 0.85, meanLagDays: 120, countryRule: 'contributor', scale: 'copine',
    provenance: categorical({ visual: 60, databaseMetadata: 35, notDeterminable: 5 }),
  },
  { code: 'NAT-US', kind: 'national', home: 'US', pCapture: 0.02, pHome: 0.7, meanLagDays: 30, countryRule: 'home', scale: 'copine', provenance: NATIONAL_PROVENANCE },
  {
    code: 'NAT-GB', kind: 'national', home: 'GB', pCapture: 0.02, pHome: 0.7, meanLagDays: 30, countryRule: 'home', scale: 'sap',
    // The Sentencing Council's A/B/C categories replaced the SAP levels from 1 April 2014.
    scaleFrom: { day: dayOf('2014-04-01'), scale: 'uk' }, provenance: NATIONAL_PROVENANCE,
  },
  { code: 'NAT-DE', kind: 'national', home: 'DE', pCapture: 0.02, pHome: 0.65, meanLagDays: 45, countryRule: 'home', scale: 'sap', provenance: NATIONAL_PROVENANCE },
  { code: 'NAT-AU', kind: 'national', home: 'AU', pCapture: 0.02, pHome: 0.65, meanLagDays: 30, countryRule: 'home', scale: 'copine', provenance: NATIONAL_PROVENANCE },
  {
    code: 'HOTLINE', kind: 'hotline', pCapture: 0.1, pSelfGenerated: 0.2, meanLagDays: 10, countryRule: 'reporter', scale: 'uk',
    provenance: categorical({ hashExport: 60, databaseMetadata: 35, notDeterminable: 5 }),
  },
];

/** Probability that a hotline record knows the reporter's country (else ZZ). */
export const P_REPORTER_COUNTRY_KNOWN = 0.7;

/** The capture probability of a source for a series with these traits. */
export function captureProbability(s: SynthSource, abuseCountry: string, contributor: string, selfGenerated: boolean): number {
  if (s.home !== undefined && (abuseCountry === s.home || contributor === s.home)) return s.pHome ?? s.pCapture;
  if (selfGenerated && s.pSelfGenerated !== undefined) return s.pSelfGenerated;
  return s.pCapture;
}

/** The scale a source records on for a series first seen on `day`. */
export function scaleOf(s: SynthSource, day: number): ScaleCode {
  return s.scaleFrom !== undefined && day >= s.scaleFrom.day ? s.scaleFrom.scale : s.scale;
}
