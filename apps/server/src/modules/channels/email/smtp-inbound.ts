import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Logger } from '../../../shared/logger';
import { MailRefused } from './email-ingest';

export interface SmtpInbound {
  /** The port it listens on (KCC_SMTP_PORT, or the random one for 0). */
  port: number;
  close(): Promise<void>;
}

type SmtpError = Error & { responseCode?: number };

function smtpError(code: number, message: string): SmtpError {
  const err: SmtpError = new Error(message);
  err.responseCode = code;
  return err;
}

/**
 * Inbound SMTP (smtp-server): accepts mail for any recipient (the MTA in front decides what reaches us), refuses
 * oversized mail with 552 and non-mail with 554; a storage failure answers 451 so the sender retries.
 * The message is acknowledged (250) only after it is stored.
 */
export async function startSmtpInbound(opts: {
  host: string;
  port: number;
  maxBytes: number;
  log: Logger;
  onMessage: (raw: Buffer, envelope: { mailFrom?: string; rcptTo: string[] }) => Promise<unknown>;
}): Promise<SmtpInbound> {
  const server = new SMTPServer({
    name: 'kcc',
    banner: 'KCC klantcontact e-mail',
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: opts.maxBytes,
    logger: false,
    maxClients: 200,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const chunks: Buffer[] = [];
      let length = 0;
      stream.on('data', (chunk: Buffer) => {
        length += chunk.length;
        // Keep reading (the protocol needs the terminating dot) but stop buffering past the limit.
        if (length <= opts.maxBytes) chunks.push(chunk);
      });
      stream.on('error', (err) => {
        opts.log.warn({ err }, 'smtp data stream failed');
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || length > opts.maxBytes) {
          callback(smtpError(552, `Message exceeds the maximum size of ${opts.maxBytes} bytes`));
          return;
        }
        const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined;
        const envelope = {
          ...(mailFrom ? { mailFrom } : {}),
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
        };
        opts.onMessage(Buffer.concat(chunks), envelope).then(
          () => callback(null),
          (err: unknown) => {
            if (err instanceof MailRefused) {
              callback(smtpError(err.responseCode, err.message));
              return;
            }
            opts.log.error({ err }, 'storing an e-mail failed');
            callback(smtpError(451, 'Temporary failure, please try again later'));
          },
        );
      });
    },
  });
  server.on('error', (err) => opts.log.warn({ err }, 'smtp server error'));
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.server.once('error', onError);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
