import { describe, expect, it } from 'vitest';
import { askAgainWhilePending, retryAfterSeconds } from './pending';

function answer(status: number, code?: string, retryAfter?: string) {
  const headers = new Headers(retryAfter ? { 'retry-after': retryAfter } : {});
  return { data: status === 200 ? 'zip' : undefined, error: code ? { code, detail: 'x' } : undefined, response: new Response(null, { status, headers }) };
}

describe('askAgainWhilePending', () => {
  it('asks again after the wait each answer names, until the work is done', async () => {
    const replies = [answer(409, 'package_pending', '3'), answer(409, 'package_pending', '1'), answer(200)];
    const waits: number[] = [];
    const result = await askAgainWhilePending(async () => replies.shift()!, 'package_pending', 60_000, async (ms) => {
      waits.push(ms);
    });
    expect(result.response.status).toBe(200);
    expect(waits).toEqual([3000, 1000]);
  });

  it('hands back any other answer at once', async () => {
    let calls = 0;
    const result = await askAgainWhilePending(async () => (calls++, answer(409, 'not_approved')), 'package_pending');
    expect(result.response.status).toBe(409);
    expect(calls).toBe(1);
  });

  it('gives up with the pending answer once the next wait would pass the budget', async () => {
    let calls = 0;
    const result = await askAgainWhilePending(
      async () => (calls++, answer(409, 'package_pending', '5')),
      'package_pending',
      12_000,
      async () => undefined,
    );
    expect((result.error as { code: string }).code).toBe('package_pending');
    expect(calls).toBe(3); // waited 5 s and 5 s; a third wait would pass 12 s
  });
});

describe('retryAfterSeconds', () => {
  it('keeps what the server asks within 1–10 s, 2 s when it names nothing usable', () => {
    expect(retryAfterSeconds(new Response(null, { headers: { 'retry-after': '4' } }))).toBe(4);
    expect(retryAfterSeconds(new Response(null, { headers: { 'retry-after': '600' } }))).toBe(10);
    expect(retryAfterSeconds(new Response(null, { headers: { 'retry-after': 'soon' } }))).toBe(2);
    expect(retryAfterSeconds(new Response(null))).toBe(2);
  });
});
