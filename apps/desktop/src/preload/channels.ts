import type { InvokeChannel, PushChannel } from '@kcc/contracts/ipc';

/**
 * The contract's channel names without its schemas: `@kcc/contracts/ipc` builds zod schemas at module load, and
 * bundling zod would grow the sandboxed preload from a few kB to well over 100 kB. The type checks below make
 * `tsc` fail when these lists and the contract drift apart in either direction, and channels.test.ts compares them
 * with the contract's `INVOKE_CHANNELS` / `PUSH_CHANNELS` at run time.
 */
export const INVOKE_CHANNELS = [
  'kcc:config:get',
  'kcc:notify:offer',
  'kcc:auth:oidc-login',
  'kcc:tray:set-waiting',
] as const satisfies readonly InvokeChannel[];

export const PUSH_CHANNELS = [
  'kcc:window:focus-changed',
  'kcc:notification:clicked',
] as const satisfies readonly PushChannel[];

type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : { missing: Exclude<All, Listed> };
const invokeComplete: Missing<InvokeChannel, (typeof INVOKE_CHANNELS)[number]> = true;
const pushComplete: Missing<PushChannel, (typeof PUSH_CHANNELS)[number]> = true;
void invokeComplete;
void pushComplete;
