/** SDMX URNs of the Vindex maintainable artefacts (SDMX 2.1 Technical Notes, section 6.2). */

import type { Dsd } from './dsd.ts';

const ref = (dsd: Dsd, id: string): string => `${dsd.agency}:${id}(${dsd.version})`;

export const dsdUrn = (dsd: Dsd): string => `urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=${ref(dsd, dsd.id)}`;
export const dataflowUrn = (dsd: Dsd): string => `urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=${ref(dsd, dsd.dataflow)}`;
export const codelistUrn = (dsd: Dsd, id: string): string => `urn:sdmx:org.sdmx.infomodel.codelist.Codelist=${ref(dsd, id)}`;
export const conceptUrn = (dsd: Dsd, scheme: string, id: string): string => `urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=${ref(dsd, scheme)}.${id}`;
export const conceptSchemeUrn = (dsd: Dsd, scheme: string): string => `urn:sdmx:org.sdmx.infomodel.conceptscheme.ConceptScheme=${ref(dsd, scheme)}`;

/** The codelist id of a Codelist URN, or undefined when it is not one of ours. */
export function codelistIdOf(urn: string): string | undefined {
  return /^urn:sdmx:org\.sdmx\.infomodel\.codelist\.Codelist=[^:]+:([^()]+)\([^)]*\)$/.exec(urn)?.[1];
}
