import createClient from 'openapi-fetch';
import type { paths } from '@/client/schema';
import { getToken, UNAUTHORIZED_EVENT } from './auth-token';

/** An error the user can read: the server's `detail`, or a plain sentence for network trouble. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;

  constructor(status: number, code: string, detail: string) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
  }

  /** Network failures, server errors and "try later" answers are worth a retry. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

export const NETWORK_ERROR_DETAIL = 'Could not reach the server. Check your connection and try again.';

const STATUS_SENTENCES: Record<number, string> = {
  400: 'The request was not accepted.',
  401: 'Please sign in to continue.',
  403: 'You do not have access to this.',
  404: 'We could not find that.',
  409: 'That step cannot run yet.',
  413: 'A file is too large.',
  415: 'That file type is not supported.',
  422: 'Some fields need attention.',
  429: 'Too many requests. Wait a moment and try again.',
  503: 'The service is temporarily unavailable. Try again in a moment.',
};

function fallbackDetail(status: number): string {
  return STATUS_SENTENCES[status] ?? (status >= 500 ? 'Something went wrong on our side. Try again.' : `Request failed (${status}).`);
}

/** Turns any error body into an ApiError carrying a sentence for the user. */
export function toApiError(status: number, body: unknown): ApiError {
  let detail = fallbackDetail(status);
  let code = `http_${status}`;
  if (body && typeof body === 'object') {
    const b = body as { detail?: unknown; code?: unknown };
    if (typeof b.detail === 'string' && b.detail.trim()) detail = b.detail;
    else if (Array.isArray(b.detail) && b.detail.length > 0) {
      // FastAPI's default validation shape: [{loc, msg}].
      const first = b.detail[0] as { msg?: unknown; loc?: unknown };
      if (typeof first.msg === 'string') {
        const field = Array.isArray(first.loc) ? String(first.loc[first.loc.length - 1]) : '';
        detail = field ? `${field}: ${first.msg}` : first.msg;
      }
    }
    if (typeof b.code === 'string') code = b.code;
  }
  return new ApiError(status, code, detail);
}

export function authHeaders(): Record<string, string> {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function notifyUnauthorized(path: string): void {
  // Signing in itself answers 401 for a wrong password; that is not a session expiry.
  if (!path.includes('/auth/login')) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
}

/** fetch for the generated client: adds the token, turns network failures into ApiError. */
async function clientFetch(request: Request): Promise<Response> {
  const token = getToken();
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  try {
    return await fetch(request);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', NETWORK_ERROR_DETAIL);
  }
}

/**
 * The typed client generated from the backend's OpenAPI schema. Relative to
 * the page's origin so it works behind the Vite proxy, uvicorn and nginx alike.
 */
export const api = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  fetch: clientFetch,
});

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the server's detail. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    if (response.status === 401) notifyUnauthorized(new URL(response.url || 'http://x/').pathname);
    throw toApiError(response.status, error);
  }
  return data as T;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * POSTs multipart data with XMLHttpRequest because fetch cannot report upload
 * progress. Resolves with the parsed JSON body.
 */
export function uploadWithProgress<T>(
  path: string,
  data: FormData,
  onProgress: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e: ProgressEvent) => {
      if (e.lengthComputable) onProgress({ loaded: e.loaded, total: e.total });
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
      } else {
        if (xhr.status === 401) notifyUnauthorized(path);
        reject(toApiError(xhr.status, body));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', NETWORK_ERROR_DETAIL));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'The upload was cancelled.'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(data);
  });
}

/** Reads a filename out of a Content-Disposition header. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain filename */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/** The sentence to show for any thrown value. */
export function errorDetail(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}
