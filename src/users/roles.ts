/** The server's roles: one per user (tmp/contract.md, docs/server.md). */
export const ROLES = ['admin', 'coordinator', 'coder', 'analyst', 'output-checker', 'reader'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
