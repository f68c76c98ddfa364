/**
 * The stable ascending order of a set of finite numbers: a permutation `o` with
 * values[o[0]] ≤ values[o[1]] ≤ …, ties kept in input order. LSD radix sort on the IEEE-754 bits
 * (Knuth, TAOCP vol. 3, §5.2.5) with 16-bit digits, skipping digits that are the same for every
 * value — linear time, several times faster than a comparator sort of indices for the 10⁶-row
 * inputs of the Cox fit. −0 sorts as +0. NaN is the caller's to exclude.
 */
export function ascendingOrder(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  // Map each double to an unsigned key with the same order: flip all bits of negatives, and the
  // sign bit of non-negatives.
  const view = new DataView(new ArrayBuffer(8));
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    view.setFloat64(0, v === 0 ? 0 : v, true);
    let h = view.getUint32(4, true);
    let l = view.getUint32(0, true);
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    hi[i] = h;
    lo[i] = l;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let spare = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(key[i] >>> shift) & 0xffff]++;
    let used = 0;
    for (let d = 0; d < 65536 && used < 2; d++) if (count[d] > 0) used++;
    if (used < 2) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k];
      spare[count[(key[i] >>> shift) & 0xffff]++] = i;
    }
    const swap = order;
    order = spare;
    spare = swap;
  }
  return order;
}
