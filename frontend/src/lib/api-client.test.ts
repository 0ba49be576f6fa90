import { describe, expect, it, vi } from 'vitest';
import { mockApi, mockXhr, problem } from '@/test/api-mock';
import { api, ApiError, errorDetail, filenameFromDisposition, toApiError, unwrap, uploadWithProgress } from './api-client';
import { getToken, setToken, UNAUTHORIZED_EVENT } from './auth-token';
import { shouldRetry } from './query-client';

describe('api client', () => {
  it('sends the bearer token and JSON body', async () => {
    setToken('tok123');
    const server = mockApi([{ method: 'POST', path: '/api/v1/approve/c1', reply: { status: 200, json: { ok: true } } }]);
    const body = { decision: 'approve' as const, comment: '', proof_version: 1 };
    await expect(unwrap(api.POST('/api/v1/approve/{campaign_id}', { params: { path: { campaign_id: 'c1' } }, body }))).resolves.toEqual({ ok: true });
    const call = server.callsTo('POST', '/api/v1/approve/c1')[0];
    expect(call?.headers.get('authorization')).toBe('Bearer tok123');
    expect(call?.body).toEqual(body);
  });

  it("turns the server's detail into the error message", async () => {
    mockApi([{ method: 'GET', path: '/api/v1/campaigns', reply: problem(409, 'wrong_step', 'Run process first.') }]);
    const err = await unwrap(api.GET('/api/v1/campaigns')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).detail).toBe('Run process first.');
    expect((err as ApiError).code).toBe('wrong_step');
    expect((err as ApiError).retryable).toBe(false);
  });

  it('explains network failures in plain words and marks them retryable', async () => {
    mockApi([{ method: 'GET', path: '/api/v1/campaigns', reply: 'network-error' }]);
    const err = (await unwrap(api.GET('/api/v1/campaigns')).catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(0);
    expect(err.detail).toMatch(/could not reach the server/i);
    expect(err.retryable).toBe(true);
  });

  it('announces a 401 so the app can return to sign-in', async () => {
    mockApi([{ method: 'GET', path: '/api/v1/campaigns', reply: problem(401, 'unauthorized', 'Not authenticated') }]);
    const listener = vi.fn();
    window.addEventListener(UNAUTHORIZED_EVENT, listener);
    await unwrap(api.GET('/api/v1/campaigns')).catch(() => undefined);
    window.removeEventListener(UNAUTHORIZED_EVENT, listener);
    expect(listener).toHaveBeenCalledOnce();
  });

  it('reads FastAPI list-shaped validation errors and falls back to status sentences', () => {
    expect(toApiError(422, { detail: [{ loc: ['body', 'email'], msg: 'value is not a valid email' }] }).detail).toBe(
      'email: value is not a valid email',
    );
    expect(toApiError(502, null).detail).toMatch(/something went wrong/i);
    expect(toApiError(503, '<html>').detail).toMatch(/temporarily unavailable/i);
    expect(toApiError(418, {}).detail).toBe('Request failed (418).');
  });

  it('gives every thrown value a sentence', () => {
    expect(errorDetail(new ApiError(400, 'x', 'Bad name.'))).toBe('Bad name.');
    expect(errorDetail(new Error('boom'))).toBe('boom');
    expect(errorDetail('??')).toMatch(/something went wrong/i);
  });

  it('retries only network and server errors', () => {
    expect(shouldRetry(0, new ApiError(0, 'network_error', 'x'))).toBe(true);
    expect(shouldRetry(0, new ApiError(503, 'down', 'x'))).toBe(true);
    expect(shouldRetry(0, new ApiError(404, 'not_found', 'x'))).toBe(false);
    expect(shouldRetry(2, new ApiError(503, 'down', 'x'))).toBe(false);
  });

  it('reads download file names', () => {
    expect(filenameFromDisposition('attachment; filename="winter.zip"', 'x.zip')).toBe('winter.zip');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''caf%C3%A9.zip", 'x.zip')).toBe('café.zip');
    expect(filenameFromDisposition(null, 'x.zip')).toBe('x.zip');
  });

  it('stores and clears the token', () => {
    setToken('abc');
    expect(getToken()).toBe('abc');
    setToken(null);
    expect(getToken()).toBeNull();
  });
});

describe('uploadWithProgress', () => {
  it('reports progress and resolves with the body', async () => {
    setToken('tok');
    const xhr = mockXhr({ status: 201, body: { id: 'c9' } }, [10, 60, 100]);
    const seen: number[] = [];
    const result = await uploadWithProgress<{ id: string }>('/api/v1/upload', new FormData(), (p) => seen.push(p.loaded));
    expect(result.id).toBe('c9');
    expect(seen).toEqual([10, 60, 100]);
    expect(xhr.sent[0]?.headers.Authorization).toBe('Bearer tok');
  });

  it("rejects with the server's detail", async () => {
    mockXhr({ status: 413, body: { detail: 'logo.png is larger than 5 MB.', code: 'file_too_large' } });
    await expect(uploadWithProgress('/api/v1/upload', new FormData(), () => undefined)).rejects.toMatchObject({
      status: 413,
      detail: 'logo.png is larger than 5 MB.',
    });
  });

  it('rejects network failures as retryable', async () => {
    mockXhr('network-error');
    await expect(uploadWithProgress('/api/v1/upload', new FormData(), () => undefined)).rejects.toMatchObject({ status: 0 });
  });
});
