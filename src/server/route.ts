/**
 * The route-definition API shared by every route module (tmp/contract.md, issue 6). A route is
 * data: method, URL, who may call it, zod schemas for params/query/body/response, and a handler.
 * The server (app.ts) turns each spec into a Fastify route with the role guard, CSRF check,
 * request and response validation, and its OpenAPI entry; the role × endpoint matrix test walks
 * the same list.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Store } from '../store/index.ts';
import type { ReadCache } from './cache.ts';
import type { ServerConfig } from './config.ts';
import type { JobRegistry } from './jobs.ts';

export type { JobProgress, JobRegistry, JobState, JobView } from './jobs.ts';
export type { ReadCache } from './cache.ts';
export type { ServerConfig } from './config.ts';

import type { Role } from '../users/roles.ts';

export { ROLES, type Role } from '../users/roles.ts';

export interface SessionUser {
  readonly name: string;
  readonly role: Role;
}

/** What every handler can reach: the store, long-running jobs, the read cache and the server's settings. */
export interface RouteContext {
  readonly store: Store;
  readonly jobs: JobRegistry;
  readonly cache: ReadCache;
  readonly config: ServerConfig;
}

export interface RouteRequest<P, Q, B> {
  /** Validated by `spec.params` (strings as Fastify parsed them when no schema is given). */
  params: P;
  query: Q;
  body: B;
  /** The signed-in user. On a `public` route with nobody signed in, reading it throws VDX_UNAUTHENTICATED. */
  user: SessionUser;
  ctx: RouteContext;
  raw: FastifyRequest;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown, R = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify syntax, e.g. '/api/samples/:id'; always under /api. */
  url: string;
  /** Who may call it; a signed-in user of another role gets 403 VDX_FORBIDDEN, nobody signed in 401. */
  roles: readonly Role[] | 'public';
  /** One line for OpenAPI. */
  summary: string;
  tags: readonly string[];
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The success body (status 200, or `status`). A handler result that breaks it becomes 500 VDX_INTERNAL (logged). */
  response: z.ZodType<R>;
  status?: 200 | 201 | 202;
  /** Bytes, for upload routes; default 64 KiB (ServerConfig.bodyLimit). */
  bodyLimit?: number;
  /** The handler writes the reply itself (files, SVG, CSV, HTML); `response` is then not checked. */
  raw?: boolean;
  handler(req: RouteRequest<P, Q, B>, reply: FastifyReply): Promise<R>;
}

/** Identity, so the handler's request types are inferred from the schemas. */
export function route<P, Q, B, R>(spec: RouteSpec<P, Q, B, R>): RouteSpec {
  return spec as unknown as RouteSpec;
}
