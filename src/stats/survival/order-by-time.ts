/**
 * Index sort of survival times: the row indices in increasing time order (order within ties
 * unspecified). An LSD radix sort on the IEEE-754 bits (16-bit digits, passes where every key
 * shares the digit skipped), which orders non-negative doubles like their values; small inputs
 * use a comparison sort. Times must be finite and ≥ 0 (callers validate); −0 sorts as 0.
 */
export function orderByTime(time: ArrayLike<number>): Uint32Array {
  const n = time.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < RADIX_MIN || !LITTLE_ENDIAN) return order.sort((a, b) => time[a] - time[b]);

  const keys = new Float64Array(n);
  // + 0 turns −0 into +0, whose bit pattern is the smallest.
  for (let i = 0; i < n; i++) keys[i] = time[i] + 0;
  const words = new Uint32Array(keys.buffer); // words[2i] low half, words[2i + 1] high half
  const count = new Uint32Array(BUCKETS);
  let src = order;
  let dst = new Uint32Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(words[2 * i + word] >>> shift) & 0xffff]++;
    if (count[(words[word] >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    // Stable scatter into dst (mutated in place; src and dst swap roles each pass).
    for (let i = 0; i < n; i++) {
      const row = src[i];
      dst[count[(words[2 * row + word] >>> shift) & 0xffff]++] = row;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

const BUCKETS = 65536;
// Below this a comparison sort beats four passes over 65,536 buckets.
const RADIX_MIN = 4096;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
