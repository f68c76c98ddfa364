/**
 * Every error leaves the server as `{ "error": { "code": "VDX_…", "message": "…" } }` with the
 * code's HTTP status from the catalogue (src/errors.ts). Errors raised by Fastify itself (body
 * too large, malformed JSON, rate limit) are mapped to catalogue codes; anything else is a 500
 * VDX_INTERNAL whose details go to the log, never to the client.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CATALOGUE, VindexError, type ErrorCode } from '../errors.ts';

export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string };
}

export function sendError(reply: FastifyReply, code: ErrorCode, message: string): FastifyReply {
  const body: ErrorBody = { error: { code, message } };
  return reply.code(ERROR_CATALOGUE[code].http).type('application/json; charset=utf-8').send(body);
}

/** Fastify's own error codes that are the client's fault, as catalogue codes. */
function fromFastify(e: FastifyError): { code: ErrorCode; message: string } | undefined {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'VDX_REQUEST_TOO_LARGE', message: 'body: larger than this endpoint accepts' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'VDX_REQUEST_INVALID', message: 'body: not valid JSON' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'VDX_REQUEST_INVALID', message: 'body: this content type is not accepted (send application/json)' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'VDX_REQUEST_INVALID', message: 'body: its length does not match Content-Length' };
    case 'VDX_RATE_LIMITED':
      return { code: 'VDX_RATE_LIMITED', message: 'too many sign-in attempts from this address; wait a minute' };
  }
  if (e instanceof SyntaxError && e.statusCode === 400) return { code: 'VDX_REQUEST_INVALID', message: 'body: not valid JSON' };
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return { code: 'VDX_REQUEST_INVALID', message: 'the request is malformed' };
  return undefined;
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof VindexError) {
    if (ERROR_CATALOGUE[error.code].http >= 500) request.log.error({ err: error, code: error.code }, 'request failed');
    return sendError(reply, error.code, error.message);
  }
  const mapped = fromFastify(error as FastifyError);
  if (mapped) return sendError(reply, mapped.code, mapped.message);
  request.log.error({ err: error }, 'internal error');
  return sendError(reply, 'VDX_INTERNAL', 'internal error (logged on the server with this request id: ' + request.id + ')');
}
