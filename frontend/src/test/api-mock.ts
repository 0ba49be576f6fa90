import { vi } from 'vitest';

export interface MockRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

type Reply = { status?: number; json?: unknown; text?: string; headers?: Record<string, string>; blob?: Blob } | 'network-error';
type Handler = (req: MockRequest) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  path: string | RegExp;
  reply: Reply | Handler;
}

export function json(status: number, body: unknown): Reply {
  return { status, json: body };
}

export function problem(status: number, code: string, detail: string): Reply {
  return { status, json: { detail, code } };
}

/**
 * Stubs fetch with a tiny router. Routes added later win, so a test can
 * override the defaults. `/api/v1/auth/me` answers 404 (no accounts) unless overridden.
 */
export function mockApi(routes: Route[] = []) {
  const all: Route[] = [{ method: 'GET', path: '/api/v1/auth/me', reply: problem(404, 'not_found', 'Not Found') }, ...routes];
  const calls: MockRequest[] = [];

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const isRequest = input instanceof Request;
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    const method = (isRequest ? input.method : (init.method ?? 'GET')).toUpperCase();
    const headers = new Headers(isRequest ? input.headers : init.headers);
    let body: unknown = isRequest ? (input.body ? await input.text() : undefined) : init.body;
    if (typeof body === 'string' && headers.get('content-type')?.includes('json')) body = JSON.parse(body);
    const req: MockRequest = { method, url, headers, body };
    calls.push(req);
    const route = [...all].reverse().find((r) => r.method === method && matches(r.path, url));
    if (!route) return new Response(JSON.stringify({ detail: `No mock for ${method} ${url.pathname}`, code: 'unmocked' }), { status: 500, headers: { 'content-type': 'application/json' } });
    const reply = typeof route.reply === 'function' ? await route.reply(req) : route.reply;
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    const status = reply.status ?? 200;
    if (reply.blob) return new Response(reply.blob, { status, headers: reply.headers });
    if (reply.text !== undefined) return new Response(reply.text, { status, headers: { 'content-type': 'text/html', ...reply.headers } });
    return new Response(status === 204 ? null : JSON.stringify(reply.json ?? null), {
      status,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);

  return {
    calls,
    add(route: Route) {
      all.push(route);
    },
    callsTo(method: string, path: string) {
      return calls.filter((c) => c.method === method && c.url.pathname === path);
    },
  };
}

function matches(path: string | RegExp, url: URL): boolean {
  return typeof path === 'string' ? url.pathname === path : path.test(url.pathname + url.search);
}

/** A scripted XMLHttpRequest for the upload: reports progress then answers. */
export function mockXhr(reply: { status: number; body: unknown } | 'network-error', progressSteps = [25, 100]) {
  const sent: { url: string; body: FormData; headers: Record<string, string> }[] = [];
  class FakeXhr {
    upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    status = 0;
    responseText = '';
    private url = '';
    private headers: Record<string, string> = {};
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(k: string, v: string) {
      this.headers[k] = v;
    }
    abort() {
      this.onabort?.();
    }
    send(body: FormData) {
      sent.push({ url: this.url, body, headers: this.headers });
      setTimeout(() => {
        for (const pct of progressSteps) {
          this.upload.onprogress?.({ lengthComputable: true, loaded: pct, total: 100 } as ProgressEvent);
        }
        if (reply === 'network-error') {
          this.onerror?.();
          return;
        }
        this.status = reply.status;
        this.responseText = JSON.stringify(reply.body);
        this.onload?.();
      }, 0);
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return { sent };
}
