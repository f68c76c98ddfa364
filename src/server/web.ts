/**
 * The built web app (out/web/) at every path outside /api, with the single-page fallback: a path
 * that is not a file gets index.html, and the app's router takes it from there. Without a build,
 * a plain page says how to make one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './http-errors.ts';

const MISSING_BUILD = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vindex: web app not built</title></head>
<body><h1>The Vindex web app is not built</h1>
<p>The API is running (see <a href="/api/docs">/api/docs</a>), but there is no web app in the server's web folder.
Run <code>npm run build</code>, then restart <code>vindex serve</code>.</p></body></html>
`;

export async function registerWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const built = existsSync(join(webDir, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: webDir, prefix: '/', index: ['index.html'], cacheControl: true, maxAge: 0 });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    if (path === '/api' || path.startsWith('/api/')) return sendError(reply, 'VDX_NOT_FOUND', `no endpoint ${request.method} ${path}`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendError(reply, 'VDX_NOT_FOUND', `no endpoint ${request.method} ${path}`);
    // A missing asset (a path with a file extension) is a 404, not the app's page.
    if (/\.[a-z0-9]+$/i.test(path)) return sendError(reply, 'VDX_NOT_FOUND', 'no such file');
    if (!built || !existsSync(join(webDir, 'index.html'))) return reply.code(503).type('text/html; charset=utf-8').send(MISSING_BUILD);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
  });
}
