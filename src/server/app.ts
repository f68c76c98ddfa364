/**
 * buildServer(): the Fastify app of `vindex serve`.
 *
 *   request → onRequest: request id, guard (session → role → Origin/CSRF; before the body is read)
 *           → body parsed within the route's limit → zod: params, query, body (400 naming the field)
 *           → handler (ctx: store, jobs, cache, config) → zod: response (a broken one is a logged 500)
 *           → one log line (method, route pattern, status, ms, request id, role)
 *
 * Plus helmet (CSP), the OpenAPI document at /api/docs/json with Swagger UI at /api/docs, and the
 * built web app at every other path.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import helmet from 'helmet';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { VindexError } from '../errors.ts';
import type { Store } from '../store/index.ts';
import { createReadCache } from './cache.ts';
import { DEFAULT_CONFIG, type ServerConfig } from './config.ts';
import { guardFor } from './guard.ts';
import { handleError } from './http-errors.ts';
import { createJobRegistry } from './jobs.ts';
import { createSessionMemo } from './session-memo.ts';
import { createLogger } from './logger.ts';
import { buildOpenApi } from './openapi.ts';
import type { RouteContext, RouteRequest, RouteSpec, SessionUser } from './route.ts';
import { allRoutes } from './routes/index.ts';
import { registerWeb } from './web.ts';

export interface BuildServerOptions {
  readonly store: Store;
  readonly config?: Partial<ServerConfig>;
  /** Default: JSON lines to stdout at level info. */
  readonly logger?: Logger;
  /** Default: allRoutes. */
  readonly routes?: readonly RouteSpec[];
}

export interface VindexServer {
  readonly app: FastifyInstance;
  readonly ctx: RouteContext;
  /** Waits for running jobs, then closes the HTTP server (the store stays open: its owner closes it). */
  close(): Promise<void>;
}

/** The sign-in route is rate-limited per client address. */
const RATE_LIMITED = new Set(['POST /api/session']);

/** A JSON answer as sent: its UTF-8 bytes, and gzip of them once a client asked for it. */
interface Encoded {
  readonly plain: Buffer;
  gzip?: Buffer;
}

/** Answers from this size on are sent gzip-compressed to clients that accept it (smaller ones gain nothing). */
const GZIP_FROM_BYTES = 8 * 1024;

function acceptsGzip(request: FastifyRequest): boolean {
  const accept = request.headers['accept-encoding'];
  // "gzip" listed and not refused with q=0.
  return typeof accept === 'string' && /(^|,)\s*gzip\s*(;\s*q=(?!0(\.0*)?\s*(,|$))[0-9.]+)?\s*(,|$)/i.test(accept);
}

/** Content types read as raw bytes (Buffer) for upload routes (imports). */
const RAW_TYPES = ['text/csv', 'text/plain', 'application/x-ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/octet-stream'];

/**
 * Content-Security-Policy for the web app: own-origin scripts, styles and data only.
 * 'unsafe-inline' styles: Vega writes style attributes on its SVG. No 'unsafe-eval': the web app
 * runs Vega with vega-interpreter, so no expression is compiled with Function().
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  mediaSrc: ["'none'"],
  frameSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the route is one of ours: the pattern for the log line. */
    vindexRoute?: string;
  }
}

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, where: 'params' | 'query' | 'body'): T {
  if (!schema) return value as T;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = [where, ...issue.path.map(String)].join('.');
  throw new VindexError('VDX_REQUEST_INVALID', `${field}: ${issue.message}`, { issues: r.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), code: i.code, message: i.message })) });
}

function requestOf<P, Q, B>(request: FastifyRequest, ctx: RouteContext, params: P, query: Q, body: B): RouteRequest<P, Q, B> {
  return {
    params,
    query,
    body,
    get user(): SessionUser {
      const s = request.vindexSession;
      if (!s) throw new VindexError('VDX_UNAUTHENTICATED', 'sign in first (POST /api/session)');
      return s.user;
    },
    ctx,
    raw: request,
  };
}

