import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VindexError } from '../../errors.ts';
import { sampleSet } from '../testing/indicator-set.ts';
import { buildDsd, SDMX_ID } from './dsd.ts';
import { sourcesOf, toRows } from './rows.ts';
import { parseStructureJson } from './structure-json.ts';
import { assertSdmxValid, rowsFromCsv, rowsFromJsonData, validateSdmx } from './validate.ts';
import { buildSdmx, SDMX_FILE_NAMES, writeSdmx } from './write.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vindex-sdmx-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Row = Record<string, string>;
const csvRows = (text: string): Row[] => parse(text, { columns: true }) as Row[];
const find = (rows: readonly Row[], where: Row): Row | undefined => rows.find((r) => Object.entries(where).every(([k, v]) => r[k] === v));

describe('writeSdmx', () => {
  it('writes the four files with their SHA-256, and they validate against the structure', async () => {
    const { files, observations } = await writeSdmx(sampleSet(), dir);
    expect(files.map((f) => f.format).sort()).toEqual(['sdmx-csv', 'sdmx-json', 'structure-json', 'structure-xml']);
    for (const f of files) {
      const bytes = await readFile(f.path);
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(f.bytes).toBe(bytes.length);
    }
    // 17 observations, of which the region "Not determinable" duplicates country ZZ.
    expect(observations).toBe(16);
    const v = await validateSdmx(files.map((f) => f.path));
    expect(v.issues).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.files.filter((f) => f.kind === 'sdmx-csv' || f.kind === 'sdmx-json').map((f) => f.observations)).toEqual([16, 16]);
  });

  it('is deterministic: the same set gives the same bytes', async () => {
    const a = await writeSdmx(sampleSet(), join(dir, 'a'));
    const b = await writeSdmx(sampleSet(), join(dir, 'b'));
    expect(a.files.map((f) => f.sha256)).toEqual(b.files.map((f) => f.sha256));
  });

  it('writes only the formats asked for', async () => {
    const { files } = await writeSdmx(sampleSet(), dir, { formats: ['sdmx-csv'] });
    expect(files.map((f) => f.path)).toEqual([join(dir, SDMX_FILE_NAMES['sdmx-csv'])]);
  });
});

