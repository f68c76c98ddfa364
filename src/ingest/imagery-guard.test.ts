import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VindexError } from '../errors.ts';
import { checkFieldValue, MediaByteScanner, MEDIA_COLUMN } from './imagery-guard.ts';
import { importFiles } from './import.ts';
import type { ImportIssue } from './issues.ts';
import { ALL_COLUMNS, seriesRecord, toCsv, toJsonl, victimRecord } from './testing/records.ts';
import { storeDump, tempStore, type TempStore } from './testing/temp-store.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
const MP4 = Buffer.concat([Buffer.from([0x00, 0x00, 0x00, 0x18]), Buffer.from('ftypmp42', 'latin1'), Buffer.from([0x00, 0x00, 0x00, 0x00])]);

/** A deterministic 96-byte pseudo-random payload, base64-encoded (128 characters, with + and /). */
const BASE64_BLOB = Buffer.from(Array.from({ length: 96 }, (_, i) => (i * 151 + 7) % 256)).toString('base64');

describe('checkFieldValue', () => {
  it('lets codes, dates, countries, counts and identifiers through', () => {
    for (const v of ['female', 'notDeterminable', '2015-03-01', 'FRA', '12', 'S-1', 'SER-ALPHA-000123', 'NAT-DE_2.1', 'S.1', 'case 12:30', 'a'.repeat(63), 'ab12'.repeat(16), 'f'.repeat(64)]) {
      expect(checkFieldValue(v), v).toBeNull();
    }
  });

  it('refuses links, media file names, data: URIs and base64 blobs', () => {
    const link = { kind: 'imagery', message: 'is a link; Vindex accepts no links to media or other content' };
    const media = { kind: 'imagery', message: 'names an image or video file; Vindex accepts no media references' };
    const data = { kind: 'imagery', message: 'is a data: URI; Vindex accepts no embedded media' };
    const blob = { kind: 'imagery', message: 'looks like a base64-encoded blob; Vindex accepts no embedded media' };
    expect(checkFieldValue('https://media.example.org/x/0001.jpg')).toEqual(link);
    expect(checkFieldValue('http://example.org/item?id=4')).toEqual(link);
    expect(checkFieldValue('ftp://example.org/a')).toEqual(link);
    expect(checkFieldValue('file:///srv/a')).toEqual(link);
    expect(checkFieldValue('www.example.org/a')).toEqual(link);
    expect(checkFieldValue('0001.JPG')).toEqual(media);
    expect(checkFieldValue('dir/clip.mp4')).toEqual(media);
    expect(checkFieldValue('a.png?x=1')).toEqual(media);
    expect(checkFieldValue('data:image/png;base64,iVBORw0KGgo=')).toEqual(data);
    expect(checkFieldValue('x data:video/mp4,AAAA')).toEqual(data);
    expect(checkFieldValue(BASE64_BLOB)).toEqual(blob);
    expect(checkFieldValue('QUJD'.repeat(16))).toEqual(blob);
  });

  it('names media-like and free-text column names', () => {
    for (const c of ['thumbnail_url', 'Thumbnail', 'image_path', 'photo', 'video_link', 'media', 'description', 'comment', 'notes', 'blob', 'file_name']) expect(MEDIA_COLUMN.test(c), c).toBe(true);
    for (const c of ['colour', 'series.idx', 'weight']) expect(MEDIA_COLUMN.test(c), c).toBe(false);
  });
});

