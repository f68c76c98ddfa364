import type { CategorySet } from './types.ts';

/**
 * Severity scales and the crosswalks to the harmonised scale.
 *
 * Sources: Taylor, Holland & Quayle (2001) for COPINE levels 1–10; the Sentencing Advisory Panel
 * (2002) levels 1–5 (R v Oliver); the Sentencing Council (2014) categories A/B/C. The published
 * COPINE→SAP mapping is 4–6 → 1, 7 → 2, 8 → 3, 9 → 4, 10 → 5 (1–3 are outside SAP). There is no
 * official table to the UK categories: the mapping below follows their definitions (penetrative
 * activity, sadism or animals → A; other sexual activity → B; other indecent images → C).
 * COPINE 7 (explicit activity without an adult) may or may not be penetrative, so it maps to A
 * or B by the `victim.penetration` code; when that is not determinable it maps to B, the lower
 * bound, and is flagged ambiguous so analyses can exclude or bound it.
 */

export type SeverityScale = 'copine' | 'sap' | 'uk';

export const SEVERITY_SCALE: CategorySet = {
  id: 'severityScale',
  title: 'Scale on which severity was recorded',
  ordered: false,
  notDeterminable: 'notDeterminable',
  categories: [
    { code: 'copine', label: 'COPINE levels 1–10 (the study scale)' },
    { code: 'sap', label: 'SAP levels 1–5 (Sentencing Advisory Panel)', aliases: ['oliver'] },
    { code: 'uk', label: 'UK Sentencing Council categories A/B/C', aliases: ['ukSentencing', 'uk-sentencing'] },
    { code: 'notDeterminable', label: 'Not determinable', aliases: ['nd', 'unknown'] },
  ],
};

/** The harmonised scale used for comparison across sources, lowest first. */
export const HARMONISED_SEVERITY: CategorySet = {
  id: 'harmonisedSeverity',
  title: 'Harmonised severity (highest recorded)',
  ordered: true,
  notDeterminable: 'notDeterminable',
  categories: [
    { code: 'indicative', label: 'Indicative, not indecent (COPINE 1–3)', description: 'No sexual content; below the threshold of the SAP and UK scales.' },
    { code: 'catC', label: 'C: indecent, no sexual activity', aliases: ['c'], description: 'COPINE 4–6, SAP 1, UK C.' },
    { code: 'catB', label: 'B: non-penetrative sexual activity', aliases: ['b'], description: 'COPINE 7 (non-penetrative) and 8, SAP 2–3, UK B.' },
    { code: 'catA', label: 'A: penetrative activity, sadism or animals', aliases: ['a'], description: 'COPINE 7 (penetrative), 9–10, SAP 4–5, UK A.' },
    { code: 'notDeterminable', label: 'Not determinable', aliases: ['nd', 'unknown'] },
  ],
};

export type HarmonisedSeverity = 'indicative' | 'catC' | 'catB' | 'catA' | 'notDeterminable';

/** Valid codes per scale (as stored: COPINE '1'..'10', SAP '1'..'5', UK 'A' | 'B' | 'C'). */
export const SCALE_CODES: Readonly<Record<SeverityScale, readonly string[]>> = {
  copine: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
  sap: ['1', '2', '3', '4', '5'],
  uk: ['C', 'B', 'A'],
};

export const COPINE_TO_SAP: Readonly<Record<string, string | null>> = {
  '1': null, '2': null, '3': null, '4': '1', '5': '1', '6': '1', '7': '2', '8': '3', '9': '4', '10': '5',
};

const SAP_TO_HARMONISED: Readonly<Record<string, HarmonisedSeverity>> = { '1': 'catC', '2': 'catB', '3': 'catB', '4': 'catA', '5': 'catA' };
const UK_TO_HARMONISED: Readonly<Record<string, HarmonisedSeverity>> = { C: 'catC', B: 'catB', A: 'catA' };

export interface HarmonisedResult {
  readonly severity: HarmonisedSeverity;
  /** True when the mapping could not decide between two categories and took the lower one. */
  readonly ambiguous: boolean;
}

/** Maps a code on a named scale to the harmonised scale; `penetration` resolves COPINE 7. */
export function harmonise(scale: SeverityScale | 'notDeterminable', code: string, penetration: 'yes' | 'no' | 'notDeterminable'): HarmonisedResult {
  if (scale === 'notDeterminable' || code === 'notDeterminable') return { severity: 'notDeterminable', ambiguous: false };
  if (scale === 'copine') {
    const level = Number(code);
    if (level <= 3) return { severity: 'indicative', ambiguous: false };
    if (level <= 6) return { severity: 'catC', ambiguous: false };
    if (level === 7) {
      if (penetration === 'yes') return { severity: 'catA', ambiguous: false };
      return { severity: 'catB', ambiguous: penetration !== 'no' };
    }
    if (level === 8) return { severity: 'catB', ambiguous: false };
    return { severity: 'catA', ambiguous: false };
  }
  const table = scale === 'sap' ? SAP_TO_HARMONISED : UK_TO_HARMONISED;
  const severity = table[code];
  if (!severity) throw new RangeError(`no ${scale} code ${code}`);
  return { severity, ambiguous: false };
}