describe('SDMX-CSV 2.0 content', () => {
  const text = buildSdmx(sampleSet()).contents.get('sdmx-csv')!;
  const rows = csvRows(text);

  it('starts with STRUCTURE, STRUCTURE_ID, ACTION, then dimensions, OBS_VALUE and attributes', () => {
    expect(text.split('\n')[0]).toBe('STRUCTURE,STRUCTURE_ID,ACTION,FREQ,SERIES,REF_AREA,SEX,AGE,SOURCE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,LOWER_BOUND,UPPER_BOUND,OBS_STATUS,CONF_STATUS,NATURE');
    expect(rows.every((r) => r.STRUCTURE === 'dataflow' && r.STRUCTURE_ID === 'VINDEX:DF_VINDEX(1.0)' && r.ACTION === 'I')).toBe(true);
  });

  it('publishes shares as percentages with M49 areas; totals are World, _T and the data date', () => {
    expect(find(rows, { SERIES: 'victims-unidentified', REF_AREA: '276', TIME_PERIOD: '2020' })).toMatchObject({ FREQ: 'A', SEX: '_T', AGE: '_T', SOURCE: '_T', OBS_VALUE: '25', LOWER_BOUND: '10', UPPER_BOUND: '50', UNIT_MEASURE: 'PT', UNIT_MULT: '0', OBS_STATUS: 'A', CONF_STATUS: 'F', NATURE: 'C' });
    expect(find(rows, { SERIES: 'victims-unidentified', REF_AREA: '276', FREQ: '_Z' })).toMatchObject({ TIME_PERIOD: '2025-12-31', OBS_VALUE: '40', LOWER_BOUND: '34.06', UPPER_BOUND: '46.24' });
    expect(find(rows, { SERIES: 'victims-unidentified', REF_AREA: '001' })?.OBS_VALUE).toBe('52');
    expect(find(rows, { SERIES: 'victims-unidentified', REF_AREA: '150' })?.OBS_VALUE).toBe('40');
    expect(find(rows, { SERIES: 'victims-unidentified', REF_AREA: '_X' })?.OBS_VALUE).toBe('70');
    expect(find(rows, { SEX: 'M', AGE: 'INFANT_TODDLER' })?.OBS_VALUE).toBe('60');
    // Rounded to 6 decimals after scaling: 12.34567891 → 12.345679.
    expect(find(rows, { SEX: '_U', AGE: 'POST_PUBESCENT' })?.OBS_VALUE).toBe('12.345679');
  });

  it('writes counts as NUMBER and sources as SOURCE codes', () => {
    expect(find(rows, { SERIES: 'series-by-abuse-country', REF_AREA: '076', SOURCE: 'NAT-BR' })).toMatchObject({ OBS_VALUE: '25', UNIT_MEASURE: 'NUMBER', LOWER_BOUND: '', UPPER_BOUND: '' });
    expect(find(rows, { SERIES: 'series-by-abuse-country', REF_AREA: '019' })?.OBS_VALUE).toBe('90');
  });

  it('leaves suppressed cells empty with CONF_STATUS C/D — even when the observation still carries a value', () => {
    expect(find(rows, { REF_AREA: '250', TIME_PERIOD: '2020' })).toMatchObject({ OBS_VALUE: '', LOWER_BOUND: '', UPPER_BOUND: '', CONF_STATUS: 'C' });
    expect(find(rows, { REF_AREA: '250', TIME_PERIOD: '2021' })).toMatchObject({ OBS_VALUE: '', LOWER_BOUND: '', UPPER_BOUND: '', CONF_STATUS: 'D' });
    expect(text).not.toContain(',50,30,70,');
  });

  it('marks no-data (M) and a median not reached (O) with an empty value, keeping a known lower bound', () => {
    expect(find(rows, { REF_AREA: '380', TIME_PERIOD: '2021' })).toMatchObject({ OBS_VALUE: '', OBS_STATUS: 'M', CONF_STATUS: 'F' });
    expect(find(rows, { SERIES: 'time-to-identification', TIME_PERIOD: '2024' })).toMatchObject({ OBS_VALUE: '', OBS_STATUS: 'O', LOWER_BOUND: '1.2', UPPER_BOUND: '', UNIT_MEASURE: 'YR' });
    expect(find(rows, { SERIES: 'time-to-identification', FREQ: '_Z' })?.OBS_VALUE).toBe('3.5');
  });

  it('marks design-based sets as estimated (OBS_STATUS E, NATURE E)', () => {
    const set = { ...sampleSet(), manifest: { ...sampleSet().manifest, basis: 'sample-3' } };
    const r = csvRows(buildSdmx(set).contents.get('sdmx-csv')!);
    expect(find(r, { REF_AREA: '276', TIME_PERIOD: '2020' })).toMatchObject({ OBS_STATUS: 'E', NATURE: 'E' });
  });
});