export async function buildServer(options: BuildServerOptions): Promise<VindexServer> {
  const config: ServerConfig = {
    ...DEFAULT_CONFIG,
    releasesDir: resolve('releases'),
    webDir: resolve('out/web'),
    ...options.config,
  };
  const logger = options.logger ?? createLogger();
  const routes = options.routes ?? allRoutes;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const cache = createReadCache(options.store, { recheckMs: config.recheckMs });
  const sessions = createSessionMemo(config.recheckMs);
  // After any write of this server (a route or a finished job), cached reads and sessions are read afresh.
  const wrote = (): void => {
    cache.invalidate();
    sessions.clear();
  };
  const jobs = createJobRegistry((kind, error) => app.log.error({ err: error, job: kind }, 'job failed'), wrote);
  const ctx: RouteContext = { store: options.store, jobs, cache, config };
  // SQLite has one connection, and Kysely's lock on it lets a request that asks later overtake one
  // that has waited (each query of a request queues anew): under many concurrent writers a few
  // waited seconds. Writes of signed-in users run here first come, first served, one at a time.
  // Sign-in stays outside: its Argon2 check takes tens of milliseconds off the event loop.
  let writeQueue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    if (options.store.dialect !== 'sqlite') return run();
    const turn = writeQueue.then(run, run);
    writeQueue = turn.catch(() => undefined);
    return turn;
  };

  app.setErrorHandler(handleError);
  app.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  await app.register(fastifyCookie);
  // Helmet's headers, built once: @fastify/helmet rebuilt the middleware (parsing the CSP) on every request.
  const securityHeaders = helmet({ contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES }, crossOriginEmbedderPolicy: false });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined));
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => ({ statusCode: 429, code: 'VDX_RATE_LIMITED', message: 'too many sign-in attempts' }),
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.vindexRoute) reply.header('cache-control', 'no-store');
  });
  app.addHook('onResponse', async (request, reply) => {
    // request.log carries reqId already.
    request.log.info({
      method: request.method,
      route: request.vindexRoute ?? request.routeOptions.url ?? '(not found)',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      role: request.vindexSession?.user.role ?? 'anonymous',
    }, 'request');
  });

  for (const spec of routes) {
    const key = `${spec.method} ${spec.url}`;
    // A cached answer (ctx.cache returns the same object until the store changes) is checked and
    // serialised once: the JSON text is kept with the object and dropped with it. Frozen by
    // convention: handlers never mutate what they returned.
    const checkedJson = new WeakMap<object, Encoded>();
    app.route({
      method: spec.method,
      url: spec.url,
      bodyLimit: spec.bodyLimit ?? config.bodyLimit,
      ...(RATE_LIMITED.has(key) ? { config: { rateLimit: { max: config.loginRatePerMinute, timeWindow: 60_000 } } } : {}),
      onRequest: [
        async (request: FastifyRequest) => {
          request.vindexRoute = spec.url;
        },
        guardFor(spec, options.store, config, sessions),
      ],
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const params = parsePart(spec.params, request.params, 'params');
        const query = parsePart(spec.query, request.query, 'query');
        const body = parsePart(spec.body, request.body, 'body');
        let result: unknown;
        try {
          const call = () => spec.handler(requestOf(request, ctx, params, query, body), reply);
          result = await (spec.method !== 'GET' && spec.roles !== 'public' ? inTurn(call) : call());
        } finally {
          // A write that failed may still have changed something (a lock-out counter): forget either way.
          if (spec.method !== 'GET') wrote();
        }
        if (spec.raw) return reply.sent ? reply : reply.send(result);
        let json = typeof result === 'object' && result !== null ? checkedJson.get(result) : undefined;
        if (json === undefined) {
          const checked = spec.response.safeParse(result);
          if (!checked.success) {
            // Paths and codes only: the values may be personal data.
            request.log.error({ route: key, issues: checked.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code })) }, 'response breaks its schema');
            throw new VindexError('VDX_INTERNAL', `internal error: the response of ${key} breaks its schema (logged with request id ${request.id})`);
          }
          json = { plain: Buffer.from(JSON.stringify(checked.data), 'utf8') };
          if (typeof result === 'object' && result !== null) checkedJson.set(result, json);
        }
        reply.code(spec.status ?? 200).type('application/json; charset=utf-8');
        if (json.plain.length >= GZIP_FROM_BYTES) {
          reply.header('vary', 'accept-encoding');
          if (acceptsGzip(request)) {
            // Compressed once per answer, like the JSON text: a cached 175 kB dashboard goes out as ~20 kB.
            json.gzip ??= gzipSync(json.plain);
            return reply.header('content-encoding', 'gzip').send(json.gzip);
          }
        }
        return reply.send(json.plain);
      },
    });
  }

  const document = buildOpenApi(routes);
  await app.register(fastifySwagger, { mode: 'static', specification: { document: document as never } });
  // Swagger UI sets its own CSP on its pages (replacing helmet's there): own-origin only, no validator badge from swagger.io.
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null },
    staticCSP: { 'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'], 'connect-src': ["'self'"], 'object-src': ["'none'"], 'frame-ancestors': ["'none'"], 'base-uri': ["'self'"], 'form-action': ["'self'"] },
  });
  await registerWeb(app, config.webDir);

  return {
    app,
    ctx,
    async close() {
      await app.close();
      await jobs.idle();
    },
  };
}
