export interface CobrowseSettings {
  /** KCC_COBROWSE_RESUME_GRACE_MS: how long a resident may be between pages before the session ends (30 s). */
  resumeGraceMs: number;
  /** KCC_COBROWSE_TEST_CLOCK=1: `POST /api/cobrowse/test-clock` moves the module's clock (end-to-end tests only). */
  testClock: boolean;
}

export function cobrowseSettingsFromEnv(env: Record<string, string | undefined>): CobrowseSettings {
  const grace = Number(env.KCC_COBROWSE_RESUME_GRACE_MS ?? 30_000);
  return {
    resumeGraceMs: Number.isInteger(grace) && grace >= 0 && grace <= 600_000 ? grace : 30_000,
    testClock: env.KCC_COBROWSE_TEST_CLOCK === '1',
  };
}
