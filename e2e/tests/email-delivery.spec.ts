import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { MessagesResponse } from '@kcc/contracts/channels';
import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { expect, test as base } from '../fixtures/channels';
import { startSmtpSink, type SmtpSink } from '../fixtures/smtp-sink';
import { ConversationPane } from '../pages/conversation-pane';

// Fatima El Amrani (seed-demo.ts) is recognised by this address, so her klantbeeld shows the history.
const FATIMA = { email: 'fatima.elamrani@example.com', naam: 'Fatima El Amrani' };

interface RelayFixtures {
  /** What KCC_SMTP_RELAY points at: a relay that refuses Fatima's address, or a port nothing listens on yet. */
  relayKind: 'refuses-recipient' | 'not-listening';
  relayPort: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const test = base.extend<RelayFixtures>({
  relayKind: ['refuses-recipient', { option: true }],
  relayPort: async ({ relayKind }, use) => {
    const port = await freePort();
    if (relayKind === 'not-listening') return use(port);
    // A real SMTP server that answers RCPT TO with 550, as a municipal relay does for an address it knows is dead.
    const relay = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      closeTimeout: 1_000,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', () => resolve()));
    await use(port);
    await new Promise<void>((resolve) => relay.close(() => resolve()));
  },
  serverEnv: async ({ serverEnv, relayPort }, use) =>
    use({ ...serverEnv, KCC_SMTP_RELAY: `127.0.0.1:${relayPort}`, KCC_ONTVANGSTBEVESTIGING: 'uit' }),
});

test.use({ viewport: { width: 1366, height: 768 } });

test.describe('a refusing relay', () => {
  test('@P1 at 1366×768 a refused e-mail reply shows why, closing asks first, and the history shows text and state', async ({
    loginAs,
    sendMail,
  }) => {
    const anna = await loginAs('anna');
    await anna.setStatus('beschikbaar');
    await sendMail({
      from: `${FATIMA.naam} <${FATIMA.email}>`,
      subject: 'Parkeervergunning verlengen',
      messageId: '<e2e-bezorging-1@mail.example.com>',
      text: 'Hoe verleng ik mijn parkeervergunning?',
    });
    await anna.accept(anna.offerFor('Parkeervergunning verlengen'));
    await expect(anna.partijNaam).toHaveText(FATIMA.naam);

    const pane = new ConversationPane(anna.page);
    await pane.reply('U verlengt uw vergunning via Mijn Gemeente.');
    const reply = pane.outgoing.last();
    const state = reply.getByTestId('delivery-state');
    await expect(state).toHaveText('Status: Niet verstuurd: het e-mailadres van de inwoner wordt geweigerd');
    await expect(state).toHaveAttribute('title', /550 5\.1\.1 Mailbox unavailable/);
    await expect(reply.getByRole('button', { name: 'Opnieuw proberen' })).toBeVisible();

    // Closing as handled asks first; "Contact open laten" keeps the contact with the agent.
    await anna.fillRegistration({
      onderwerp: 'Parkeervergunning',
      gespreksresultaat: 'Zelfstandig afgehandeld',
    });
    await anna.registerAndClose.click();
    const dialog = anna.page.getByRole('dialog', { name: 'Het antwoord is niet verstuurd. Toch afronden?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Contact open laten' })).toBeFocused();
    await expectNoSeriousA11yViolations(
      anna.page,
      'e-mail contact with a failed reply and the close question',
    );
    await anna.page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(anna.nawerk).toBeHidden();
    await expect(anna.activeContacts).toHaveCount(1);
    await expect(anna.registrationAlert).toHaveCount(0);

    // Trying again reaches the same refusal (the relay still refuses): still not sent, and said so.
    await reply.getByRole('button', { name: 'Opnieuw proberen' }).click();
    await expect(state).toHaveText('Status: Niet verstuurd: het e-mailadres van de inwoner wordt geweigerd');

    // The agent chooses to close anyway (she will phone Fatima).
    await anna.registerAndClose.click();
    await dialog.getByRole('button', { name: 'Toch afronden' }).click();
    await expect(anna.nawerk).toBeVisible();
    await anna.klaar.click();
    await expect(anna.activeContacts).toHaveCount(0);

    // Her next mail: the history of the earlier contact shows the reply's text and that it did not go out.
    await sendMail({
      from: `${FATIMA.naam} <${FATIMA.email}>`,
      subject: 'Nog een vraag',
      messageId: '<e2e-bezorging-2@mail.example.com>',
      text: 'Ik heb niets ontvangen.',
    });
    await anna.accept(anna.offerFor('Nog een vraag'));
    const earlier = anna.history.locator('details').filter({ hasText: 'Parkeervergunning' }).first();
    await earlier.locator('summary').click();
    const sent = earlier.getByTestId('klantcontact-bericht');
    await expect(sent).toContainText('U verlengt uw vergunning via Mijn Gemeente.');
    await expect(sent.getByTestId('delivery-state')).toHaveText(
      'Status: Niet verstuurd: het e-mailadres van de inwoner wordt geweigerd',
    );
  });
});

test.describe('no relay listening', () => {
  test.use({ relayKind: 'not-listening' });

  test('@P1 at 1366×768 an unreachable relay shows the planned retry, and "Nu opnieuw proberen" sends once it is back', async ({
    loginAs,
    sendMail,
    relayPort,
    agentApi,
  }) => {
    const anna = await loginAs('anna');
    await anna.setStatus('beschikbaar');
    await sendMail({
      from: `${FATIMA.naam} <${FATIMA.email}>`,
      subject: 'Afvalpas kwijt',
      messageId: '<e2e-bezorging-3@mail.example.com>',
      text: 'Ik ben mijn afvalpas kwijt.',
    });
    await anna.accept(anna.offerFor('Afvalpas kwijt'));
    const contactId = await anna.openContactEntry().getAttribute('data-contact-id');
    const pane = new ConversationPane(anna.page);
    await pane.reply('U vraagt een nieuwe pas aan via Mijn Gemeente.');
    const reply = pane.outgoing.last();
    const state = reply.getByTestId('delivery-state');
    await expect(state).toHaveText(
      /^Status: Nog niet verstuurd: de mailserver is niet bereikbaar\. Nieuwe poging om \d{2}:\d{2}$/,
    );

    let sink: SmtpSink | undefined;
    try {
      sink = await startSmtpSink(relayPort);
      await reply.getByRole('button', { name: 'Nu opnieuw proberen' }).click();
      await expect(state).toHaveText('Status: Verstuurd');
      await expect(reply.getByRole('button', { name: /opnieuw proberen/i })).toHaveCount(0);
      const mail = await sink.waitFor((m) => m.subject === 'Re: Afvalpas kwijt');
      expect(mail.text).toContain('U vraagt een nieuwe pas aan via Mijn Gemeente.');
    } finally {
      await sink?.close();
    }
    const api = await agentApi('anna');
    const { items } = await api.get<MessagesResponse>(`/api/contacts/${contactId}/messages`);
    expect(items.map((m) => `${m.direction}:${m.delivery ?? ''}`)).toEqual(['in:', 'uit:sent']);

    // Sent: closing needs no question.
    await anna.fillRegistration({ onderwerp: 'Afvalpas', gespreksresultaat: 'Zelfstandig afgehandeld' });
    await anna.registerAndClose.click();
    await expect(anna.nawerk).toBeVisible();
  });
});
