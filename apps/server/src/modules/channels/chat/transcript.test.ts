import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore, type FreshDatabase } from '../../../../test-support/each-store';
import {
  startChannelKit,
  type ChannelKit,
  type CitizenClient,
} from '../../../../test-support/channel-test-kit';
import { defang } from './transcript-mail';

describe('defang', () => {
  it('breaks up links, domains and addresses so mail clients show plain text', () => {
    expect(defang('Klik op https://evil.example/login?x=1 nu')).toBe(
      'Klik op https[:]//evil[.]example/login?x=1 nu',
    );
    expect(defang('zie www.gemeente-betalen.nl of mail hulp@evil.example')).toBe(
      'zie www[.]gemeente-betalen[.]nl of mail hulp[at]evil[.]example',
    );
  });

  it('leaves numbers, abbreviations and ordinary sentences alone', () => {
    expect(defang('Het kost € 1.000, o.a. voor 2 p.m. Klaar.')).toBe(
      'Het kost € 1.000, o.a. voor 2 p.m. Klaar.',
    );
  });
});

describeEachStore('chat:transcript is no open relay (security item 2)', (stores) => {
  let kit: ChannelKit;
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await stores.freshDatabase();
    kit = await startChannelKit({ KCC_CHAT_MAX_CONNECTIONS_PER_IP: '40', ...database.env });
  });
  afterAll(async () => {
    await kit.stop();
    await database.drop();
  });

  async function endedChat(email: string | undefined, text: string): Promise<CitizenClient> {
    const { socket: agent } = await kit.agent('anna');
    const resident = await kit.citizen();
    const offered = kit.acceptNext(agent);
    const started = await resident.emitWithAck('chat:start', {
      name: 'Piet',
      ...(email !== undefined ? { email } : {}),
      subject: 'Afval',
    });
    expect(started.ok).toBe(true);
    await offered;
    expect(await resident.emitWithAck('chat:message', { text })).toEqual({ ok: true });
    expect(await resident.emitWithAck('chat:transcript', {})).toEqual({ ok: false, error: 'not_ended' });
    expect(await resident.emitWithAck('chat:end', {})).toEqual({ ok: true });
    agent.disconnect();
    return resident;
  }

  it('refuses another address, sends once to the start address, with the resident link not clickable', async () => {
    const resident = await endedChat('piet@example.nl', 'Ga naar https://phish.example/inloggen');
    const other = await resident.emitWithAck('chat:transcript', { email: 'victim@example.org' } as never);
    expect(other).toMatchObject({ ok: false, error: 'invalid_payload' });

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => resident.emitWithAck('chat:transcript', {})),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok && a.error === 'already_sent')).toHaveLength(9);

    const mail = await kit.sink.next();
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('piet@example.nl');
    expect(mail.text).toContain('Piet: Ga naar https[:]//phish[.]example/inloggen');
    expect(mail.text).not.toContain('https://phish.example');
    expect(mail.html).toBe(false);
    expect(kit.sink.mails).toHaveLength(1);
  });

  it('sends nothing when the resident gave no address at the start', async () => {
    const resident = await endedChat(undefined, 'Hallo');
    expect(await resident.emitWithAck('chat:transcript', {})).toEqual({ ok: false, error: 'no_email' });
    expect(kit.sink.mails).toHaveLength(1);
  });
});
