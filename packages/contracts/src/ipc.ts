import { z } from 'zod';
import { LoginResponse } from './rest';

/**
 * The desktop bridge, typed once. Main validates every input against these schemas and checks the sender;
 * the preload only allow-lists the channel names (it stays a small sandbox-safe bundle).
 */
const HttpUrl = z.url({ protocol: /^https?$/, error: 'Alleen http- of https-adressen' }).max(2000);

export const invokeContract = {
  /** Desktop settings the renderer needs at start. */
  'kcc:config:get': { input: z.undefined(), output: z.object({ serverUrl: HttpUrl, version: z.string() }) },
  /** An offer arrived: a native notification and a taskbar flash, only when the window is not focused. */
  'kcc:notify:offer': {
    input: z
      .object({ offerId: z.string().max(100), title: z.string().max(200), body: z.string().max(500) })
      .strict(),
    output: z.object({ shown: z.boolean() }),
  },
  /**
   * "Inloggen met uw organisatieaccount" in the desktop shell: main opens the system browser with PKCE and a
   * loopback redirect (RFC 8252), never a login window inside the app, and returns the server's session.
   */
  'kcc:auth:oidc-login': {
    input: z.undefined(),
    output: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), session: LoginResponse }),
      z.object({ ok: z.literal(false), message: z.string().max(500) }),
    ]),
  },
  /** The number of waiting contacts in my queues, for the tray icon tooltip and badge. */
  'kcc:tray:set-waiting': {
    input: z.object({ count: z.number().int().min(0).max(100_000) }).strict(),
    output: z.void(),
  },
} as const satisfies Record<`kcc:${string}`, { input: z.ZodType; output: z.ZodType }>;

export const pushEvents = {
  'kcc:window:focus-changed': z.object({ focused: z.boolean() }),
  /** The agent clicked the offer notification: focus that offer. */
  'kcc:notification:clicked': z.object({ offerId: z.string() }),
} as const satisfies Record<`kcc:${string}`, z.ZodType>;

export type InvokeChannel = keyof typeof invokeContract;
export type PushChannel = keyof typeof pushEvents;
export const INVOKE_CHANNELS = Object.keys(invokeContract) as InvokeChannel[];
export const PUSH_CHANNELS = Object.keys(pushEvents) as PushChannel[];

export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['input']>;
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['output']>;
export type PushPayload<E extends PushChannel> = z.output<(typeof pushEvents)[E]>;

/** What the preload exposes as `window.kcc`. */
export interface KccBridge {
  invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeOutput<C>>;
  on<E extends PushChannel>(event: E, listener: (payload: PushPayload<E>) => void): () => void;
}
