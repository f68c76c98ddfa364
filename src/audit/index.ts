export { AUDIT_GENESIS, appendAudit, canonicalJson, entryHash, listAudit, verifyAudit } from './log.ts';
export type { AuditEntry, AuditEntryInput, AuditVerification } from './log.ts';
export { NAME_PATTERN, checkName, resolveActor } from './actor.ts';
