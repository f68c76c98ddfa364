/** The roles table of docs/server.md, generated from the route list (a test fails when the page differs). */
import { ROLES, type RouteSpec } from './route.ts';

export const ROLES_TABLE_START = '<!-- roles-table:start (generated from allRoutes; VINDEX_UPDATE_DOCS=1 npx vitest run src/server/docs.test.ts) -->';
export const ROLES_TABLE_END = '<!-- roles-table:end -->';

export function rolesTableMarkdown(routes: readonly RouteSpec[]): string {
  const lines = [`| endpoint | what | ${ROLES.join(' | ')} |`, `| --- | --- |${ROLES.map(() => ' :-: |').join('')}`];
  for (const r of routes) {
    const cells = ROLES.map((role) => (r.roles === 'public' ? 'public' : r.roles.includes(role) ? '✓' : ''));
    lines.push(`| \`${r.method} ${r.url}\` | ${r.summary.replace(/\|/g, '\\|')} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The page with its table section replaced by the current table. */
export function withRolesTable(page: string, routes: readonly RouteSpec[]): string {
  const start = page.indexOf(ROLES_TABLE_START);
  const end = page.indexOf(ROLES_TABLE_END);
  if (start < 0 || end < start) throw new Error('docs/server.md has no roles-table markers');
  return `${page.slice(0, start + ROLES_TABLE_START.length)}\n${rolesTableMarkdown(routes)}\n${page.slice(end)}`;
}
