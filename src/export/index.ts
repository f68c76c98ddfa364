export { EXPORT_DATASETS, exportColumns, VICTIM_SERIES_COLUMNS, type ExportColumn, type ExportDataset } from './columns.ts';
export { csvHeader, csvRows, EXPORT_FORMATS, jsonlRows, type ExportFormat, type StoredRow } from './format.ts';
export { exportDataset, type ExportOptions, type ExportSummary } from './export.ts';
