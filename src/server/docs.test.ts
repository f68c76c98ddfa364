import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRoutes } from './routes/index.ts';
import { withRolesTable } from './roles-table.ts';

const PAGE = new URL('../../docs/server.md', import.meta.url);

describe('docs/server.md', () => {
  it('its roles table is the one generated from allRoutes (regenerate: VINDEX_UPDATE_DOCS=1 npx vitest run src/server/docs.test.ts)', () => {
    if (process.env.VINDEX_UPDATE_DOCS === '1') writeFileSync(PAGE, withRolesTable(readFileSync(PAGE, 'utf8'), allRoutes));
    const page = readFileSync(PAGE, 'utf8');
    const generated = withRolesTable(page, allRoutes);
    expect(page).toBe(generated);
    for (const r of allRoutes) expect(page).toContain(`\`${r.method} ${r.url}\``);
  });
});
