/** Output releases: indicators → disclosure control → CSV, SDMX, report, PDF → manifest, record, audit (docs/release.md). */
export { createRelease, DEFAULT_TABLES, MANIFEST_FILE, type CreatedRelease, type PdfMode, type ReleaseManifest, type ReleaseOptions, type ReleaseParameters } from './create.ts';
export { protectIndicators, type ProtectedIndicators, type ReleaseResult } from './protect.ts';
export { indicatorTables, populationText, type IndicatorTables, type ObservationCells } from './tables.ts';
export { indicatorsCsv, scanCounts, INDICATORS_CSV, type CountRule, type CountViolation, type ReleaseFile } from './files.ts';
export { readManifest, verifyRelease, type ReleaseVerification } from './verify.ts';
export { RELEASE_TITLE } from './report.ts';
