import { createContext, useContext } from 'react';

export const ROLES = ['admin', 'coordinator', 'coder', 'analyst', 'output-checker', 'reader'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  readonly name: string;
  readonly role: Role;
}

/** POST/GET /api/session. */
export interface SessionReply {
  readonly user: SessionUser;
  readonly csrfToken: string;
}

export const SessionContext = createContext<SessionUser | null>(null);

/** The signed-in user; screens render only inside a signed-in shell. */
export function useUser(): SessionUser {
  const user = useContext(SessionContext);
  if (user === null) throw new Error('useUser outside a signed-in shell');
  return user;
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Administrator',
  coordinator: 'Coordinator',
  coder: 'Coder',
  analyst: 'Analyst',
  'output-checker': 'Output checker',
  reader: 'Reader',
};
