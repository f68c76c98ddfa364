/** Disclosure control: every count an output publishes passes through here (docs/disclosure.md). */
export { DEFAULT_MIN_FREQUENCY, DEFAULT_ROUNDING_BASE, type PrimaryRules, type DominanceRule, type PPercentRule } from './rules.js';
export { makeSystem, linkSystems, tableFromGrid, tableFromHierarchy, type Cell, type AdditivityConstraint, type TableSystem, type GridLabels, type HierarchyNode } from './system.js';
export { cellSensitivity, primarySuppression, type Sensitivity, type PrimaryReason } from './primary.js';
export { auditSuppression, type AuditResult, type AuditedCell } from './audit.js';
export { complementarySuppression, type ComplementaryOptions, type SuppressionPattern, type SuppressionCost } from './complementary.js';
export { controlledRounding, type RoundingResult } from './rounding.js';
export { geometricNoise, noisyCounts, type NoisyCounts, type PrivacyBudget } from './noise.js';
export { protectShares, type ShareDefinition, type ProtectedShare } from './shares.js';
export { assertNoSmallCounts } from './guarantee.js';
export { protectTables, type ProtectOptions, type ProtectedTables, type ProtectedCell, type CellStatus, type MethodRecord, type ProtectionMethod } from './protect.js';
