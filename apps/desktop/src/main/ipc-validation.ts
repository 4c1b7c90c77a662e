import {
  invokeContract,
  pushEvents,
  type InvokeChannel,
  type InvokeOutput,
  type PushChannel,
  type PushPayload,
} from '@kcc/contracts/ipc';
import type { z } from 'zod';

/** Thrown to the renderer (Electron turns it into a rejected `invoke` promise). */
export class IpcRejectedError extends Error {
  override name = 'IpcRejectedError';
}

function summarise(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(invoer)'}: ${i.message}`)
    .join('; ');
}

/**
 * Electron checklist #17: only the workplace, loaded from the configured server, may call main. A missing frame
 * (already navigated away or destroyed), a subframe from elsewhere, file:, data: or another site are all refused.
 */
export function assertTrustedSender(
  channel: string,
  senderUrl: string | undefined,
  allowedOrigin: string,
): void {
  let origin: string | undefined;
  try {
    origin = senderUrl === undefined ? undefined : new URL(senderUrl).origin;
  } catch {
    origin = undefined;
  }
  if (origin === undefined || origin === 'null' || origin !== allowedOrigin) {
    throw new IpcRejectedError(`${channel}: afzender niet toegestaan (${origin ?? 'onbekend'})`);
  }
}

/** The input after parsing (defaults applied), as the handler receives it. */
export type ParsedInput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['input']>;

export function parseInvokeInput<C extends InvokeChannel>(channel: C, input: unknown): ParsedInput<C> {
  const schema = invokeContract[channel].input as z.ZodType;
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new IpcRejectedError(`${channel}: ongeldige invoer — ${summarise(parsed.error)}`);
  return parsed.data as ParsedInput<C>;
}

export function parseInvokeOutput<C extends InvokeChannel>(channel: C, output: unknown): InvokeOutput<C> {
  const schema = invokeContract[channel].output as z.ZodType;
  const parsed = schema.safeParse(output);
  if (!parsed.success) throw new Error(`${channel}: ongeldig antwoord van main — ${summarise(parsed.error)}`);
  return parsed.data as InvokeOutput<C>;
}

export function parsePushPayload<E extends PushChannel>(event: E, payload: unknown): PushPayload<E> {
  const parsed = (pushEvents[event] as z.ZodType).safeParse(payload);
  if (!parsed.success) throw new Error(`${event}: ongeldig bericht — ${summarise(parsed.error)}`);
  return parsed.data as PushPayload<E>;
}

export type InvokeHandler<C extends InvokeChannel> = (
  input: ParsedInput<C>,
) => InvokeOutput<C> | Promise<InvokeOutput<C>>;

/**
 * The whole IPC boundary as one pure function: sender check, then input parse, then the handler, then output
 * parse. `handle.ts` only plugs Electron's `ipcMain.handle` into this.
 */
export function createValidatedInvoke<C extends InvokeChannel>(
  channel: C,
  handler: InvokeHandler<C>,
  allowedOrigin: () => string,
): (senderUrl: string | undefined, rawInput: unknown) => Promise<InvokeOutput<C>> {
  return async (senderUrl, rawInput) => {
    assertTrustedSender(channel, senderUrl, allowedOrigin());
    const input = parseInvokeInput(channel, rawInput);
    const output = await handler(input);
    return parseInvokeOutput(channel, output);
  };
}
