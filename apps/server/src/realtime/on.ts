import type { z } from 'zod';
import { ACK_ERRORS, type Ack, type AckIssue } from '@kcc/contracts/realtime';
import type { Logger } from '../shared/logger';

interface Listenable {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAck = Ack<any>;

export function zodIssues(error: z.ZodError): AckIssue[] {
  return error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: i.message,
    code: i.code,
  }));
}

/**
 * Register a command handler: validate the payload, run the handler, ack. Whatever the client sends
 * (no payload, garbage, no ack callback, a throwing handler) the server keeps running.
 */
export function on<S extends z.ZodType>(
  socket: Listenable,
  event: string,
  schema: S,
  handler: (payload: z.output<S>) => AnyAck | Promise<AnyAck>,
  log: Logger,
): void {
  socket.on(event, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (res: AnyAck) => void) : undefined;
    const payload = ack ? args.slice(0, -1)[0] : args[0];
    void (async () => {
      let res: AnyAck;
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        res = { ok: false, error: ACK_ERRORS.invalidPayload, issues: zodIssues(parsed.error) };
      } else {
        try {
          res = await handler(parsed.data);
        } catch (err) {
          log.error({ err, event }, 'socket handler failed');
          res = { ok: false, error: ACK_ERRORS.internal };
        }
      }
      try {
        ack?.(res);
      } catch (err) {
        log.warn({ err, event }, 'ack failed');
      }
    })();
  });
}
