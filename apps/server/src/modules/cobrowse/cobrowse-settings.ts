export interface CobrowseSettings {
  /** KCC_COBROWSE_RESUME_GRACE_MS: how long a resident may be between pages before the session ends (30 s). */
  resumeGraceMs: number;
}

export function cobrowseSettingsFromEnv(env: Record<string, string | undefined>): CobrowseSettings {
  const grace = Number(env.KCC_COBROWSE_RESUME_GRACE_MS ?? 30_000);
  return {
    resumeGraceMs: Number.isInteger(grace) && grace >= 0 && grace <= 600_000 ? grace : 30_000,
  };
}