describe('SDMX-JSON 2.0 data message', () => {
  const out = buildSdmx(sampleSet());
  const json = JSON.parse(out.contents.get('sdmx-json')!) as {
    meta: { test: boolean; prepared: string };
    data: { structures: { links: { urn: string; rel: string }[]; dimensions: { observation: { id: string; keyPosition: number; values: { id: string }[] }[] }; attributes: { observation: { id: string; values: { id?: string; value?: number }[] }[] } }[]; dataSets: { structure: number; observations: Record<string, (number | null)[]> }[] };
  };

  it('lists every dimension at observation level in key order and flags synthetic data as a test message', () => {
    const s = json.data.structures[0]!;
    expect(s.links).toContainEqual({ urn: 'urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=VINDEX:DF_VINDEX(1.0)', rel: 'dataflow' });
    expect(s.dimensions.observation.map((d) => [d.id, d.keyPosition])).toEqual([['FREQ', 0], ['SERIES', 1], ['REF_AREA', 2], ['SEX', 3], ['AGE', 4], ['SOURCE', 5], ['TIME_PERIOD', 6]]);
    expect(json.meta).toMatchObject({ test: true, prepared: '2026-01-15T10:00:00.000Z' });
    expect(Object.keys(json.data.dataSets[0]!.observations)).toHaveLength(16);
  });

  it('decodes to exactly the rows of the SDMX-CSV file', () => {
    const fromJson = rowsFromJsonData(json, out.dsd, 'x.json');
    const fromCsv = rowsFromCsv(out.contents.get('sdmx-csv')!, out.dsd, 'x.csv');
    expect(fromJson.issues).toEqual([]);
    expect(fromCsv.issues).toEqual([]);
    const norm = (rows: readonly Record<string, string>[]): string[] => rows.map((r) => JSON.stringify(Object.entries(r).sort())).sort();
    expect(norm(fromJson.rows)).toEqual(norm(fromCsv.rows));
  });

  it('leaves out an optional attribute no observation reports (the schema wants a value per component), and still validates', async () => {
    const set = sampleSet();
    const countsOnly = { ...set, results: [set.results[1]!] };
    const { files } = await writeSdmx(countsOnly, join(dir, 'counts'));
    const data = JSON.parse(await readFile(files.find((f) => f.format === 'sdmx-json')!.path, 'utf8')) as typeof json;
    expect(data.data.structures[0]!.attributes.observation.map((a) => a.id)).toEqual(['UNIT_MEASURE', 'UNIT_MULT', 'OBS_STATUS', 'CONF_STATUS', 'NATURE']);
    expect((await validateSdmx(files.map((f) => f.path))).issues).toEqual([]);
  });

  it('writes a suppressed value as null', () => {
    const s = json.data.structures[0]!;
    const idx = (dim: string, id: string): number => s.dimensions.observation.find((d) => d.id === dim)!.values.findIndex((v) => v.id === id);
    const key = [idx('FREQ', 'A'), idx('SERIES', 'victims-unidentified'), idx('REF_AREA', '250'), idx('SEX', '_T'), idx('AGE', '_T'), idx('SOURCE', '_T'), idx('TIME_PERIOD', '2020')].join(':');
    const o = json.data.dataSets[0]!.observations[key]!;
    expect(o[0]).toBeNull();
    const conf = s.attributes.observation.findIndex((a) => a.id === 'CONF_STATUS');
    expect(s.attributes.observation[conf]!.values[o[conf + 1]!]!.id).toBe('C');
  });
});

describe('structure', () => {
  it('round-trips through the SDMX-JSON structure message', () => {
    const out = buildSdmx(sampleSet());
    const back = parseStructureJson(JSON.parse(out.contents.get('structure-json')!));
    expect(back.dimensions.map((d) => [d.id, d.kind, d.codelist])).toEqual(out.dsd.dimensions.map((d) => [d.id, d.kind, d.codelist]));
    expect(back.attributes.map((a) => [a.id, a.mandatory])).toEqual(out.dsd.attributes.map((a) => [a.id, a.mandatory]));
    expect([...back.codelists.keys()]).toEqual([...out.dsd.codelists.keys()]);
    expect(back.codelists.get('CL_SEX')!.codes.map((c) => c.id)).toEqual(['_T', 'F', 'M', '_U', 'B']);
  });

  it('has M49 areas: World, the regions, every country, and _X for not determinable', () => {
    const area = buildDsd([], []).codelists.get('CL_AREA')!.codes;
    const ids = area.map((c) => c.id);
    expect(ids.slice(0, 6)).toEqual(['001', '002', '019', '142', '150', '009']);
    expect(ids).toContain('276');
    expect(ids.at(-1)).toBe('_X');
    expect(new Set(ids).size).toBe(ids.length);
    // Every code is an SDMX id; Kosovo, without an ISO numeric code, is its alpha-3 UNK.
    expect(ids.filter((id) => !SDMX_ID.test(id))).toEqual([]);
    expect(ids).toContain('UNK');
  });

  it('writes well-formed XML: every element closes in order, attributes quoted, no raw & or <', () => {
    const xml = buildSdmx(sampleSet()).contents.get('structure-xml')!;
    const stack: string[] = [];
    for (const m of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos);[^"<&]*)*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos);)/g)) {
      if (m[2] === undefined) throw new Error(`stray ${m[0]} at ${m.index}`);
      if (m[1] === '/') expect(stack.pop()).toBe(m[2]);
      else if (m[4] !== '/') stack.push(m[2]);
    }
    expect(stack).toEqual([]);
  });

  it('writes an SDMX-ML 2.1 structure whose codelists equal the JSON ones', () => {
    const xml = buildSdmx(sampleSet()).contents.get('structure-xml')!;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<mes:Structure /);
    expect(xml).toContain('<str:TimeDimension id="TIME_PERIOD" position="7">');
    expect(xml).toContain('<str:Code id="INFANT_TODDLER"><com:Name xml:lang="en">Infant/toddler</com:Name></str:Code>');
    expect(xml).toContain('<str:Attribute id="LOWER_BOUND" assignmentStatus="Conditional">');
  });
});

