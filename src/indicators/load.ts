import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { VindexError } from '../errors.ts';
import { parseDefinitions } from './schema.ts';
import { SHIPPED_INDICATORS } from './shipped.ts';
import type { IndicatorDefinition } from './types.ts';

/** The shipped definitions, validated like user definitions (a broken built-in fails loudly). */
export function shippedDefinitions(): IndicatorDefinition[] {
  return parseDefinitions(SHIPPED_INDICATORS, 'built-in indicators');
}

/** User definitions from a YAML (.yaml/.yml) or JSON file; errors name the file and the path in it. */
export function loadDefinitionsFile(path: string): IndicatorDefinition[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new VindexError('VDX_FILE_NOT_FOUND', `${path}: cannot read the definitions file`);
  }
  let raw: unknown;
  try {
    raw = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new VindexError('VDX_INDICATOR_DEFINITION', `${path}: not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
  }
  return parseDefinitions(raw, path);
}

/** Shipped definitions plus the user's; a user id equal to a shipped one is refused (rename it). */
export function allDefinitions(userFile?: string): IndicatorDefinition[] {
  const shipped = shippedDefinitions();
  if (!userFile) return shipped;
  const user = loadDefinitionsFile(userFile);
  const ids = new Set(shipped.map((d) => d.id));
  const clash = user.filter((d) => ids.has(d.id)).map((d) => d.id);
  if (clash.length > 0) throw new VindexError('VDX_INDICATOR_DEFINITION', `${userFile}: ${clash.map((c) => `"${c}"`).join(', ')} ${clash.length === 1 ? 'is' : 'are'} the id of a built-in indicator; choose another id`);
  return [...shipped, ...user];
}
