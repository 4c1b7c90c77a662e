import nodemailer from 'nodemailer';
import type { SendMailOptions, Transporter } from 'nodemailer';
import type { Logger } from '../../../shared/logger';

/** Outbound e-mail through KCC_SMTP_RELAY (`host:port`, plain SMTP to a local relay/MTA). */
export interface Mailer {
  readonly available: boolean;
  send(mail: SendMailOptions): Promise<void>;
  close(): void;
}

export function createMailer(relay: string | undefined, log: Logger): Mailer {
  if (relay === undefined) {
    return {
      available: false,
      send: () => Promise.reject(new Error('KCC_SMTP_RELAY is niet ingesteld')),
      close: () => undefined,
    };
  }
  const separator = relay.lastIndexOf(':');
  const host = relay.slice(0, separator);
  const port = Number(relay.slice(separator + 1));
  const transport: Transporter = nodemailer.createTransport({
    host,
    port,
    secure: false,
    // The relay is the municipality's own MTA on the internal network; it does TLS onwards.
    ignoreTLS: true,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    available: true,
    async send(mail) {
      await transport.sendMail(mail);
    },
    close() {
      try {
        transport.close();
      } catch (err) {
        log.warn({ err }, 'closing the mail transport failed');
      }
    },
  };
}
