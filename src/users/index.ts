/** Server accounts, passwords (Argon2id) and sessions, shared by `vindex user` and the server. */
export { DEMO_USERS, ROLES, isRole, type Role } from './roles.ts';
export { CHEAP_ARGON2, DEFAULT_ARGON2, PASSWORD_MAX, PASSWORD_MIN, checkPasswordPolicy, hashPassword, verifyPassword, type Argon2Cost } from './password.ts';
export { DEFAULT_LOCKOUT, activeUser, createUser, disableUser, listUsers, resetPassword, verifyLogin, type LockoutPolicy, type UserInfo } from './users.ts';
export { createSession, csrfMatches, csrfTokenOf, endSession, resolveSession, sessionIdHash, type ActiveSession, type SessionPolicy } from './sessions.ts';
export { readPassword } from './password-input.ts';
