import { ConnectorError } from './errors';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  resetTimeoutMs: number;
  now?: () => number;
}

/**
 * Closed: calls pass; `failureThreshold` consecutive failures open it. Open: calls fail fast with
 * `circuit_open` until `resetTimeoutMs` passed. Half-open: exactly one trial call passes; success closes the
 * circuit, failure opens it again. Only failures that say something about the register's health count
 * (see `countsAsFailure`), so a 404 for an unknown BSN does not open it.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private current: CircuitState = 'closed';
  private readonly now: () => number;

  constructor(
    private readonly register: string,
    private readonly options: CircuitBreakerOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.resetTimeoutMs) {
      this.current = 'half-open';
    }
    return this.current;
  }

  async run<T>(fn: () => Promise<T>, countsAsFailure: (err: unknown) => boolean = () => true): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.trialInFlight)) {
      throw new ConnectorError(
        this.register,
        'circuit_open',
        'register tijdelijk uitgeschakeld na herhaalde fouten',
      );
    }
    const trial = state === 'half-open';
    if (trial) this.trialInFlight = true;
    try {
      const result = await fn();
      this.failures = 0;
      this.current = 'closed';
      return result;
    } catch (err) {
      if (countsAsFailure(err)) {
        this.failures++;
        if (trial || this.failures >= this.options.failureThreshold) {
          this.current = 'open';
          this.openedAt = this.now();
        }
      } else if (trial) {
        this.failures = 0;
        this.current = 'closed';
      }
      throw err;
    } finally {
      if (trial) this.trialInFlight = false;
    }
  }
}
