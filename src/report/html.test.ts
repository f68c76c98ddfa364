import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.ts';
import { formatInterval, formatLevel, formatNumber, formatP, formatPercent } from './format.ts';
import { escapeHtml, html, joinHtml, trusted } from './html.ts';

describe('escapeHtml and the html tag', () => {
  it('escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('escapes interpolated text but not nested fragments', () => {
    const label = '<script>alert(1)</script>';
    const inner = html`<b>${label}</b>`;
    expect(html`<p>${inner} ${'"q"'}</p>`.value).toBe('<p><b>&lt;script&gt;alert(1)&lt;/script&gt;</b> &quot;q&quot;</p>');
  });

  it('renders lists, numbers and empty values', () => {
    expect(html`${[1, 'a&b', null, undefined, false, html`<i>x</i>`]}`.value).toBe('1a&amp;b<i>x</i>');
    expect(joinHtml(['<', trusted('<br>'), '>'], ' & ').value).toBe('&lt; &amp; <br> &amp; &gt;');
  });
});

describe('number formats', () => {
  it('groups thousands, fixes decimals and prints missing values as a dash', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(999, 0)).toBe('999');
    expect(formatNumber(-0.0001, 2)).toBe('0.00');
    expect(formatNumber(-12.5, 1)).toBe('−12.5');
    expect(formatNumber(Number.NaN)).toBe('–');
    expect(formatPercent(0.6195945945945946)).toBe('62.0');
    expect(formatInterval(0.5945810762490196, 0.6439888854511658)).toBe('59.5–64.4');
    expect(formatInterval(Number.NaN, 0.5)).toBe('–');
  });

  it('prints p-values as journals do', () => {
    expect(formatP(0)).toBe('< 0.001');
    expect(formatP(0.000999)).toBe('< 0.001');
    expect(formatP(0.001)).toBe('0.001');
    expect(formatP(0.0504)).toBe('0.050');
    expect(formatP(1)).toBe('1.000');
    expect(formatP(Number.NaN)).toBe('–');
  });

  it('prints confidence levels without float noise', () => {
    expect(formatLevel(0.95)).toBe('95%');
    expect(formatLevel(0.995)).toBe('99.5%');
    expect(formatLevel(0.9)).toBe('90%');
  });
});

describe('RFC 4180 CSV', () => {
  it('quotes fields with commas, quotes and line breaks, and ends lines with CRLF', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
    expect(toCsv(['x', 'y'], [[1, 'a,b']])).toBe('x,y\r\n1,"a,b"\r\n');
  });

  it('refuses rows of the wrong length', () => {
    expect(() => toCsv(['x', 'y'], [[1]])).toThrow(/row 1 has 1 fields/);
  });
});
