/**
 * The OpenAPI 3.1 document, built from the same RouteSpecs the server runs (zod 4's
 * z.toJSONSchema; JSON Schema 2020-12 is OpenAPI 3.1's dialect). Request schemas are described
 * as input, responses as output. `x-roles` lists who may call each operation.
 */
import { z } from 'zod';
import { ERROR_CATALOGUE } from '../errors.ts';
import { VERSION } from '../version.ts';
import { SESSION_COOKIE, CSRF_HEADER } from './guard.ts';
import type { RouteSpec } from './route.ts';

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

/** '/api/releases/:id/files/*' → '/api/releases/{id}/files/{path}'. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{path}');
}

function parameters(spec: RouteSpec): Json[] {
  const out: Json[] = [];
  const add = (where: 'path' | 'query', schema: z.ZodType | undefined): void => {
    if (!schema) return;
    const json = schemaOf(schema, 'input');
    const props = (json.properties ?? {}) as Record<string, Json>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, s] of Object.entries(props)) out.push({ name: name === '*' ? 'path' : name, in: where, required: where === 'path' || required.has(name), schema: s });
  };
  add('path', spec.params);
  add('query', spec.query);
  // Path parameters without a schema are still parameters of the URL.
  for (const m of openApiPath(spec.url).matchAll(/\{([^}]+)\}/g)) {
    if (!out.some((p) => p.in === 'path' && p.name === m[1])) out.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  }
  return out;
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', enum: Object.keys(ERROR_CATALOGUE) }, message: { type: 'string' } } } },
};

export function buildOpenApi(routes: readonly RouteSpec[]): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const spec of routes) {
    const status = String(spec.status ?? 200);
    const op: Json = {
      summary: spec.summary,
      tags: [...spec.tags],
      operationId: `${spec.method.toLowerCase()} ${spec.url}`,
      'x-roles': spec.roles === 'public' ? 'public' : [...spec.roles],
      parameters: parameters(spec),
      responses: {
        [status]: spec.raw
          ? { description: 'The file or document itself.', content: { '*/*': {} } }
          : { description: 'Success.', content: { 'application/json': { schema: schemaOf(spec.response, 'output') } } },
        default: { description: 'An error with a stable code (docs/errors.md).', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
    if (spec.roles !== 'public') op.security = [{ session: [] }];
    if (spec.body) op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(spec.body, 'input') } } };
    else if (spec.bodyLimit !== undefined) op.requestBody = { required: true, description: `The file itself, at most ${spec.bodyLimit} bytes.`, content: { 'application/octet-stream': {} } };
    (paths[openApiPath(spec.url)] ??= {})[spec.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vindex API',
      version: VERSION,
      description: `Sign in with POST /api/session; the ${SESSION_COOKIE} cookie then authenticates, and every POST/PUT/DELETE needs the session's csrfToken in the ${CSRF_HEADER} header. Roles per operation are in x-roles (docs/server.md).`,
    },
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
    },
  };
}
