export type RoutingErrorCode =
  'unknown_queue' | 'unknown_agent' | 'invalid_config' | 'invalid_input' | 'invalid_state';

/** Thrown for programming errors (unknown queue, bad configuration, impossible transition); never for races. */
export class RoutingError extends Error {
  readonly code: RoutingErrorCode;

  constructor(code: RoutingErrorCode, message: string) {
    super(message);
    this.name = 'RoutingError';
    this.code = code;
  }
}
