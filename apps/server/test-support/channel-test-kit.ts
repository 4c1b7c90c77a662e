import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { CitizenClientToServerEvents, CitizenServerToClientEvents } from '@kcc/contracts/channels';
import type { AgentServerToClientEvents, ContactOfferedEvent } from '@kcc/contracts/realtime';
import type { AgentChannelServerToClientEvents } from '@kcc/contracts/channels';
import type { ServerOptions } from '../src/app';
import { createFakeKlantinteracties } from './fake-klantinteracties';
import { nextEvent, startTestServer, type AgentClient, type TestServer } from './test-server';

export type CitizenClient = Socket<CitizenServerToClientEvents, CitizenClientToServerEvents>;

/** A local SMTP sink standing in for KCC_SMTP_RELAY: every accepted message, raw and parsed. */
export interface SmtpSink {
  port: number;
  mails: { raw: Buffer; parsed: ParsedMail }[];
  next(ms?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SmtpSink['mails'] = [];
  const waiters: ((m: ParsedMail) => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((parsed) => {
          mails.push({ raw, parsed });
          waiters.shift()?.(parsed);
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let seen = 0;
  return {
    port,
    mails,
    next(ms = 15_000) {
      if (mails.length > seen) return Promise.resolve((mails[seen++] as { parsed: ParsedMail }).parsed);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no mail arrived at the sink')), ms);
        waiters.push((m) => {
          clearTimeout(timer);
          seen++;
          resolve(m);
        });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ChannelKit {
  server: TestServer;
  sink: SmtpSink;
  origin: string;
  citizen(opts?: { origin?: string }): Promise<CitizenClient>;
  /** An agent socket with presence beschikbaar. */
  agent(username: 'anna' | 'bram'): Promise<{ token: string; socket: AgentClient }>;
  /** Wait for an offer of this contact (by id) and accept it. */
  acceptNext(socket: AgentClient, contactId?: string): Promise<ContactOfferedEvent>;
  sendMail(mail: SendMailOptions): Promise<void>;
  stop(): Promise<void>;
}

export async function startChannelKit(
  env: Record<string, string> = {},
  options: Pick<ServerOptions, 'clock'> = {},
): Promise<ChannelKit> {
  const sink = await startSmtpSink();
  const server = await startTestServer(
    {
      KCC_SMTP_RELAY: `127.0.0.1:${sink.port}`,
      KCC_CHAT_QUEUE_PUSH_MS: '300',
      // Receipts are tested in ontvangstbevestiging.test.ts; elsewhere the sink gets only the mail under test.
      KCC_ONTVANGSTBEVESTIGING: 'uit',
      ...env,
    },
    { klantinteracties: createFakeKlantinteracties(), ...options },
  );
  const citizens: CitizenClient[] = [];
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: server.smtpPort ?? 0,
    secure: false,
    ignoreTLS: true,
  });
  return {
    server,
    sink,
    origin: server.url,
    citizen(opts = {}) {
      const socket: CitizenClient = ioClient(`${server.url}/citizen`, {
        transports: ['websocket'],
        reconnection: false,
        // A new connection per resident: a shared (multiplexed) one would drop the Origin header.
        forceNew: true,
        extraHeaders: { origin: opts.origin ?? server.url },
      });
      citizens.push(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', (err) => reject(err));
      });
    },
    async agent(username) {
      const token = await server.login(username);
      const socket = await server.connectAgent(token);
      const res = await socket.emitWithAck('presence:set', { status: 'beschikbaar' });
      if (!res.ok) throw new Error('presence failed');
      return { token, socket };
    },
    async acceptNext(socket, contactId) {
      for (;;) {
        const offer = await nextEvent(socket, 'contact:offered');
        if (contactId !== undefined && offer.contact.id !== contactId) continue;
        const res = await socket.emitWithAck('offer:accept', { offerId: offer.offerId });
        if (!res.ok) throw new Error(`accept failed: ${res.error}`);
        return offer;
      }
    },
    async sendMail(mail) {
      await transport.sendMail(mail);
    },
    async stop() {
      for (const c of citizens) c.disconnect();
      transport.close();
      await server.stop();
      await sink.close();
    },
  };
}

/** Next push of one of the channel events on an agent socket. */
export function nextAgentEvent<E extends keyof AgentChannelServerToClientEvents>(
  socket: AgentClient,
  event: E,
  match: (payload: Parameters<AgentChannelServerToClientEvents[E]>[0]) => boolean = () => true,
  ms = 15_000,
): Promise<Parameters<AgentChannelServerToClientEvents[E]>[0]> {
  const s = socket as unknown as {
    on(e: string, fn: (p: never) => void): void;
    off(e: string, fn: (p: never) => void): void;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.off(event, handler);
      reject(new Error(`timeout waiting for ${event}`));
    }, ms);
    const handler = (payload: never) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      s.off(event, handler);
      resolve(payload);
    };
    s.on(event, handler);
  });
}

/** Next event on a citizen socket. */
export function nextCitizenEvent<E extends keyof CitizenServerToClientEvents>(
  socket: CitizenClient,
  event: E,
  ms = 15_000,
): Promise<Parameters<CitizenServerToClientEvents[E]>[0]> {
  const s = socket as unknown as {
    once(e: string, fn: (p: never) => void): void;
    off(e: string, fn: (p: never) => void): void;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.off(event, handler);
      reject(new Error(`timeout waiting for ${event}`));
    }, ms);
    const handler = (payload: never) => {
      clearTimeout(timer);
      resolve(payload);
    };
    s.once(event, handler);
  });
}

export type { AgentServerToClientEvents };
