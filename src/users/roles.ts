/** The server's roles: one per user (tmp/contract.md, docs/server.md). */
export const ROLES = ['admin', 'coordinator', 'coder', 'analyst', 'output-checker', 'reader'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * The demo accounts, each with the role its name says: `vindex serve --demo-users` adds them to a
 * synthetic store, and the server and browser tests sign in as them.
 */
export const DEMO_USERS: Readonly<Record<string, Role>> = {
  admin: 'admin',
  coord: 'coordinator',
  coder1: 'coder',
  coder2: 'coder',
  analyst: 'analyst',
  checker: 'output-checker',
  checker2: 'output-checker',
  reader: 'reader',
};
