export { ALLOCATION_RULES, REMAINDER_TIE, allocate } from './allocation.ts';
export type { AllocationInput, AllocationRule } from './allocation.ts';
export type { SamplingDesign, SimpleRandomDesign, StratifiedDesign } from './design.ts';
export { drawSample } from './draw-sample.ts';
export { canonicalFrame, frameHash, hashCanonicalFrame } from './frame.ts';
export type { CanonicalFrame, FrameInput } from './frame.ts';
export type { Sample, SampledUnit, StratumAllocation } from './sample.ts';
export { MAX_SAMPLING_SEED, SAMPLING_PRNG, SamplingRandom } from './seeded-random.ts';
