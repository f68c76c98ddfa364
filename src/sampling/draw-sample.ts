import { allocate } from './allocation.ts';
import type { SamplingDesign } from './design.ts';
import { canonicalFrame, hashCanonicalFrame } from './frame.ts';
import type { FrameInput } from './frame.ts';
import type { SampledUnit, Sample, StratumAllocation } from './sample.ts';
import { SAMPLING_PRNG, SamplingRandom } from './seeded-random.ts';

/**
 * Selects k of the given ids (already sorted) by a partial Fisher–Yates shuffle (Durstenfeld
 * 1964; Knuth, TAOCP vol. 2, §3.4.2, Algorithm P, stopped after k steps): for i = 0 … k − 1 swap
 * position i with a uniform position in [i, N). Every k-subset is equally likely. Uses exactly k
 * integer draws (plus rejections). Mutates its own copy; returns the selection sorted by id.
 */
function selectWithoutReplacement(sortedIds: readonly string[], k: number, random: SamplingRandom): string[] {
  const pool = sortedIds.slice();
  const N = pool.length;
  for (let i = 0; i < k; i++) {
    const j = i + random.int(N - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  const chosen = pool.slice(0, k);
  chosen.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return chosen;
}

/**
 * Draws a sample from a frame under a design with a seed.
 *
 * The frame is first put in canonical order (ids sorted; see canonicalFrame), so the same frame
 * in any input order, with the same design and seed, gives the same sample. One MT19937 stream
 * (see SamplingRandom) serves the whole sample; strata are visited in label order (UTF-16
 * code-unit order) and each stratum's n_h units are selected from its sorted ids by a partial
 * Fisher–Yates shuffle. Sizes per stratum come from allocate(). The order of draws is part of the
 * sample's definition: changing it is allowed between versions of Vindex, never within one.
 *
 * Every selected unit gets π = n_h/N_h, weight N_h/n_h and N_h. A stratum with n_h = 0 has no
 * units in the sample (its allocation entry still records N_h). Throws a RangeError on a bad
 * frame, design or seed; a stratified design needs stratum labels in the frame, and Neyman
 * allocation a standard deviation for every stratum label in the frame.
 */
export function drawSample(frame: FrameInput, design: SamplingDesign, seed: number): Sample {
  const random = new SamplingRandom(seed);
  const canonical = canonicalFrame(frame);
  const N = canonical.ids.length;

  let strata: { label: string | null; ids: string[] }[];
  let sizes: number[];
  if (design.kind === 'srs') {
    if (!Number.isInteger(design.n) || design.n < 0 || design.n > N) throw new RangeError(`sample size must be a whole number from 0 to ${N} (the frame size)`);
    strata = [{ label: null, ids: canonical.ids.slice() }];
    sizes = [design.n];
  } else if (design.kind === 'stratified') {
    if (canonical.strata === null) throw new RangeError('a stratified design needs a stratum label for every unit of the frame');
    const groups = new Map<string, string[]>();
    canonical.ids.forEach((id, i) => {
      const label = (canonical.strata as readonly string[])[i];
      const group = groups.get(label);
      if (group === undefined) groups.set(label, [id]);
      else group.push(id);
    });
    const labels = [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    strata = labels.map((label) => ({ label, ids: groups.get(label) as string[] }));
    let standardDeviations: number[] | undefined;
    if (design.allocation === 'neyman') {
      const sd = design.standardDeviations;
      if (sd === undefined) throw new RangeError('Neyman allocation needs standardDeviations');
      standardDeviations = labels.map((label) => {
        if (!Object.prototype.hasOwnProperty.call(sd, label)) throw new RangeError(`no standard deviation for stratum ${label}`);
        return sd[label];
      });
    }
    sizes = allocate({
      populationSizes: strata.map((s) => s.ids.length),
      n: design.n,
      rule: design.allocation,
      ...(standardDeviations !== undefined ? { standardDeviations } : {}),
      ...(design.minimumPerStratum !== undefined ? { minimumPerStratum: design.minimumPerStratum } : {}),
    });
  } else {
    throw new RangeError(`unknown design kind: ${String((design as { kind: unknown }).kind)}`);
  }

  const allocation: StratumAllocation[] = [];
  const units: SampledUnit[] = [];
  strata.forEach((stratum, h) => {
    const Nh = stratum.ids.length;
    const nh = sizes[h];
    allocation.push(Object.freeze({ stratum: stratum.label, populationSize: Nh, sampleSize: nh }));
    const pi = nh / Nh;
    for (const id of selectWithoutReplacement(stratum.ids, nh, random)) {
      units.push(Object.freeze({ id, stratum: stratum.label, inclusionProbability: pi, weight: Nh / nh, stratumSize: Nh }));
    }
  });

  return Object.freeze({
    design: freezeDesign(design),
    frameHash: hashCanonicalFrame(canonical),
    frameSize: N,
    prng: SAMPLING_PRNG,
    seed,
    allocation: Object.freeze(allocation),
    units: Object.freeze(units),
  });
}

function freezeDesign(design: SamplingDesign): SamplingDesign {
  if (design.kind === 'srs') return Object.freeze({ kind: 'srs', n: design.n });
  return Object.freeze({
    kind: 'stratified',
    n: design.n,
    allocation: design.allocation,
    ...(design.minimumPerStratum !== undefined ? { minimumPerStratum: design.minimumPerStratum } : {}),
    ...(design.standardDeviations !== undefined ? { standardDeviations: Object.freeze({ ...design.standardDeviations }) } : {}),
  });
}
