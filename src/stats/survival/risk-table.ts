import { orderByTime } from './order-by-time.ts';

/**
 * Right-censored rows collapsed to their distinct times: for each time, one entry per group
 * present with its events and removals (events + censorings). A group's number at risk at a
 * time is its size less the removals at earlier times, so a censoring tied with an event counts
 * at risk at that time, as in survival::survfit and survdiff. Flat typed arrays, no per-row
 * objects.
 */
export interface RiskTable {
  readonly nGroups: number;
  /** Rows per group. */
  readonly groupSize: Uint32Array;
  /** Distinct times, increasing. */
  readonly times: Float64Array;
  /** Entries of times[i] are entryStart[i] … entryStart[i + 1] − 1 (length times.length + 1). */
  readonly entryStart: Uint32Array;
  readonly entryGroup: Uint32Array;
  readonly entryEvents: Uint32Array;
  readonly entryRemoved: Uint32Array;
}

/**
 * One sort by time and one pass. `time` finite and ≥ 0, `event` 0 or 1, `codes` (or null for a
 * single group) below `nGroups`; anything else throws a RangeError naming the row. No rows throws.
 */
export function riskTable(time: ArrayLike<number>, event: ArrayLike<number>, codes: Uint32Array | null, nGroups: number): RiskTable {
  const n = time.length;
  if (n === 0) throw new RangeError('no observations');
  if (event.length !== n) throw new RangeError(`event has ${event.length} values but time has ${n}`);
  if (codes && codes.length !== n) throw new RangeError(`group has ${codes.length} values but time has ${n}`);
  const groupSize = new Uint32Array(nGroups);
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (!(t >= 0 && t < Infinity)) throw new RangeError(`time[${i}] must be a finite number ≥ 0; got ${t}`);
    const e = event[i];
    if (e !== 0 && e !== 1) throw new RangeError(`event[${i}] must be 0 or 1; got ${e}`);
    groupSize[codes ? codes[i] : 0]++;
  }

  const order = orderByTime(time);
  const times = new Float64Array(n);
  const entryStart = new Uint32Array(n + 1);
  const entryGroup = new Uint32Array(n);
  const entryEvents = new Uint32Array(n);
  const entryRemoved = new Uint32Array(n);
  // Per-group tallies for the current time, reset after each time (mutated in place).
  const eventsAt = new Uint32Array(nGroups);
  const removedAt = new Uint32Array(nGroups);
  const touched = new Uint32Array(nGroups);
  let nTimes = 0;
  let nEntries = 0;
  let i = 0;
  while (i < n) {
    const t = time[order[i]];
    let nTouched = 0;
    for (; i < n; i++) {
      const row = order[i];
      if (time[row] !== t) break;
      const g = codes ? codes[row] : 0;
      if (removedAt[g] === 0) touched[nTouched++] = g;
      removedAt[g]++;
      eventsAt[g] += event[row];
    }
    times[nTimes] = t;
    entryStart[nTimes] = nEntries;
    for (let k = 0; k < nTouched; k++) {
      const g = touched[k];
      entryGroup[nEntries] = g;
      entryEvents[nEntries] = eventsAt[g];
      entryRemoved[nEntries] = removedAt[g];
      nEntries++;
      eventsAt[g] = 0;
      removedAt[g] = 0;
    }
    nTimes++;
  }
  entryStart[nTimes] = nEntries;
  return Object.freeze({
    nGroups,
    groupSize,
    times: times.slice(0, nTimes),
    entryStart: entryStart.slice(0, nTimes + 1),
    entryGroup: entryGroup.slice(0, nEntries),
    entryEvents: entryEvents.slice(0, nEntries),
    entryRemoved: entryRemoved.slice(0, nEntries),
  });
}
