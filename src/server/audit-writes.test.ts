import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SERVER = fileURLToPath(new URL('.', import.meta.url));

describe('the audit log through the server', () => {
  it('no server module writes, edits or deletes audit_log itself: entries are only appended by appendAudit (src/audit)', () => {
    const files = readdirSync(SERVER, { recursive: true }).map(String).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) => /(insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(\s*['"]audit_log['"]|\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+audit_log\b/i.test(readFileSync(join(SERVER, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
