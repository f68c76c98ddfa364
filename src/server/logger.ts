/**
 * The server's structured log (pino, JSON lines). Fastify's own per-request lines are off: they
 * carry the client address and the full URL (which can hold a user name). We log one line per
 * request with the method, route pattern, status, duration, request id and role, and nothing
 * personal: no user names, passwords, cookies, addresses or bodies. The redaction list is a
 * second line of defence for error objects.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export const REDACT = ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', 'password', '*.password', 'username', '*.username', 'body', '*.body'];

export function createLogger(level: string = 'info', destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'vindex' } };
  return destination ? pino(options, destination) : pino(options);
}
