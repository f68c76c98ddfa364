/**
 * Checks the arguments shared by the binomial intervals: n a positive whole number, x a whole
 * number in [0, n], level in (0, 1). Throws RangeError naming the bad argument.
 */
export function checkBinomialArguments(x: number, n: number, level: number): void {
  if (!(n > 0) || !Number.isInteger(n)) throw new RangeError(`n must be a positive whole number, got ${n}`);
  if (!(x >= 0 && x <= n) || !Number.isInteger(x)) throw new RangeError(`x must be a whole number in [0, n], got ${x}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
}
