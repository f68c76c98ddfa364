import { z } from 'zod';
import type { StatsMethod } from './method.ts';
import { STATS_METHODS } from './methods.ts';

/** A request field that is missing or wrong, named by its JSON path (e.g. `table[1][0]`). */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

export class RequestError extends Error {
  readonly issues: readonly FieldIssue[];
  constructor(method: string, issues: readonly FieldIssue[]) {
    super(`invalid ${method} request: ` + issues.map((i) => `${i.field || '(request)'}: ${i.message}`).join('; '));
    this.name = 'RequestError';
    this.issues = issues;
  }
}

export function findMethod(name: string): StatsMethod | undefined {
  return STATS_METHODS.find((m) => m.name === name);
}

function pathToField(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** Validates a request against the method's schema; throws RequestError naming each bad field. */
export function parseRequest(method: StatsMethod, request: unknown): unknown {
  const parsed = method.request.safeParse(request);
  if (!parsed.success) {
    throw new RequestError(
      method.name,
      parsed.error.issues.map((i) => ({ field: pathToField(i.path), message: i.message })),
    );
  }
  return parsed.data;
}

export function runMethod(method: StatsMethod, request: unknown): unknown {
  return method.run(parseRequest(method, request));
}

/** Plain-text field documentation for `vindex stats METHOD --help`, from the request schema. */
export function describeMethod(method: StatsMethod): string {
  const schema = z.toJSONSchema(method.request, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { description?: string; type?: unknown; default?: unknown; enum?: unknown[] }>;
    required?: string[];
  };
  const required = new Set(schema.required ?? []);
  const lines = [`vindex stats ${method.name} — ${method.summary}`, `Reference: ${method.reference}`, '', 'Request fields (JSON on stdin or --input FILE):'];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const type = prop.enum ? prop.enum.map((e) => JSON.stringify(e)).join(' | ') : Array.isArray(prop.type) ? prop.type.join('|') : String(prop.type ?? 'value');
    const req = required.has(name) && prop.default === undefined ? 'required' : `optional${prop.default !== undefined ? `, default ${JSON.stringify(prop.default)}` : ''}`;
    lines.push(`  ${name} (${type}; ${req})${prop.description ? `\n      ${prop.description}` : ''}`);
  }
  return lines.join('\n') + '\n';
}
