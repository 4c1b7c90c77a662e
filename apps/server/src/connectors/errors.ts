/**
 * Why a call to a register failed, so that the composition can show a partial klantbeeld and the routes can
 * answer with a clear problem. `retryable` errors (timeouts, network, 5xx, 429) are retried for idempotent reads.
 */
export type ConnectorErrorKind =
  | 'timeout'
  | 'network'
  | 'circuit_open'
  | 'unauthorized'
  | 'not_found'
  | 'bad_request'
  | 'server'
  | 'rate_limited'
  | 'invalid_response';

export class ConnectorError extends Error {
  constructor(
    readonly register: string,
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(`${register}: ${message}`);
    this.name = 'ConnectorError';
  }

  get retryable(): boolean {
    return (
      this.kind === 'timeout' ||
      this.kind === 'network' ||
      this.kind === 'server' ||
      this.kind === 'rate_limited'
    );
  }
}

export function statusKind(status: number): ConnectorErrorKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'bad_request';
}
