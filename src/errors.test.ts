import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, errorsMarkdown, VindexError } from './errors.ts';

describe('error catalogue', () => {
  it('docs/errors.md is generated from the catalogue (regenerate with `npm run docs`)', () => {
    expect(readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8')).toBe(errorsMarkdown());
  });
  it('maps codes to exit codes', () => {
    expect(new VindexError('VDX_IMPORT_INVALID', 'x').exitCode).toBe(2);
    expect(Object.keys(ERROR_CATALOGUE).every((c) => c.startsWith('VDX_'))).toBe(true);
  });
});
