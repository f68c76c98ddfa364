/**
 * Text widths for laying out charts without a canvas. Vega measures label widths to size axes and
 * legends; in Node without the `canvas` package it guesses 0.8 em per character, which reserves
 * far too much room, and with `canvas` the result depends on the fonts installed. We measure with
 * the Helvetica advance widths instead (Adobe AFM, 1/1000 em; Arial and Liberation Sans share
 * them), so layout is identical on every machine and fits the `Helvetica, Arial, sans-serif` stack
 * the charts ask for.
 */
import * as vega from 'vega';

/** Advance widths of ASCII 32..126 in Helvetica, 1/1000 em. */
const ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space … /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 … ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ … O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P … _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` … o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p … ~
];
const OTHER: Readonly<Record<string, number>> = { '–': 556, '—': 1000, '×': 584, '…': 1000, '’': 222, '‘': 222, '≥': 549, '≤': 549, '²': 333, 'χ': 549, 'é': 556, 'è': 556, ' ': 278 };
/** Bold Helvetica is about 6% wider on average. */
const BOLD = 1.06;

/** Width in pixels of `text` at `size` px, Helvetica metrics. */
export function helveticaWidth(text: string, size: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code <= 126 ? ASCII[code - 32]! : (OTHER[ch] ?? 556);
  }
  return (units * size * (bold ? BOLD : 1)) / 1000;
}

interface TextItem {
  readonly text?: unknown;
  readonly fontSize?: number;
  readonly fontWeight?: string | number;
}

interface TextMetrics {
  width: (item: TextItem, text?: unknown) => number;
}

const metrics = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;

function itemWidth(item: TextItem, text?: unknown): number {
  const value = text === undefined || text === null ? item.text : text;
  const s = Array.isArray(value) ? value.map(String).reduce((a, b) => (a.length >= b.length ? a : b), '') : String(value ?? '');
  const size = item.fontSize ?? 11;
  const bold = item.fontWeight === 'bold' || (typeof item.fontWeight === 'number' && item.fontWeight >= 600);
  return helveticaWidth(s.trim(), size, bold);
}

let depth = 0;
let saved: TextMetrics['width'] | undefined;

/**
 * Runs `work` with Vega measuring text by Helvetica metrics, restoring Vega's own measure after.
 * Vega's text measure is process-wide; nesting and overlapping calls are counted.
 */
export async function withHelveticaMetrics<T>(work: () => Promise<T>): Promise<T> {
  if (depth++ === 0) {
    saved = metrics.width;
    metrics.width = itemWidth;
  }
  try {
    return await work();
  } finally {
    if (--depth === 0 && saved) metrics.width = saved;
  }
}