describe('MediaByteScanner', () => {
  it('finds each signature at its byte offset, also when split across chunks at any point', () => {
    for (const [format, sig] of [['PNG image', PNG], ['JPEG image', JPEG], ['GIF image', GIF], ['MP4/QuickTime/3GP video or HEIC image', MP4]] as const) {
      const at = format.startsWith('MP4') ? 4 : 0; // the MP4 signature is the `ftyp` box type after the 4-byte size
      const file = Buffer.concat([Buffer.from('record,series.id\nseries,'), sig, Buffer.from('\n')]);
      const offset = 24 + at;
      for (let split = 0; split <= file.length; split++) {
        const s = new MediaByteScanner();
        s.push(file.subarray(0, split));
        s.push(file.subarray(split));
        expect(s.hit, `${format} split at ${split}`).toEqual({ format, offset });
      }
    }
  });

  it('finds nothing in plain CSV text, and reports the first of several hits', () => {
    const s = new MediaByteScanner();
    s.push(Buffer.from(toCsv([seriesRecord('S-1'), victimRecord('S-1', 'V-1')])));
    expect(s.hit).toBeNull();
    const t = new MediaByteScanner();
    t.push(Buffer.concat([Buffer.from('x'.repeat(100)), GIF, Buffer.from('y'), PNG]));
    expect(t.hit).toEqual({ format: 'GIF image', offset: 100 });
  });

  it('needs an MP4 brand after ftyp (the word alone is text)', () => {
    const s = new MediaByteScanner();
    s.push(Buffer.from('ftyp is a box type'));
    expect(s.hit).toBeNull();
  });
});

