export { buildDsd, DATAFLOW_REF, type Code, type Codelist, type Component, type Dsd } from './dsd.ts';
export { confStatusOf, toRows, type ConfStatus, type PublishableObservation, type PublishableResult, type PublishableSet, type SdmxRow } from './rows.ts';
export { buildSdmx, writeSdmx, SDMX_FILE_NAMES, SDMX_FORMATS, type SdmxFormat, type SdmxOutput, type WrittenFile } from './write.ts';
export { assertSdmxValid, checkRows, formatIssue, rowsFromCsv, rowsFromJsonData, validateSdmx, type SdmxCheckOptions, type SdmxFileKind, type SdmxIssue, type SdmxValidation } from './validate.ts';
export { parseStructureJson } from './structure-json.ts';
