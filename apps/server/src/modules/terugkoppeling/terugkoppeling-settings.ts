import { z } from 'zod';

export interface TerugkoppelingSettings {
  /** NotifyNL for SMS; without it SMS is off (a preferred SMS channel gets "niet verstuurd"). */
  notify?: {
    url: string;
    apiKey: string;
    templateTerugkoppeling: string;
    templateBeoordeling: string;
  };
  /** The number residents can call, in the texts. */
  telefoon: string;
}

const Env = z.object({
  KCC_NOTIFY_URL: z.url().optional(),
  KCC_NOTIFY_API_KEY: z
    .string()
    .regex(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      'verwacht {naam}-{service_id}-{geheim}',
    )
    .optional(),
  KCC_NOTIFY_TEMPLATE_TERUGKOPPELING: z.uuid().optional(),
  KCC_NOTIFY_TEMPLATE_BEOORDELING: z.uuid().optional(),
  KCC_TERUGKOPPELING_TELEFOON: z.string().trim().min(2).max(40).default('14 020'),
});

/** `KCC_NOTIFY_*`: all four or none (half a configuration is an error). */
export function terugkoppelingSettingsFromEnv(
  env: Record<string, string | undefined>,
): { ok: true; settings: TerugkoppelingSettings } | { ok: false; problems: string[] } {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  }
  const e = parsed.data;
  const parts = [
    e.KCC_NOTIFY_URL,
    e.KCC_NOTIFY_API_KEY,
    e.KCC_NOTIFY_TEMPLATE_TERUGKOPPELING,
    e.KCC_NOTIFY_TEMPLATE_BEOORDELING,
  ];
  const given = parts.filter((p) => p !== undefined).length;
  if (given > 0 && given < parts.length) {
    return {
      ok: false,
      problems: [
        'NotifyNL is maar half ingesteld: KCC_NOTIFY_URL, KCC_NOTIFY_API_KEY, KCC_NOTIFY_TEMPLATE_TERUGKOPPELING en KCC_NOTIFY_TEMPLATE_BEOORDELING zijn allemaal nodig',
      ],
    };
  }
  return {
    ok: true,
    settings: {
      telefoon: e.KCC_TERUGKOPPELING_TELEFOON,
      ...(given > 0
        ? {
            notify: {
              url: e.KCC_NOTIFY_URL!.replace(/\/+$/, ''),
              apiKey: e.KCC_NOTIFY_API_KEY!,
              templateTerugkoppeling: e.KCC_NOTIFY_TEMPLATE_TERUGKOPPELING!,
              templateBeoordeling: e.KCC_NOTIFY_TEMPLATE_BEOORDELING!,
            },
          }
        : {}),
    },
  };
}
