/**
 * The one way the app talks to the server: same-origin fetch of /api, JSON in and out, the CSRF
 * token in `x-csrf-token` on every non-GET request, and server errors turned into ApiError
 * (`{ error: { code, message } }` → code + message, shown to the user as they are).
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onSessionEnded: (() => void) | null = null;

/** Called when a signed-in request answers 401 (the session ended: idle, expired, signed out elsewhere). */
export function setSessionEndedHandler(handler: (() => void) | null): void {
  onSessionEnded = handler;
}

/** Set after sign-in (and from GET /api/session); cleared on sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface RequestOptions {
  readonly body?: unknown;
  /** A raw body (file upload) sent as-is instead of JSON. */
  readonly raw?: Blob | string;
  readonly contentType?: string;
  readonly signal?: AbortSignal;
}

async function request(method: Method, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    headers['content-type'] = options.contentType ?? 'application/octet-stream';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached. Check your connection and try again.');
  }
  if (!res.ok) {
    const error = await errorOf(res);
    if (res.status === 401 && path !== '/api/session') onSessionEnded?.();
    throw error;
  }
  return res;
}

async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (parsed.error?.message) return new ApiError(res.status, parsed.error.code ?? `HTTP_${res.status}`, parsed.error.message);
  } catch {
    // not JSON: fall through to the status line
  }
  return new ApiError(res.status, `HTTP_${res.status}`, `The server answered ${res.status} ${res.statusText || ''}`.trim());
}

export const api = {
  async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return (await (await request('GET', path, signal ? { signal } : {})).json()) as T;
  },
  async text(path: string, signal?: AbortSignal): Promise<string> {
    return (await request('GET', path, signal ? { signal } : {})).text();
  },
  async post<T>(path: string, body: unknown = {}): Promise<T> {
    return (await (await request('POST', path, { body })).json()) as T;
  },
  async put<T>(path: string, body: unknown): Promise<T> {
    return (await (await request('PUT', path, { body })).json()) as T;
  },
  async upload<T>(path: string, file: Blob, contentType: string): Promise<T> {
    return (await (await request('POST', path, { raw: file, contentType })).json()) as T;
  },
  async delete(path: string): Promise<void> {
    await request('DELETE', path);
  },
};

/** The message to show for a failure of any kind. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message.charAt(0).toUpperCase() + e.message.slice(1);
  if (e instanceof Error) return e.message;
  return String(e);
}
