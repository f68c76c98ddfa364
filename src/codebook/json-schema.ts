import { PARENT_FIELDS } from './validate.ts';
import type { Codebook, Entity, Variable } from './types.ts';

type JsonSchema = Record<string, unknown>;

function variableSchema(v: Variable): JsonSchema {
  const base = { title: v.label, description: v.description };
  switch (v.type) {
    case 'category':
      return { ...base, type: 'string', enum: v.set.categories.map((c) => c.code), 'x-labels': Object.fromEntries(v.set.categories.map((c) => [c.code, c.label])), 'x-ordered': v.set.ordered };
    case 'identifier':
      return { ...base, type: ['string', 'number'], maxLength: 128, 'x-pseudonymised': 'HMAC-SHA-256 on import' };
    case 'code':
      return { ...base, type: 'string', pattern: v.pattern.source };
    case 'date':
      return { ...base, type: 'string', format: 'date' };
    case 'country':
      return { ...base, type: 'string', pattern: '^([A-Z]{2}|[A-Z]{3})$', 'x-notDeterminable': 'ZZ' };
    case 'count':
      return { ...base, type: 'integer', minimum: 0, maximum: v.max };
  }
}

function entitySchema(codebook: Codebook, e: Entity): JsonSchema {
  const parents = e.name === 'victim' || e.name === 'offender'
    ? PARENT_FIELDS.map((p) => codebook.entities.find((x) => x.name === 'series')!.variables.find((v) => v.name === p)!)
    : [];
  const vars = [...parents, ...e.variables];
  return {
    title: e.title,
    description: e.description,
    type: 'object',
    properties: { record: { const: e.name }, ...Object.fromEntries(vars.map((v) => [v.name, variableSchema(v)])) },
    required: ['record', ...vars.filter((v) => v.required && !v.derived).map((v) => v.name)],
    additionalProperties: false,
  };
}

/** JSON Schema (2020-12) of one import record (a line of JSON Lines; a row of CSV once typed). */
export function codebookJsonSchema(codebook: Codebook): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:vindex:codebook:${codebook.version}:record`,
    title: codebook.title,
    description: 'One import record. `record` names the entity; victim and offender records name their series by series.source and series.id. Codes or labels are accepted on import; codes are listed here.',
    'x-codebookVersion': codebook.version,
    oneOf: codebook.entities.map((e) => entitySchema(codebook, e)),
  };
}
