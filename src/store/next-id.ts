/**
 * The next free id `<prefix><k>` (s1, s2, … for samples; r1, r2, … for coding rounds): one more
 * than the largest k among the ids of that form in use; other ids are ignored.
 */
export function nextId(prefix: string, ids: readonly string[]): string {
  let max = 0;
  for (const id of ids) {
    if (!id.startsWith(prefix)) continue;
    const k = id.slice(prefix.length);
    if (/^\d+$/.test(k)) max = Math.max(max, Number(k));
  }
  return `${prefix}${max + 1}`;
}