describe('validators catch files that break the structure', () => {
  async function written(): Promise<Record<string, string>> {
    const { files } = await writeSdmx(sampleSet(), dir);
    return Object.fromEntries(files.map((f) => [f.format, f.path]));
  }

  it('a code outside its codelist, named by file, row, component and value', async () => {
    const p = await written();
    const text = await readFile(p['sdmx-csv']!, 'utf8');
    await writeFile(p['sdmx-csv']!, text.replace(',276,', ',999,'));
    const v = await validateSdmx(Object.values(p));
    expect(v.ok).toBe(false);
    expect(v.issues).toContainEqual(expect.objectContaining({ file: 'indicators.sdmx.csv', component: 'REF_AREA', value: '999', problem: 'not a code of CL_AREA' }));
    expect(v.issues[0]!.where).toMatch(/^row \d+$/);
  });

  it('a value published in a confidential cell', async () => {
    const p = await written();
    const lines = (await readFile(p['sdmx-csv']!, 'utf8')).split('\n');
    const i = lines.findIndex((l) => l.includes(',C,C'));
    lines[i] = lines[i]!.replace(',2020,,PT,', ',2020,42.9,PT,');
    await writeFile(p['sdmx-csv']!, lines.join('\n'));
    await expect(assertSdmxValid(Object.values(p))).rejects.toMatchObject({ code: 'VDX_SDMX_INVALID', message: expect.stringContaining(`indicators.sdmx.csv: row ${i + 1}, component OBS_VALUE, value "42.9": a value is published for a confidential observation (CONF_STATUS C)`) });
  });

  it('a missing column, an empty value without status, a non-number, a duplicate key', async () => {
    const p = await written();
    const text = await readFile(p['sdmx-csv']!, 'utf8');
    const noNature = text.split('\n').map((l) => l.replace(/,[^,]*$/, '')).join('\n');
    await writeFile(p['sdmx-csv']!, noNature);
    expect((await validateSdmx(Object.values(p))).issues).toContainEqual(expect.objectContaining({ where: 'header', component: 'NATURE', problem: 'column missing' }));
    const lines = text.split('\n');
    const de = lines.findIndex((l) => l.includes(',276,_T,_T,_T,2020,25,'));
    lines[de] = lines[de]!.replace(',2020,25,', ',2020,,');
    lines.push(lines[1]!.replace(/,_Z,/, ',_Z,'));
    const bad = lines.filter((l) => l !== '');
    bad.push(lines[1]!);
    await writeFile(p['sdmx-csv']!, bad.join('\n').replace(',001,_T,_T,_T,2025-12-31,52,', ',001,_T,_T,_T,2025-12-31,abc,'));
    const problems = (await validateSdmx(Object.values(p))).issues.map((x) => x.problem);
    expect(problems).toContain('empty value needs CONF_STATUS C/D or OBS_STATUS M/O');
    expect(problems).toContain('not a number');
    expect(problems.some((x) => x.startsWith('duplicate key A.') || x.startsWith('duplicate key _Z.'))).toBe(true);
  });

  it('SDMX-JSON: an index out of range and a wrong keyPosition', async () => {
    const p = await written();
    const json = JSON.parse(await readFile(p['sdmx-json']!, 'utf8')) as { data: { structures: { dimensions: { observation: { keyPosition: number }[] } }[]; dataSets: { observations: Record<string, unknown> }[] } };
    json.data.dataSets[0]!.observations['0:0:99:0:0:0:0'] = [1];
    await writeFile(p['sdmx-json']!, JSON.stringify(json));
    expect((await validateSdmx(Object.values(p))).issues).toContainEqual(expect.objectContaining({ file: 'indicators.sdmx.json', where: 'observation 0:0:99:0:0:0:0', component: 'REF_AREA', problem: 'index out of range' }));
    json.data.structures[0]!.dimensions.observation[1]!.keyPosition = 4;
    await writeFile(p['sdmx-json']!, JSON.stringify(json));
    expect((await validateSdmx(Object.values(p))).issues).toContainEqual(expect.objectContaining({ where: 'dimension SERIES', problem: 'keyPosition must be 1' }));
  });

  it('an SDMX-ML structure that disagrees with the JSON structure', async () => {
    const p = await written();
    const xml = await readFile(p['structure-xml']!, 'utf8');
    await writeFile(p['structure-xml']!, xml.replace('<str:Code id="F">', '<str:Code id="FEMALE">'));
    expect((await validateSdmx(Object.values(p))).issues).toContainEqual(expect.objectContaining({ file: 'structure.sdmx.xml', where: 'Codelist CL_SEX', problem: 'codes differ from the JSON structure' }));
  });

  it('with minCount: a published count below the minimum frequency, in both data files', async () => {
    const p = await written();
    const text = await readFile(p['sdmx-csv']!, 'utf8');
    await writeFile(p['sdmx-csv']!, text.replace(',NAT-BR,2025-12-31,25,NUMBER,', ',NAT-BR,2025-12-31,3,NUMBER,'));
    expect((await validateSdmx(Object.values(p))).ok).toBe(true);
    const v = await validateSdmx(Object.values(p), { minCount: 10 });
    expect(v.issues).toEqual([expect.objectContaining({ file: 'indicators.sdmx.csv', component: 'OBS_VALUE', value: '3', problem: 'a published count below the minimum frequency 10' })]);
    // The counts of the fixture (25, 40, 90, 250) all pass a threshold of 10 in the JSON file too; 30 catches 25 there.
    expect((await validateSdmx([p['sdmx-json']!, p['structure-json']!], { minCount: 30 })).issues.map((i) => i.value)).toEqual(['25']);
  });

  it('a file that does not exist is VDX_FILE_NOT_FOUND', async () => {
    await expect(validateSdmx([join(dir, 'missing.csv')])).rejects.toMatchObject({ code: 'VDX_FILE_NOT_FOUND' });
  });

  it('needs exactly one structure message', async () => {
    const p = await written();
    const v = await validateSdmx([p['sdmx-csv']!]);
    expect(v.issues[0]!.problem).toBe('need exactly one SDMX-JSON structure message, got 0');
  });
});

