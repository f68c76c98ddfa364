/**
 * Seeded synthetic coded metadata (codes, counts, dates, countries and made-up identifiers only;
 * never imagery or descriptions) in Vindex's record import format, for demos, tests and benchmarks.
 * docs/synthetic-data.md describes every distribution and its source.
 */
export { writeSynthetic, writeSyntheticFile, targetOf, type SynthOptions, type SynthSummary } from './write.ts';
export { synthesize, type SynthRecord } from './records.ts';
export { CORRUPT_KINDS, CORRUPTIONS, type Corruption, type CorruptionReport, type CorruptKind, type CorruptPlace } from './corrupt.ts';
export { type SynthFormat } from './encode.ts';
export { type SynthCounts, type SynthTarget } from './generate.ts';
export { SOURCES, type SynthSource } from './sources.ts';
export { SYNTH_END_DATE } from './model.ts';
export { MAX_SEED } from './random.ts';
