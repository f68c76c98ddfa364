import { createHash } from 'node:crypto';

/** The units a sample is drawn from: ids, and optionally the stratum label of each unit (same order). */
export interface FrameInput {
  readonly ids: readonly string[];
  readonly strata?: readonly string[];
}

/** A frame in canonical order: units sorted by id (UTF-16 code-unit order, as Array#sort). */
export interface CanonicalFrame {
  readonly ids: readonly string[];
  /** Stratum label per unit in canonical order, or null for an unstratified frame. */
  readonly strata: readonly string[] | null;
}

/**
 * Puts a frame in canonical order, so that the same units in any input order give the same frame
 * (and so the same sample and hash). Ids are compared by UTF-16 code units, never by locale.
 * Throws a RangeError on an empty frame, a duplicate or empty id, or a strata array whose length
 * differs from the ids'.
 */
export function canonicalFrame(frame: FrameInput): CanonicalFrame {
  const { ids, strata } = frame;
  if (ids.length === 0) throw new RangeError('the frame has no units');
  if (strata !== undefined && strata.length !== ids.length) {
    throw new RangeError(`the frame has ${ids.length} ids but ${strata.length} stratum labels`);
  }
  const order = ids.map((_, i) => i);
  order.sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  const sortedIds = order.map((i) => ids[i]);
  for (let i = 0; i < sortedIds.length; i++) {
    if (typeof sortedIds[i] !== 'string' || sortedIds[i] === '') throw new RangeError('unit ids must be non-empty strings');
    if (i > 0 && sortedIds[i] === sortedIds[i - 1]) throw new RangeError(`duplicate unit id in the frame: ${sortedIds[i]}`);
  }
  const sortedStrata = strata === undefined ? null : order.map((i) => strata[i]);
  if (sortedStrata !== null && sortedStrata.some((s) => typeof s !== 'string')) throw new RangeError('stratum labels must be strings');
  return Object.freeze({ ids: Object.freeze(sortedIds), strata: sortedStrata === null ? null : Object.freeze(sortedStrata) });
}

/** Version tag hashed first, so a change of serialisation changes every hash. */
const FRAME_HASH_VERSION = 'vindex-frame/1';

/**
 * SHA-256 (hex) of the canonical frame: the line `vindex-frame/1`, then one line per unit in id
 * order holding JSON `[id, stratum]` (stratum null when the frame is unstratified), lines joined
 * by "\n", UTF-8. The same units and strata in any order give the same hash; any change of an id
 * or a stratum label changes it.
 */
export function frameHash(ids: readonly string[], strata?: readonly string[]): string {
  const frame = canonicalFrame(strata === undefined ? { ids } : { ids, strata });
  return hashCanonicalFrame(frame);
}

/** frameHash of a frame already in canonical order. */
export function hashCanonicalFrame(frame: CanonicalFrame): string {
  const hash = createHash('sha256');
  hash.update(FRAME_HASH_VERSION);
  for (let i = 0; i < frame.ids.length; i++) {
    hash.update('\n' + JSON.stringify([frame.ids[i], frame.strata === null ? null : frame.strata[i]]));
  }
  return hash.digest('hex');
}
