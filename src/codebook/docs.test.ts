import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODEBOOK, codebookJsonSchema, codebookMarkdown } from './index.ts';

const doc = (name: string): string => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');

describe('generated codebook documentation (regenerate with `npm run docs`)', () => {
  it('docs/codebook.md is exactly codebookMarkdown(CODEBOOK)', () => {
    expect(doc('codebook.md')).toBe(codebookMarkdown(CODEBOOK));
  });

  it('docs/codebook.schema.json is exactly codebookJsonSchema(CODEBOOK)', () => {
    expect(doc('codebook.schema.json')).toBe(JSON.stringify(codebookJsonSchema(CODEBOOK), null, 2) + '\n');
  });

  it('the Markdown lists every variable and the JSON Schema has one record type per entity', () => {
    const md = codebookMarkdown(CODEBOOK);
    for (const e of CODEBOOK.entities) for (const v of e.variables) expect(md, v.name).toContain(`| \`${v.name}\` |`);
    const schema = codebookJsonSchema(CODEBOOK) as { oneOf: Array<{ properties: { record: { const: string } }; required: string[] }> };
    expect(schema.oneOf.map((s) => s.properties.record.const)).toEqual(['source', 'series', 'victim', 'offender']);
    expect(schema.oneOf[2]!.required).toEqual(['record', 'series.source', 'series.id', 'victim.id', 'victim.gender', 'victim.ageBand', 'victim.identified', 'victim.severityScale', 'victim.severityCode']);
  });
});
