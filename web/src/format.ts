import type { IndicatorDefinition } from './types.ts';

const int = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const dec1 = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pct1 = new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A value of an indicator in its unit: shares as percentages, counts whole, times in years. */
export function formatValue(unit: IndicatorDefinition['unit'] | string, v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  switch (unit) {
    case 'share':
      return pct1.format(v);
    case 'count':
      return int.format(v);
    case 'median-time':
      return `${dec1.format(v)} y`;
    default:
      return dec1.format(v);
  }
}

export function formatInterval(unit: IndicatorDefinition['unit'] | string, lo: number | null, hi: number | null): string {
  if (lo === null && hi === null) return '—';
  return `${formatValue(unit, lo)} – ${formatValue(unit, hi)}`;
}

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : int.format(n);
}

export function formatCoefficient(v: number | null | undefined): string {
  return v === null || v === undefined || Number.isNaN(v) ? '—' : v.toFixed(2);
}

export function formatTime(t: string | null | undefined): string {
  return t ? `${t.slice(0, 16).replace('T', ' ')} UTC` : '—';
}
