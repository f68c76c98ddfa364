import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDecisions } from './adjudication-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'vindex-decisions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('readDecisions', () => {
  it('reads unit, variable, value and reason with their lines', async () => {
    const f = file('ok.csv', 'unit,variable,value,reason\nk1,victim.gender,female,majority\n k2 ,series.victimCount,2,consensus\n');
    expect(await readDecisions(f)).toEqual([
      { unitKey: 'k1', variable: 'victim.gender', value: 'female', reason: 'majority', line: 2 },
      { unitKey: 'k2', variable: 'series.victimCount', value: '2', reason: 'consensus', line: 3 },
    ]);
  });

  it('refuses links and media references as imagery, naming file, line and field', async () => {
    const f = file('link.csv', 'unit,variable,value,reason\nk1,victim.gender,https://example.org/x.jpg,majority\n');
    await expect(readDecisions(f)).rejects.toMatchObject({ code: 'VDX_IMPORT_IMAGERY', message: expect.stringContaining(`${f}, line 2, field value: is a link`) });
  });

  it('refuses extra (free-text) columns, missing columns and empty fields', async () => {
    const extra = file('extra.csv', 'unit,variable,value,reason,comment\nk1,victim.gender,female,majority,x\n');
    await expect(readDecisions(extra)).rejects.toMatchObject({ code: 'VDX_ADJUDICATION_INVALID', message: expect.stringContaining(`${extra}, line 1, field comment: is not a decisions column`) });
    const missing = file('missing.csv', 'unit,variable,value\nk1,victim.gender,female\n');
    await expect(readDecisions(missing)).rejects.toThrow(`${missing}, line 1, field reason: is a required column and is missing`);
    const empty = file('empty.csv', 'unit,variable,value,reason\nk1,victim.gender,,majority\n');
    await expect(readDecisions(empty)).rejects.toThrow(`${empty}, line 2, field value: is required`);
    const none = file('none.csv', 'unit,variable,value,reason\n');
    await expect(readDecisions(none)).rejects.toThrow('has no decisions');
  });

  it('a missing file or another format is refused', async () => {
    await expect(readDecisions(join(dir, 'nope.csv'))).rejects.toMatchObject({ code: 'VDX_FILE_NOT_FOUND' });
    await expect(readDecisions(file('d.json', '[]'))).rejects.toMatchObject({ code: 'VDX_IMPORT_FORMAT' });
  });
});