describe('import refuses imagery and writes nothing', () => {
  let t: TempStore;
  beforeEach(async () => {
    t = await tempStore();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  async function refused(...files: string[]): Promise<VindexError> {
    const before = await storeDump(t.store);
    const e = await importFiles({ store: t.store, files, today: '2024-06-30' }).then(() => new Error('the import was expected to fail'), (x: unknown) => x);
    expect(e).toBeInstanceOf(VindexError);
    expect(await storeDump(t.store)).toEqual(before);
    return e as VindexError;
  }

  const HEADER = 'record,series.source,series.id,series.country,series.firstSeen,series.identified\n';

  for (const [format, bytes, at] of [['PNG image', PNG, 0], ['JPEG image', JPEG, 0], ['GIF image', GIF, 0], ['MP4/QuickTime/3GP video or HEIC image', MP4, 4]] as const) {
    it(`${format} bytes inside a field`, async () => {
      const good = t.file('good.csv', toCsv([seriesRecord('S-0')]));
      const content = Buffer.concat([Buffer.from(HEADER + 'series,SRC-T,S-1,DE,2015-03-01,no\nseries,SRC-T,"'), bytes, Buffer.from('",DE,2015-03-01,no\n')]);
      const file = t.file('media.csv', content);
      const offset = Buffer.byteLength(HEADER + 'series,SRC-T,S-1,DE,2015-03-01,no\nseries,SRC-T,"') + at;
      const err = await refused(good, file);
      expect(err.code).toBe('VDX_IMPORT_IMAGERY');
      expect(err.exitCode).toBe(2);
      expect(err.message).toBe(`refused ${file}: it carries ${format} bytes at line 3; nothing was written`);
      expect(err.details).toEqual([{ kind: 'imagery', file, row: 3, field: null, value: null, message: `contains ${format} data (byte ${offset}); Vindex accepts no images or video`, allowed: null }]);
    });
  }

  it('image bytes in a JSON Lines file', async () => {
    const file = t.file('media.jsonl', Buffer.concat([Buffer.from(toJsonl([seriesRecord('S-1')])), Buffer.from('{"record":"series","series.id":"'), JPEG, Buffer.from('"}\n')]));
    const err = await refused(file);
    expect(err.code).toBe('VDX_IMPORT_IMAGERY');
    expect((err.details as ImportIssue[])[0]!.row).toBe(2);
  });

  const valueCases: ReadonlyArray<readonly [string, string, string]> = [
    ['a media link', 'https://media.example.org/a/0001.jpg', 'is a link; Vindex accepts no links to media or other content'],
    ['a data: URI', 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ', 'is a data: URI; Vindex accepts no embedded media'],
    ['a base64 blob', BASE64_BLOB, 'looks like a base64-encoded blob; Vindex accepts no embedded media'],
    ['a media file name', 'frames/0001.png', 'names an image or video file; Vindex accepts no media references'],
  ];

  for (const [what, value, message] of valueCases) {
    it(`${what} in a CSV field`, async () => {
      const file = t.file('v.csv', toCsv([seriesRecord('S-1'), victimRecord('S-1', 'V-1'), victimRecord('S-1', value)]));
      const err = await refused(file);
      expect(err.code).toBe('VDX_IMPORT_IMAGERY');
      expect(err.details).toEqual([{ kind: 'imagery', file, row: 4, field: 'victim.id', value, message, allowed: null }]);
      expect(err.message.split('\n')[1]).toBe(`${file}:4 field victim.id value ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}: ${message}`);
    });

    it(`${what} in a JSON Lines field`, async () => {
      const file = t.file('v.jsonl', toJsonl([seriesRecord('S-1', { 'series.provenance': value })]));
      const err = await refused(file);
      expect(err.code).toBe('VDX_IMPORT_IMAGERY');
      expect(err.details).toEqual([{ kind: 'imagery', file, row: 1, field: 'series.provenance', value, message, allowed: null }]);
    });
  }

  it('a link in a column the codebook does not have', async () => {
    const file = t.file('extra.jsonl', toJsonl([seriesRecord('S-1', { ref: 'https://example.org/v/1.mp4' })]));
    const err = await refused(file);
    expect(err.code).toBe('VDX_IMPORT_IMAGERY');
    expect((err.details as ImportIssue[]).map((i) => [i.kind, i.field])).toEqual([['unknown-column', 'ref'], ['imagery', 'ref']]);
  });

  for (const column of ['thumbnail_url', 'description']) {
    it(`a column named ${column}`, async () => {
      const file = t.file('col.csv', toCsv([seriesRecord('S-1')], [...ALL_COLUMNS, column]));
      const err = await refused(file);
      expect(err.code).toBe('VDX_IMPORT_INVALID');
      expect(err.details).toEqual([
        { kind: 'free-text', file, row: 1, field: column, value: null, message: 'is not a codebook variable and looks like media, a link or free text; Vindex accepts codes only', allowed: 'record and the variables of docs/codebook.md' },
      ]);
      expect(err.message).toBe(`1 problem(s); nothing was written.\n${file}:1 field ${column}: is not a codebook variable and looks like media, a link or free text; Vindex accepts codes only (allowed: record and the variables of docs/codebook.md)`);
    });
  }

  it('a thumbnail_url column holding links', async () => {
    const file = t.file('thumb.csv', toCsv([seriesRecord('S-1', { thumbnail_url: 'https://cdn.example.org/t/1.jpg' })], [...ALL_COLUMNS, 'thumbnail_url']));
    const err = await refused(file);
    expect(err.code).toBe('VDX_IMPORT_IMAGERY');
    expect((err.details as ImportIssue[]).map((i) => [i.kind, i.row, i.field])).toEqual([['free-text', 1, 'thumbnail_url'], ['imagery', 2, 'thumbnail_url']]);
  });

  it('a description key in JSON Lines', async () => {
    const file = t.file('desc.jsonl', toJsonl([seriesRecord('S-1', { description: 'free text' })]));
    const err = await refused(file);
    expect((err.details as ImportIssue[]).map((i) => [i.kind, i.row, i.field])).toEqual([['free-text', 1, 'description']]);
  });

  it('nested JSON in JSON Lines', async () => {
    const nested = JSON.stringify({ ...seriesRecord('S-2'), media: { url: 'x', type: 'image' } });
    const file = t.file('nested.jsonl', toJsonl([seriesRecord('S-1')]) + nested + '\n');
    const err = await refused(file);
    expect(err.code).toBe('VDX_IMPORT_INVALID');
    expect(err.details).toEqual([
      { kind: 'malformed', file, row: 2, field: null, value: null, message: 'field media holds a nested object; only codes, counts, dates and identifiers are accepted', allowed: 'one JSON object per line' },
    ]);
    const arr = t.file('arr.jsonl', JSON.stringify({ ...seriesRecord('S-3'), 'series.id': ['a', 'b'] }) + '\n');
    expect((await refused(arr)).details).toEqual([
      { kind: 'malformed', file: arr, row: 1, field: null, value: null, message: 'field series.id holds a nested array; only codes, counts, dates and identifiers are accepted', allowed: 'one JSON object per line' },
    ]);
  });
});
