export interface WaitForHealthOptions {
  timeoutMs: number;
  intervalMs?: number;
  fetch?: (url: string, init: { signal: AbortSignal }) => Promise<{ status: number }>;
  /** Stop waiting as soon as this returns a reason (e.g. the server process exited). */
  gaveUp?: () => string | undefined;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class HealthWaitError extends Error {
  override name = 'HealthWaitError';
}

/** Polls `GET <baseUrl>/health` until it answers 200 (CONTRACT: only when the server is ready). */
export async function waitForHealth(baseUrl: string, options: WaitForHealthOptions): Promise<void> {
  const {
    timeoutMs,
    intervalMs = 200,
    fetch: doFetch = (url, init) => fetch(url, init),
    gaveUp = () => undefined,
    now = Date.now,
    sleep = (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  } = options;
  const url = `${baseUrl.replace(/\/+$/, '')}/health`;
  const deadline = now() + timeoutMs;
  let lastProblem: string;
  for (;;) {
    const reason = gaveUp();
    if (reason !== undefined) throw new HealthWaitError(reason);
    const controller = new AbortController();
    // One hung request must not eat the whole wait; a refused connection fails fast anyway.
    const timer = setTimeout(() => controller.abort(), 2_000);
    try {
      const response = await doFetch(url, { signal: controller.signal });
      if (response.status === 200) return;
      lastProblem = `status ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timer);
    }
    if (now() >= deadline) {
      throw new HealthWaitError(
        `${url} was na ${Math.round(timeoutMs / 1000)} s nog niet gereed (${lastProblem})`,
      );
    }
    await sleep(intervalMs);
  }
}
