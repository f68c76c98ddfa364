import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Association, Profile, ProfileTable } from '../profile/types.ts';
import { FIXTURE_PROFILE } from './fixtures/profile.ts';
import { escapeHtml } from './html.ts';
import { writeReport, type WrittenReport } from './index.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vindex-report-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function render(profile: Profile, title?: string): Promise<{ page: string; written: WrittenReport; dir: string }> {
  const dir = await tempDir();
  const written = await writeReport(profile, title === undefined ? { outDir: dir } : { outDir: dir, title });
  return { page: await readFile(written.indexPath, 'utf8'), written, dir };
}

// Independent of src/report/format.ts on purpose: the report must print what these say.
const count = (n: number): string => n.toLocaleString('en-US');
const pct = (p: number): string => (100 * p).toFixed(1);
const reEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };
const text = (cell: string): string => cell.replace(/<[^>]+>/g, ' ').replace(/&(lt|gt|quot|#39|amp);/g, (e) => ENTITIES[e]!).replace(/\s+/g, ' ').trim();

/** The markup of `<section id="…">` up to its first nested or closing section tag. */
function sectionOf(page: string, id: string): string {
  const start = page.indexOf(`<section id="${id}"`);
  if (start < 0) throw new Error(`no section ${id}`);
  const end = page.indexOf('</section>', start);
  return page.slice(start, end);
}

/** The text of the cells of the body row headed `label`, in each table of `fragment`. */
function rowCells(fragment: string, label: string): string[][] {
  const re = new RegExp(`<tr[^>]*><th scope="row">${reEscape(escapeHtml(label))}(?:<span[^>]*>.*?</span>)?</th>(.*?)</tr>`, 'gs');
  return [...fragment.matchAll(re)].map((m) => [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => text(c[1]!)));
}

const groupKey = (t: { id: string; population: string }): string => t.id.slice(0, -t.population.length - 1);
const populationOrder = ['unidentified', 'identified', 'all'];

describe('writeReport on the fixture profile', () => {
  let page: string;
  let written: WrittenReport;
  let dir: string;
  beforeAll(async () => {
    ({ page, written, dir } = await render(FIXTURE_PROFILE));
  });

  it('matches the committed snapshot (HTML with its inline SVG)', async () => {
    await expect(page).toMatchFileSnapshot('./__snapshots__/fixture-report.html');
  });

  it('is deterministic: the same profile gives the same bytes, with the time from the manifest', async () => {
    const again = await render(FIXTURE_PROFILE);
    expect(again.page).toBe(page);
    expect(page).toContain('2025-06-30T12:00:00.000Z');
    expect(again.written.csvPaths.map((p) => relative(again.dir, p))).toEqual(written.csvPaths.map((p) => relative(dir, p)));
  });

  it('is self-contained: no network references, scripts, images, links or embeds', () => {
    expect(page).not.toMatch(/\s(?:src|href|xlink:href|action|poster|srcset)\s*=\s*["']?\s*(?:https?:|\/\/|data:|file:|javascript:)/i);
    expect(page).not.toMatch(/https:\/\//i);
    // The only http:// strings are the SVG namespace declarations.
    expect(page.match(/http:\/\/[^"]*/g)?.filter((u) => u !== 'http://www.w3.org/2000/svg' && u !== 'http://www.w3.org/1999/xlink') ?? []).toEqual([]);
    expect(page).not.toMatch(/<(?:script|img|link|iframe|object|embed|video|audio|source|image|base|form|foreignObject)\b/i);
    expect(page).not.toMatch(/@import|url\((?!#)/i);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`);
    // Links on the page go to the CSV files beside it, or to anchors.
    for (const m of page.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^(#[a-z0-9-]+|(tables|associations|comparisons)\/[a-z0-9-]+\.csv|manifest\.csv)$/);
  });

  it('is accessible: one h1, sections labelled by headings, tables with captions and scoped headers', () => {
    expect(page.match(/<h1[ >]/g)).toHaveLength(1);
    expect(page).toContain('<html lang="en">');
    const tables = page.match(/<table[\s\S]*?<\/table>/g) ?? [];
    // 10 distributions, the manifest, 2 × (tests + 3 contingency tables), the comparisons.
    expect(tables).toHaveLength(20);
    for (const t of tables) {
      expect(t).toMatch(/<caption>/);
      const ths = t.match(/<th\b[^>]*>/g) ?? [];
      for (const th of ths) expect(th).toMatch(/scope="(col|row|colgroup)"/);
    }
    for (const m of page.matchAll(/<section id="([^"]+)" aria-labelledby="([^"]+)">/g)) {
      expect(m[2]).toBe(`${m[1]}-title`);
      expect(page).toMatch(new RegExp(`<h[2-6] id="${m[2]}">`));
    }
  });

  it('says the data are synthetic and lists the manifest', () => {
    expect(page).toContain('Synthetic data.');
    const manifest = sectionOf(page, 'manifest');
    const m = FIXTURE_PROFILE.manifest;
    for (const value of [m.snapshotHash, m.codebookVersion, `Vindex ${m.softwareVersion}`, m.generatedAt, count(m.counts.victims), count(m.counts.series), count(m.counts.offenders), '95%']) {
      expect(manifest).toContain(value);
    }
    expect(manifest).toContain(escapeHtml(m.method));
  });

  it('prints every profile table with its counts, shares and intervals for every population', () => {
    const groups = new Map<string, ProfileTable[]>();
    for (const t of FIXTURE_PROFILE.tables) groups.set(groupKey(t), [...(groups.get(groupKey(t)) ?? []), t]);
    expect(groups.size).toBe(10);
    for (const [key, tables] of groups) {
      const section = sectionOf(page, `var-${key}`);
      expect(section).toContain(escapeHtml(tables[0]!.title));
      const ordered = [...tables].sort((a, b) => populationOrder.indexOf(a.population) - populationOrder.indexOf(b.population));
      for (const row of ordered[0]!.rows) {
        const cells = rowCells(section, row.label);
        expect(cells, `${key} ${row.label}`).toHaveLength(1);
        const expected = ordered.flatMap((t) => {
          const r = t.rows.find((x) => x.category === row.category)!;
          return [count(r.count), pct(r.share), `${pct(r.lower)}–${pct(r.upper)}`];
        });
        expect(cells[0], `${key} ${row.label}`).toEqual(expected);
      }
      const totals = rowCells(section, 'Total');
      expect(totals[0]!.filter((_, i) => i % 3 === 0)).toEqual(ordered.map((t) => count(t.total)));
    }
  });

  it('prints every association: contingency counts, χ², df, p and Cramér’s V', () => {
    const groups = new Map<string, Association[]>();
    for (const a of FIXTURE_PROFILE.associations) groups.set(groupKey(a), [...(groups.get(groupKey(a)) ?? []), a]);
    expect(groups.size).toBe(2);
    for (const [key, list] of groups) {
      const section = sectionOf(page, `assoc-${key}`);
      const contingency = section.split('<table class="data contingency">').slice(1);
      const ordered = [...list].sort((a, b) => populationOrder.indexOf(a.population) - populationOrder.indexOf(b.population));
      expect(contingency).toHaveLength(ordered.length);
      ordered.forEach((a, k) => {
        const label = (code: string): string => FIXTURE_PROFILE.tables.find((t) => t.variable === a.rowVariable)!.rows.find((r) => r.category === code)!.label;
        a.rowCategories.forEach((code, i) => {
          const cells = rowCells(contingency[k]!, label(code))[0]!;
          const counts = cells.map((c) => c.split(' ')[0]);
          const row = a.table[i]!;
          expect(counts, `${a.id} ${code}`).toEqual([...row, row.reduce((s, x) => s + x, 0)].map(count));
        });
        const tests = rowCells(section.split('<table class="data contingency">')[0]!, { unidentified: 'Unidentified', identified: 'Identified', all: 'All' }[a.population])[0]!;
        const n = a.table.flat().reduce((s, x) => s + x, 0);
        expect(tests, a.id).toEqual([count(n), a.chiSquare.toFixed(2), String(a.df), a.pValue < 0.001 ? '< 0.001' : a.pValue.toFixed(3), a.cramersV.toFixed(3)]);
      });
    }
  });

  it('prints every identified-vs-unidentified comparison', () => {
    const section = sectionOf(page, 'comparisons');
    for (const c of FIXTURE_PROFILE.comparisons) {
      const title = FIXTURE_PROFILE.tables.find((t) => t.variable === c.variable)!.title;
      const cells = rowCells(section, title)[0]!;
      const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
      expect(cells.slice(1, 8), c.id).toEqual([count(sum(c.unidentified)), count(sum(c.identified)), c.chiSquare.toFixed(2), String(c.df), c.pValue < 0.001 ? '< 0.001' : c.pValue.toFixed(3), c.cramersV.toFixed(3), 'CSV']);
    }
  });

  it('draws one inline SVG chart per variable and per association, each labelled', () => {
    const figures = page.match(/<figure class="chart" id="[^"]+">[\s\S]*?<\/figure>/g) ?? [];
    expect(figures).toHaveLength(10 + 2);
    for (const f of figures) {
      expect(f).toMatch(/<svg role="img" aria-label="[^"]{20,}" focusable="false" [^>]*viewBox="0 0 [\d.]+ [\d.]+"/);
      expect(f).toContain('</svg>');
      expect(f).toMatch(/<figcaption>[^<]{20,}/);
      expect(f).toContain('font-family="Helvetica, Arial, sans-serif"');
    }
    // Bars and interval rules: each share chart draws one bar per category and population.
    const gender = figures.find((f) => f.includes('id="fig-victim-gender"'))!;
    expect(gender.match(/aria-roledescription="bar"/g)).toHaveLength(9);
    // SVG ids are unique across the page.
    const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes a CSV per table, association and comparison, plus the manifest', () => {
    const files = written.csvPaths.map((p) => relative(dir, p).split(sep).join('/')).sort();
    expect(files).toEqual(
      [
        ...FIXTURE_PROFILE.tables.map((t) => `tables/${t.id}.csv`),
        ...FIXTURE_PROFILE.associations.map((a) => `associations/${a.id}.csv`),
        'associations/tests.csv',
        ...FIXTURE_PROFILE.comparisons.map((c) => `comparisons/${c.id}.csv`),
        'comparisons/tests.csv',
        'manifest.csv',
      ].sort(),
    );
    expect(written.indexPath).toBe(join(dir, 'index.html'));
  });

  it('writes the CSV of a table exactly: header, full-precision proportions, RFC 4180 quoting, CRLF', async () => {
    expect(await readFile(join(dir, 'tables/victim-gender-unidentified.csv'), 'utf8')).toBe(
      'table_id,variable,unit,population,category,label,count,total,share,lower,upper,level\r\n' +
        'victim-gender-unidentified,victim.gender,victims,unidentified,female,Female,917,1480,0.6195945945945946,0.5945810762490196,0.6439888854511658,0.95\r\n' +
        'victim-gender-unidentified,victim.gender,victims,unidentified,male,Male,489,1480,0.3304054054054054,0.30690816575919894,0.35478075860946495,0.95\r\n' +
        'victim-gender-unidentified,victim.gender,victims,unidentified,notDeterminable,Not determinable,74,1480,0.05,0.04001473717202724,0.062315237447614726,0.95\r\n',
    );
    const severity = await readFile(join(dir, 'tables/victim-severity-unidentified.csv'), 'utf8');
    expect(severity.split('\r\n')[1]).toBe(
      'victim-severity-unidentified,victim.severity,victims,unidentified,indicative,"Indicative, not indecent (COPINE 1–3)",76,1480,0.051351351351351354,0.0412228523463882,0.06380282805517676,0.95',
    );
    const tests = await readFile(join(dir, 'associations/tests.csv'), 'utf8');
    const a = FIXTURE_PROFILE.associations[0]!;
    expect(tests.split('\r\n')[1]).toBe(`${a.id},${a.population},${a.rowVariable},${a.columnVariable},${a.table.flat().reduce((s, x) => s + x, 0)},${a.chiSquare},${a.df},${a.pValue},${a.cramersV}`);
  });

  it('uses the given title', async () => {
    const titled = await render(FIXTURE_PROFILE, 'Annual profile 2025 & notes');
    expect(titled.page).toContain('<title>Annual profile 2025 &amp; notes</title>');
    expect(titled.page).toContain('<h1>Annual profile 2025 &amp; notes<span class="badge">Synthetic data</span></h1>');
  });
});

describe('writeReport on hostile and degenerate profiles', () => {
  const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';

  function hostileProfile(): Profile {
    const p = structuredClone(FIXTURE_PROFILE) as unknown as {
      manifest: Record<string, unknown>;
      tables: { id: string; title: string; variable: string; rows: { label: string }[] }[];
      comparisons: unknown[];
    };
    p.manifest.method = `</dd>${HOSTILE}`;
    p.manifest.codebookVersion = `"><svg onload=alert(1)>`;
    p.manifest.snapshotHash = `' onmouseover='alert(1)`;
    for (const t of p.tables) {
      if (t.variable !== 'victim.gender') continue;
      t.title = `Gender ${HOSTILE}`;
      t.rows[0]!.label = HOSTILE;
    }
    p.tables[0]!.id = '../../../outside-unidentified';
    return p as unknown as Profile;
  }

  it('escapes hostile labels, titles and manifest values everywhere, charts included', async () => {
    const { page, written, dir } = await render(hostileProfile(), `Title ${HOSTILE}`);
    expect(page).not.toMatch(/<script|<img|<svg onload|onmouseover='/i);
    expect(page).toContain(escapeHtml(HOSTILE));
    // Inside the chart the label is escaped by Vega's SVG writer.
    const figure = page.match(/<figure class="chart" id="fig-victim-gender">[\s\S]*?<\/figure>/)![0];
    expect(figure).toContain('&lt;script&gt;');
    // File names come from ids but cannot leave the report folder.
    for (const p of written.csvPaths) expect(relative(dir, p).startsWith('..')).toBe(false);
    expect(written.csvPaths.map((p) => relative(dir, p).split(sep).join('/'))).toContain('tables/outside-unidentified.csv');
  });

  it('prints a dash for shares of an empty population and a note for a test that cannot be computed', async () => {
    const p = structuredClone(FIXTURE_PROFILE) as unknown as { tables: { population: string; total: number; rows: Record<string, number>[] }[]; comparisons: Record<string, number>[] };
    for (const t of p.tables) {
      if (t.population !== 'identified') continue;
      t.total = 0;
      for (const r of t.rows) Object.assign(r, { count: 0, share: Number.NaN, lower: Number.NaN, upper: Number.NaN });
    }
    Object.assign(p.comparisons[0]!, { chiSquare: Number.NaN, df: 0, pValue: Number.NaN, cramersV: Number.NaN });
    const { page } = await render(p as unknown as Profile);
    const cells = rowCells(sectionOf(page, 'var-victim-gender'), 'Female')[0]!;
    expect(cells.slice(3, 6)).toEqual(['0', '–', '–']);
    expect(sectionOf(page, 'var-victim-gender')).toContain('not computable');
    expect(page).not.toMatch(/NaN/);
  });

  it('says nothing about synthetic data when the manifest does not flag it', async () => {
    const p = structuredClone(FIXTURE_PROFILE) as unknown as { manifest: Record<string, unknown> };
    delete p.manifest.synthetic;
    const { page } = await render(p as unknown as Profile);
    expect(page.slice(page.indexOf('<body>'))).not.toMatch(/synthetic/i);
  });
});
