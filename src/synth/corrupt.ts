/**
 * Deliberately broken files, for testing importers: each kind plants one defect at a documented
 * place in an otherwise normal file (same seed → the same file apart from the defect). The table
 * below is the single description used by `vindex synth --help`, docs/synthetic-data.md and the tests.
 *
 * The media payloads are the real leading bytes of those formats (a signature and the first header
 * fields), never an image or a video.
 */

export const CORRUPT_KINDS = [
  'bad-code-last-row', 'missing-required', 'bad-date', 'unknown-column', 'png-bytes', 'jpeg-bytes', 'gif-bytes', 'mp4-bytes',
  'media-link', 'data-uri', 'base64-blob', 'orphan-victim',
] as const;

export type CorruptKind = (typeof CORRUPT_KINDS)[number];

/** Where the defect goes: the first series or victim row, the first victim row after half the target, the last row, or the last victim row. */
export type CorruptPlace = 'first-series' | 'first-victim' | 'middle-victim' | 'last-row' | 'last-victim';

export interface Corruption {
  readonly kind: CorruptKind;
  readonly place: CorruptPlace;
  /** The field changed; for `last-row`, `victim.gender` or `offender.gender` by the type of that row. */
  readonly field: string;
  /** The value planted: text, raw bytes, or '' (left empty / key left out). */
  readonly value: string | Buffer;
  /** An extra column (CSV) or key (JSON Lines) that carries the value instead of `field`. */
  readonly extraColumn?: string;
  /** What the file has, for help and docs. */
  readonly defect: string;
  /** What an importer must answer. */
  readonly importer: string;
}

const bytes = (...b: number[]): Buffer => Buffer.from(b);
const ascii = (s: string): number[] => [...Buffer.from(s, 'latin1')];

/** PNG signature and the start of the IHDR chunk. */
export const PNG_BYTES = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, ...ascii('IHDR'));
/** JPEG start-of-image marker and a JFIF APP0 segment header. */
export const JPEG_BYTES = bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...ascii('JFIF'), 0x00, 0x01);
/** GIF89a signature and a 1×1 logical screen descriptor with a global colour table flag (0x80). */
export const GIF_BYTES = bytes(...ascii('GIF89a'), 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00);
/** An MP4 `ftyp` box (brand isom, compatible isom/iso2) and the header of an `mdat` box with six payload bytes. */
export const MP4_BYTES = bytes(
  0x00, 0x00, 0x00, 0x18, ...ascii('ftypisom'), 0x00, 0x00, 0x02, 0x00, ...ascii('isomiso2'),
  0x00, 0x00, 0x00, 0x0e, ...ascii('mdat'), 0x00, 0x00, 0x00, 0x02, 0x09, 0xf0,
);
/** 96 characters of base64: the PNG header above followed by 52 fixed filler bytes (not an image). */
export const BASE64_BLOB = Buffer.concat([PNG_BYTES, Buffer.from(Array.from({ length: 52 }, (_, i) => (i * 37 + 11) & 0xff))]).toString('base64');
export const MEDIA_LINK = 'https://media.example.invalid/0001.jpg';
export const DATA_URI = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD';
export const ORPHAN_SERIES_ID = 'S-ORPHAN-0000001';

const IMAGERY = (what: string): string => `VDX_IMPORT_IMAGERY (exit 2): the byte scan refuses the whole file before parsing: "refused FILE: it carries ${what} bytes at line N; nothing was written"`;

