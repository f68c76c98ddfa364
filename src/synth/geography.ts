import { categorical, type Categorical } from './random.ts';

/**
 * Countries of the synthetic data (ISO 3166-1 alpha-2), weighted by the ethnicity of a series'
 * victims, so that countries and ethnicity agree plausibly. The weights are assumptions for a
 * realistic-looking spread over 60 countries in every region, not estimates of where abuse happens.
 */

export type Ethnicity = 'white' | 'hispanicLatino' | 'asian' | 'black' | 'other';

export const ABUSE_COUNTRY_BY_ETHNICITY: Readonly<Record<Ethnicity, Categorical>> = {
  white: categorical({
    US: 30, GB: 7, DE: 6, RU: 6, CA: 5, NL: 4, AU: 4, FR: 4, UA: 4, PL: 3, IT: 3, ES: 2, SE: 2, BR: 2, CZ: 1.5, RO: 1.5,
    BE: 1.5, AT: 1, NZ: 1, IE: 1, AR: 1, HU: 1, CH: 0.8, PT: 0.8, DK: 0.7, NO: 0.7, FI: 0.5, BY: 0.5, MD: 0.4, RS: 0.4,
  }),
  hispanicLatino: categorical({ US: 25, MX: 18, BR: 16, CO: 10, AR: 6, ES: 6, PE: 4, CL: 4, VE: 3, GT: 2, DO: 2, EC: 2 }),
  asian: categorical({ PH: 25, TH: 12, JP: 8, US: 8, KR: 6, VN: 6, ID: 6, IN: 6, KH: 5, CN: 4, MY: 3, TW: 2 }),
  black: categorical({ US: 35, ZA: 12, NG: 10, KE: 8, GB: 8, BR: 8, FR: 5, GH: 4, UG: 3, TZ: 3, CA: 2 }),
  other: categorical({ IN: 12, TR: 10, US: 10, EG: 6, PK: 6, GB: 6, DE: 6, MA: 5, SA: 4, IR: 4, IL: 4, AE: 3 }),
};

/** Countries contributing series found elsewhere (assumption: those connected to the international database with large units). */
export const CONTRIBUTORS = categorical({
  US: 35, GB: 10, DE: 8, NL: 6, CA: 6, AU: 6, FR: 5, ES: 3, IT: 3, BR: 3, SE: 3, DK: 2, NO: 2, JP: 2, NZ: 2, BE: 2, CH: 2,
});

/**
 * Countries with long-established victim-identification units (assumption); series abused elsewhere
 * are identifiable with probability multiplied by OTHER_COUNTRY_FACTOR, so identification rates
 * differ by country as the response index expects.
 */
export const HIGH_CAPACITY = new Set(['US', 'CA', 'GB', 'IE', 'DE', 'NL', 'BE', 'FR', 'CH', 'AT', 'ES', 'IT', 'PT', 'SE', 'DK', 'NO', 'FI', 'AU', 'NZ', 'JP', 'KR']);
export const OTHER_COUNTRY_FACTOR = 0.8;

/** Every country the generator can write (for tests: all must be valid ISO codes). */
export function allSynthCountries(): readonly string[] {
  const set = new Set<string>();
  for (const d of Object.values(ABUSE_COUNTRY_BY_ETHNICITY)) for (const c of d.codes) set.add(c);
  for (const c of CONTRIBUTORS.codes) set.add(c);
  return [...set].sort();
}
