import type { VindexError } from '../errors.ts';

/** Writes a coded error to stderr: the code, what is wrong, and what to do. */
export function reportError(err: VindexError): void {
  process.stderr.write(`vindex: error ${err.code}: ${err.message}\n  ${err.hint}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