describe('sets that cannot be expressed are refused before anything is written', () => {
  it('a value missing without a suppression flag', async () => {
    const set = sampleSet();
    const bad = { ...set, results: [{ ...set.results[0]!, observations: [{ ...set.results[0]!.observations[2]!, value: null }] }] };
    expect(() => buildSdmx(bad)).toThrow(VindexError);
    expect(() => buildSdmx(bad)).toThrow(/victims-unidentified, observation 0: value is null/);
    await expect(writeSdmx(bad, join(dir, 'none'))).rejects.toMatchObject({ code: 'VDX_SDMX_INVALID' });
  });

  it('an unknown country, region or gender', () => {
    const set = sampleSet();
    const dsd = buildDsd(set.results.map((r) => r.definition), sourcesOf(set));
    const with1 = (dims: Record<string, string>): typeof set => ({ ...set, results: [{ ...set.results[0]!, observations: [{ ...set.results[0]!.observations[0]!, dims }] }] });
    expect(() => toRows(with1({ country: 'XQ' }), dsd)).toThrow(/country "XQ" is not an ISO 3166-1 alpha-2 code/);
    expect(() => toRows(with1({ region: 'Atlantis' }), dsd)).toThrow(/region "Atlantis" has no M49 code/);
    expect(() => toRows(with1({ gender: 'other' }), dsd)).toThrow(/gender "other" has no SEX code/);
  });

  it('two different observations with the same key', () => {
    const set = sampleSet();
    const r = set.results[0]!;
    const dup = { ...set, results: [{ ...r, observations: [r.observations[2]!, { ...r.observations[2]!, value: 0.41 }] }] };
    expect(() => buildSdmx(dup)).toThrow(/two different observations have the SDMX key _Z\.victims-unidentified\.276\._T\._T\._T\.2025-12-31/);
  });

  it('a set without observations', () => {
    expect(() => buildSdmx({ ...sampleSet(), results: [] })).toThrow(/no observations to write/);
  });

  it('an indicator id that is not an SDMX identifier', () => {
    const set = sampleSet();
    const r = set.results[0]!;
    expect(() => buildSdmx({ ...set, results: [{ ...r, definition: { ...r.definition, id: 'has space' } }] })).toThrow(/not an SDMX identifier/);
  });
});
