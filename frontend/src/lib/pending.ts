/**
 * Work a job worker is still doing answers "not yet" with a code and a Retry-After (the download ZIP
 * right after approval: 409 package_pending; a picture proof: 503 picture_pending). The caller asks
 * again after the wait the server names, instead of showing an error for work that is on its way.
 */

export const MAX_PENDING_WAIT_MS = 60_000;

type Answer = { error?: unknown; response: Response };

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Seconds the answer asks to wait before asking again (Retry-After), kept within 1–10. */
export function retryAfterSeconds(response: Response, fallback = 2): number {
  const asked = Number(response.headers.get('retry-after'));
  return Math.min(10, Math.max(1, Number.isFinite(asked) && asked > 0 ? asked : fallback));
}

/** `call()` again while it answers `code`, waiting what each answer asks, up to `budgetMs` of waiting in all. */
export async function askAgainWhilePending<T extends Answer>(
  call: () => Promise<T>,
  code: string,
  budgetMs = MAX_PENDING_WAIT_MS,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  let waited = 0;
  for (;;) {
    const answer = await call();
    if (answer.response.ok || codeOf(answer.error) !== code) return answer;
    const wait = retryAfterSeconds(answer.response) * 1000;
    if (waited + wait > budgetMs) return answer;
    await sleep(wait);
    waited += wait;
  }
}
