/**
 * Where `vindex user` reads a password: a file (--password-file) or standard input, never an
 * argument (arguments are visible to every user of the machine in the process list).
 */
import { readFile } from 'node:fs/promises';
import { VindexError } from '../errors.ts';

/** The text with one trailing line ending removed (what `echo` or an editor adds). */
function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

export async function readPassword(passwordFile: string | undefined, stdin: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin): Promise<string> {
  if (passwordFile !== undefined) {
    try {
      return withoutFinalNewline(await readFile(passwordFile, 'utf8'));
    } catch {
      throw new VindexError('VDX_FILE_NOT_FOUND', `--password-file ${passwordFile} cannot be read`);
    }
  }
  if (stdin.isTTY) throw new VindexError('VDX_USAGE', 'give the password on standard input (e.g. read -s PW; printf %s "$PW" | vindex user …) or with --password-file FILE; never as an argument');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return withoutFinalNewline(Buffer.concat(chunks).toString('utf8'));
}
