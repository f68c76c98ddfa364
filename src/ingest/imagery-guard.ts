/**
 * The imagery guard: Vindex never accepts images, video, base64 blobs, data: URIs or media links.
 * Two layers: a byte scan of the whole file for the magic numbers of image and video formats (so
 * binary content is refused before anything is decoded), and a check of every field value.
 */

interface Signature {
  readonly format: string;
  readonly bytes: Buffer;
  /** Bytes that must follow (e.g. an MP4 brand after `ftyp`); any of them. */
  readonly followedBy?: readonly Buffer[];
}

const b = (s: string | number[]): Buffer => (typeof s === 'string' ? Buffer.from(s, 'latin1') : Buffer.from(s));

export const MEDIA_SIGNATURES: readonly Signature[] = [
  { format: 'PNG image', bytes: b([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { format: 'JPEG image', bytes: b([0xff, 0xd8, 0xff]) },
  { format: 'GIF image', bytes: b('GIF87a') },
  { format: 'GIF image', bytes: b('GIF89a') },
  { format: 'TIFF image', bytes: b([0x49, 0x49, 0x2a, 0x00]) },
  { format: 'TIFF image', bytes: b([0x4d, 0x4d, 0x00, 0x2a]) },
  { format: 'WebP image', bytes: b('WEBPVP8') },
  { format: 'AVI video', bytes: b('AVI LIST') },
  { format: 'Matroska/WebM video', bytes: b([0x1a, 0x45, 0xdf, 0xa3]) },
  { format: 'MPEG video', bytes: b([0x00, 0x00, 0x01, 0xba]) },
  { format: 'ASF/WMV video', bytes: b([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11]) },
  { format: 'MP4/QuickTime/3GP video or HEIC image', bytes: b('ftyp'), followedBy: ['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'M4A ', 'qt  ', '3gp', '3g2', 'heic', 'heix', 'mif1', 'msf1', 'dash', 'f4v ', 'MSNV'].map((x) => b(x)) },
];

const LONGEST = Math.max(...MEDIA_SIGNATURES.map((s) => s.bytes.length + Math.max(0, ...(s.followedBy ?? []).map((f) => f.length))));

export interface MediaHit {
  readonly format: string;
  /** Byte offset in the file. */
  readonly offset: number;
}

/** Scans a file chunk by chunk for media magic numbers; carries an overlap so a signature split across chunks is found. */
export class MediaByteScanner {
  private tail = Buffer.alloc(0);
  private consumed = 0;
  hit: MediaHit | null = null;

  push(chunk: Buffer): void {
    if (this.hit) return;
    const buf = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    const base = this.consumed - this.tail.length;
    for (const sig of MEDIA_SIGNATURES) {
      let at = buf.indexOf(sig.bytes);
      while (at !== -1) {
        const after = at + sig.bytes.length;
        if (!sig.followedBy || sig.followedBy.some((f) => buf.subarray(after, after + f.length).equals(f))) {
          if (!this.hit || base + at < this.hit.offset) this.hit = { format: sig.format, offset: base + at };
          break;
        }
        at = buf.indexOf(sig.bytes, at + 1);
      }
    }
    this.consumed += chunk.length;
    this.tail = Buffer.from(buf.subarray(Math.max(0, buf.length - LONGEST + 1)));
  }
}

const LINK = /\b(?:https?|ftps?|file|sftp|smb):\/\/|\bwww\.[a-z0-9-]+\.[a-z]/i;
const DATA_URI = /(?:^|[^a-z])data:[a-z]+\/[a-z0-9.+-]+[;,]/i;
const MEDIA_FILE = /\.(?:jpe?g|jfif|png|gif|bmp|webp|tiff?|heic|heif|avif|mp4|m4v|mov|avi|mkv|wmv|webm|flv|3gp|mpe?g|ts)(?:[?#\s"']|$)/i;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const HEX = /^[0-9a-fA-F]+$/;

export type FieldVerdict = null | { readonly kind: 'imagery' | 'free-text'; readonly message: string };

/** Checks one field value; null when it is acceptable. Cheap for the short codes that make up almost every field. */
export function checkFieldValue(value: string): FieldVerdict {
  const long = value.length >= 64;
  if (!long && value.indexOf(':') < 0 && value.indexOf('.') < 0) return null;
  if (DATA_URI.test(value)) return { kind: 'imagery', message: 'is a data: URI; Vindex accepts no embedded media' };
  if (LINK.test(value)) return { kind: 'imagery', message: 'is a link; Vindex accepts no links to media or other content' };
  if (MEDIA_FILE.test(value)) return { kind: 'imagery', message: 'names an image or video file; Vindex accepts no media references' };
  if (long && BASE64.test(value) && !HEX.test(value)) return { kind: 'imagery', message: 'looks like a base64-encoded blob; Vindex accepts no embedded media' };
  return null;
}

/** Column names that show an export carries media or free text; named in the error so the user knows what to drop. */
export const MEDIA_COLUMN = /(?:image|img|thumb|photo|picture|video|media|url|uri|link|path|file|blob|base64|description|comment|note|text)/i;
