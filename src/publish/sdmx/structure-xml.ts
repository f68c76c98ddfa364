/**
 * The DSD as an SDMX-ML 2.1 Structure message (SDMXStructure.xsd): Dataflows, Codelists, Concepts
 * and DataStructures in the order the schema requires. References use <Ref> (unqualified, as
 * in SDMX 2.1). Names are English only. This is the file the .Stat Suite and R's rsdmx load.
 */

import { CONCEPT_SCHEME_ID, components, type Component, type Dsd } from './dsd.ts';

const NS = {
  mes: 'http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message',
  str: 'http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure',
  com: 'http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common',
};

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const name = (text: string): string => `<com:Name xml:lang="en">${escapeXml(text)}</com:Name>`;

export function sdmxMlStructure(dsd: Dsd, prepared: string): string {
  const a = `agencyID="${escapeXml(dsd.agency)}" version="${escapeXml(dsd.version)}"`;
  const conceptRef = (c: Component): string =>
    `<str:ConceptIdentity><Ref id="${c.id}" maintainableParentID="${CONCEPT_SCHEME_ID}" maintainableParentVersion="${dsd.version}" agencyID="${dsd.agency}" package="conceptscheme" class="Concept"/></str:ConceptIdentity>`;
  const repr = (c: Component): string =>
    c.codelist !== undefined
      ? `<str:LocalRepresentation><str:Enumeration><Ref id="${c.codelist}" version="${dsd.version}" agencyID="${dsd.agency}" package="codelist" class="Codelist"/></str:Enumeration></str:LocalRepresentation>`
      : `<str:LocalRepresentation><str:TextFormat textType="${c.textType ?? 'String'}"/></str:LocalRepresentation>`;
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<mes:Structure xmlns:mes="${NS.mes}" xmlns:str="${NS.str}" xmlns:com="${NS.com}">`,
    '  <mes:Header>',
    `    <mes:ID>${escapeXml(`${dsd.id}_STRUCTURE`)}</mes:ID>`,
    '    <mes:Test>false</mes:Test>',
    `    <mes:Prepared>${escapeXml(prepared)}</mes:Prepared>`,
    `    <mes:Sender id="${escapeXml(dsd.agency)}"/>`,
    '  </mes:Header>',
    '  <mes:Structures>',
    '    <str:Dataflows>',
    `      <str:Dataflow id="${dsd.dataflow}" ${a} isFinal="true">${name(dsd.name)}<str:Structure><Ref id="${dsd.id}" ${a} package="datastructure" class="DataStructure"/></str:Structure></str:Dataflow>`,
    '    </str:Dataflows>',
    '    <str:Codelists>',
  ];
  for (const cl of dsd.codelists.values()) {
    lines.push(`      <str:Codelist id="${cl.id}" ${a} isFinal="true">${name(cl.name)}`);
    for (const k of cl.codes) lines.push(`        <str:Code id="${escapeXml(k.id)}">${name(k.name)}</str:Code>`);
    lines.push('      </str:Codelist>');
  }
  lines.push('    </str:Codelists>', '    <str:Concepts>', `      <str:ConceptScheme id="${CONCEPT_SCHEME_ID}" ${a} isFinal="true">${name('Vindex concepts')}`);
  for (const c of components(dsd)) lines.push(`        <str:Concept id="${c.id}">${name(c.name)}</str:Concept>`);
  lines.push('      </str:ConceptScheme>', '    </str:Concepts>', '    <str:DataStructures>', `      <str:DataStructure id="${dsd.id}" ${a} isFinal="true">${name(dsd.name)}`, '        <str:DataStructureComponents>', '          <str:DimensionList id="DimensionDescriptor">');
  for (const [i, d] of dsd.dimensions.entries()) {
    const tag = d.kind === 'time' ? 'str:TimeDimension' : 'str:Dimension';
    lines.push(`            <${tag} id="${d.id}" position="${i + 1}">${conceptRef(d)}${repr(d)}</${tag}>`);
  }
  lines.push('          </str:DimensionList>', '          <str:AttributeList id="AttributeDescriptor">');
  for (const at of dsd.attributes) {
    lines.push(
      `            <str:Attribute id="${at.id}" assignmentStatus="${at.mandatory === true ? 'Mandatory' : 'Conditional'}">${conceptRef(at)}${repr(at)}<str:AttributeRelationship><str:PrimaryMeasure><Ref id="${dsd.measure.id}"/></str:PrimaryMeasure></str:AttributeRelationship></str:Attribute>`,
    );
  }
  lines.push(
    '          </str:AttributeList>',
    '          <str:MeasureList id="MeasureDescriptor">',
    `            <str:PrimaryMeasure id="${dsd.measure.id}">${conceptRef(dsd.measure)}${repr(dsd.measure)}</str:PrimaryMeasure>`,
    '          </str:MeasureList>',
    '        </str:DataStructureComponents>',
    '      </str:DataStructure>',
    '    </str:DataStructures>',
    '  </mes:Structures>',
    '</mes:Structure>',
  );
  return lines.join('\n') + '\n';
}

/**
 * The codelists (id → code ids) and key order declared in an SDMX-ML structure written by
 * sdmxMlStructure — enough to check it agrees with the JSON structure. Not a general SDMX-ML reader.
 */
export function readSdmxMlSummary(xml: string): { codelists: Map<string, string[]>; dimensions: string[]; attributes: string[] } {
  const codelists = new Map<string, string[]>();
  for (const m of xml.matchAll(/<str:Codelist id="([^"]+)"[^>]*>([\s\S]*?)<\/str:Codelist>/g)) {
    codelists.set(m[1]!, [...m[2]!.matchAll(/<str:Code id="([^"]+)"/g)].map((k) => unescapeXml(k[1]!)));
  }
  const dimensions = [...xml.matchAll(/<str:(?:Time)?Dimension id="([^"]+)" position="(\d+)"/g)].sort((x, y) => Number(x[2]) - Number(y[2])).map((m) => m[1]!);
  const attributes = [...xml.matchAll(/<str:Attribute id="([^"]+)"/g)].map((m) => m[1]!);
  return { codelists, dimensions, attributes };
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
