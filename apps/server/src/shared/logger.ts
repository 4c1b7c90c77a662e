/** The structured logger every module gets (Fastify's pino logger in the server, a stand-in in tests). */
export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}
