import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORRUPT_KINDS, CORRUPTIONS } from './corrupt.ts';
import { SOURCES } from './sources.ts';

const doc = readFileSync(new URL('../../docs/synthetic-data.md', import.meta.url), 'utf8');

describe('docs/synthetic-data.md is in step with the code', () => {
  it('describes every corrupt kind with the words of corrupt.ts', () => {
    for (const k of CORRUPT_KINDS) {
      expect(doc).toContain(`### \`${k}\`\n\n- **File:** ${CORRUPTIONS[k].defect}\n- **Importer:** ${CORRUPTIONS[k].importer}\n`);
    }
  });

  it('lists every source with its kind', () => {
    for (const s of SOURCES) expect(doc).toMatch(new RegExp(`\\| \`${s.code}\` \\| ${s.kind} \\|`));
  });
});