export const CORRUPTIONS: Readonly<Record<CorruptKind, Corruption>> = {
  'bad-code-last-row': {
    kind: 'bad-code-last-row', place: 'last-row', field: 'victim.gender', value: 'x',
    defect: 'the LAST row of the file (a victim or offender row) has the invalid code `x` in `victim.gender` or `offender.gender`',
    importer: 'VDX_IMPORT_INVALID (exit 2): "FILE:LINE field victim.gender value "x": is not a code of this variable (allowed: …)", and nothing written — all or nothing even when only the last row is bad',
  },
  'missing-required': {
    kind: 'missing-required', place: 'first-victim', field: 'victim.ageBand', value: '',
    defect: 'the first victim row has no `victim.ageBand` (an empty cell; the key left out in JSON Lines)',
    importer: 'VDX_IMPORT_INVALID (exit 2): "FILE:LINE field victim.ageBand value (empty): is required (allowed: …)"',
  },
  'bad-date': {
    kind: 'bad-date', place: 'first-series', field: 'series.firstSeen', value: '2019-02-30',
    defect: 'the first series row has `series.firstSeen` = `2019-02-30`, not a calendar date',
    importer: 'VDX_IMPORT_INVALID (exit 2): "FILE:LINE field series.firstSeen value "2019-02-30": is not a valid date (allowed: …)"',
  },
  'unknown-column': {
    kind: 'unknown-column', place: 'first-series', field: 'notes', extraColumn: 'notes', value: 'to be reviewed',
    defect: 'an extra free-text column `notes` (CSV: the last header column, `to be reviewed` on the first series row, empty elsewhere; JSON Lines: a `notes` key on the first series row)',
    importer: 'VDX_IMPORT_INVALID (exit 2): "field notes: is not a codebook variable and looks like media, a link or free text; Vindex accepts codes only" (CSV: on line 1, the header)',
  },
  'png-bytes': {
    kind: 'png-bytes', place: 'middle-victim', field: 'victim.id', value: PNG_BYTES,
    defect: 'raw PNG signature and IHDR header bytes in `victim.id` of the middle victim row (CSV: a quoted cell); the file is not valid UTF-8',
    importer: IMAGERY('PNG image'),
  },
  'jpeg-bytes': {
    kind: 'jpeg-bytes', place: 'middle-victim', field: 'victim.id', value: JPEG_BYTES,
    defect: 'raw JPEG start-of-image and JFIF header bytes in `victim.id` of the middle victim row; the file is not valid UTF-8',
    importer: IMAGERY('JPEG image'),
  },
  'gif-bytes': {
    kind: 'gif-bytes', place: 'middle-victim', field: 'victim.id', value: GIF_BYTES,
    defect: 'raw GIF89a signature and screen descriptor bytes in `victim.id` of the middle victim row; the file is not valid UTF-8',
    importer: IMAGERY('GIF image'),
  },
  'mp4-bytes': {
    kind: 'mp4-bytes', place: 'middle-victim', field: 'victim.id', value: MP4_BYTES,
    defect: 'raw MP4 `ftyp` box (brand isom) and `mdat` header bytes in `victim.id` of the middle victim row; the file is not valid UTF-8',
    importer: IMAGERY('MP4/QuickTime/3GP video or HEIC image'),
  },
  'media-link': {
    kind: 'media-link', place: 'middle-victim', field: 'victim.id', value: MEDIA_LINK,
    defect: `\`victim.id\` of the middle victim row is the link \`${MEDIA_LINK}\` (a reserved, unresolvable domain)`,
    importer: 'VDX_IMPORT_IMAGERY (exit 2): "FILE:LINE field victim.id value "https://…": is a link; Vindex accepts no links to media or other content"',
  },
  'data-uri': {
    kind: 'data-uri', place: 'middle-victim', field: 'victim.id', value: DATA_URI,
    defect: `\`victim.id\` of the middle victim row is the data: URI \`${DATA_URI}\` (a header fragment only)`,
    importer: 'VDX_IMPORT_IMAGERY (exit 2): "FILE:LINE field victim.id value "data:image/jpeg;…": is a data: URI; Vindex accepts no embedded media"',
  },
  'base64-blob': {
    kind: 'base64-blob', place: 'middle-victim', field: 'victim.id', value: BASE64_BLOB,
    defect: '`victim.id` of the middle victim row is a 96-character base64 blob (a PNG header and filler bytes, not an image)',
    importer: 'VDX_IMPORT_IMAGERY (exit 2): "FILE:LINE field victim.id value "iVBORw0K…": looks like a base64-encoded blob; Vindex accepts no embedded media"',
  },
  'orphan-victim': {
    kind: 'orphan-victim', place: 'last-victim', field: 'series.id', value: ORPHAN_SERIES_ID,
    defect: `the last victim row names the series \`${ORPHAN_SERIES_ID}\`, which is in no series row`,
    importer: 'VDX_IMPORT_INVALID (exit 2): "FILE:LINE field series.id value "S-ORPHAN-0000001": names a series that is neither in this import nor in the store", once every row is valid; nothing written',
  },
};

/** Where a planted defect ended up, reported by the writer. */
export interface CorruptionReport {
  readonly kind: CorruptKind;
  /** Line of the file where the defective record starts (CSV: the header is line 1); 1 for a header defect. */
  readonly line: number;
  /** Record type of the defective row. */
  readonly record: 'series' | 'victim' | 'offender';
  readonly field: string;
  /** The planted value as text (raw bytes as hexadecimal). */
  readonly value: string;
}
