/** A group label: a string or a finite number (1 and "1" are different groups). */
export type GroupLabel = string | number;

export interface GroupCodes {
  /** Per row, the index of its group in `levels`. */
  readonly codes: Uint32Array;
  /** The distinct labels in sorted order. */
  readonly levels: readonly GroupLabel[];
}

/**
 * Dense group codes 0…k−1 in sorted label order, like the levels of R's factor(): numbers
 * ascending, then strings by UTF-16 code unit (R's order under C collation). A label that is
 * neither a string nor a finite number throws a RangeError.
 */
export function encodeGroups(group: ArrayLike<GroupLabel>): GroupCodes {
  const n = group.length;
  const codes = new Uint32Array(n);
  const firstSeen = new Map<GroupLabel, number>();
  const labels: GroupLabel[] = [];
  for (let i = 0; i < n; i++) {
    const label = group[i];
    let code = firstSeen.get(label);
    if (code === undefined) {
      if (!(typeof label === 'string' || (typeof label === 'number' && Number.isFinite(label)))) {
        throw new RangeError(`group[${i}] must be a string or a finite number; got ${String(label)}`);
      }
      code = labels.length;
      labels.push(label);
      firstSeen.set(label, code);
    }
    codes[i] = code;
  }
  const sorted = labels.map((_, i) => i).sort((a, b) => compareLabels(labels[a], labels[b]));
  const rank = new Uint32Array(labels.length);
  sorted.forEach((code, r) => (rank[code] = r));
  for (let i = 0; i < n; i++) codes[i] = rank[codes[i]];
  return { codes, levels: Object.freeze(sorted.map((code) => labels[code])) };
}

export function compareLabels(a: GroupLabel, b: GroupLabel): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
