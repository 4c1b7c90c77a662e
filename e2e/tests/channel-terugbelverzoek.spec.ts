import type { CallbackView } from '@kcc/contracts/channels';
import { expect, test } from '../fixtures/channels';
import { INTEGRATION_KEY } from '../fixtures/server';
import { ConversationPane } from '../pages/conversation-pane';

// Sanne Visser (seed-demo.ts): 0687654321.
const SANNE = { telefoon: '0687654321', tel: 'tel:+31687654321', naam: 'Sanne Visser' };

// The callback window is reached by moving the server's clock (KCC_TEST_CLOCK), not by waiting for it.
test.use({ channelEnv: { KCC_TEST_CLOCK: '1' } });
const DUE_IN_MS = 10 * 60_000;

test('@P1 a terugbelverzoek made during a call comes due, is offered with a tel: link and closed as gelukt', async ({
  loginAs,
  cti,
  agentApi,
  request,
}) => {
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');

  // Sanne calls; Anna cannot answer her question now and promises to call back a few seconds from now.
  const { contactId: callId } = await cti({
    eventId: 'pbx-7-offered',
    type: 'call.offered',
    callId: 'pbx-7',
    from: SANNE.telefoon,
    queue: 'algemeen',
  });
  await anna.accept(anna.offerCards.filter({ hasText: SANNE.telefoon }));
  await expect(anna.openContactEntry()).toHaveAttribute('data-contact-id', callId!);

  // "Bellen vanaf" ten minutes ahead, in the browser's own clock and time zone (datetime-local with seconds).
  const { vanaf } = await anna.page.evaluate((dueInMs) => {
    const due = new Date(Date.now() + dueInMs);
    const pad = (n: number) => String(n).padStart(2, '0');
    return {
      vanaf: `${due.getFullYear()}-${pad(due.getMonth() + 1)}-${pad(due.getDate())}T${pad(due.getHours())}:${pad(
        due.getMinutes(),
      )}:${pad(due.getSeconds())}`,
    };
  }, DUE_IN_MS);
  const pane = new ConversationPane(anna.page);
  await pane.createCallback({ vanaf, notitie: 'Terugbellen over de status van haar bezwaar.' });
  await expect(pane.handoverStatus).toContainText(`Terugbelverzoek opgeslagen: ${SANNE.telefoon}`);

  await cti({ eventId: 'pbx-7-ended', type: 'call.ended', callId: 'pbx-7' });
  await anna.fillRegistration({
    onderwerp: 'Bezwaar WOZ',
    vraag: 'Wat is de status van mijn bezwaar?',
    gespreksresultaat: 'Contactverzoek gemaakt',
  });
  await anna.registerAndClose.click();
  await anna.klaar.click();
  await anna.expectStatus('beschikbaar');

  // Anna is free, yet the callback waits for its window (routing decided when she became available).
  const api = await agentApi('anna');
  expect((await api.get<{ items: unknown[] }>('/api/me/offers')).items).toEqual([]);
  const moved = await request.post('/api/test/clock', {
    headers: { 'X-Integration-Key': INTEGRATION_KEY },
    data: { advanceMs: DUE_IN_MS },
  });
  expect(moved.status(), await moved.text()).toBe(200);
  // Offered once due.
  const offer = anna.offerFor('Terugbelverzoek');
  await expect(offer).toBeVisible();
  await expect(offer).toContainText(SANNE.telefoon);
  await anna.accept(offer);
  const callbackId = (await anna.openContactEntry().getAttribute('data-contact-id')) ?? '';
  expect(callbackId).not.toBe(callId);
  await anna.expectHerkenning('telefoon', 'Herkend via telefoonnummer');
  await expect(anna.partijNaam).toHaveText(SANNE.naam);

  await expect(pane.telLink).toHaveAttribute('href', SANNE.tel);
  await expect(pane.telLink).toHaveText(`Bel ${SANNE.telefoon}`);
  await expect(pane.callback).toContainText('Terugbellen over de status van haar bezwaar.');
  await pane.registerCallbackOutcome('Gelukt');
  await expect(pane.callbackOutcome).toHaveText(
    'Gelukt: de inwoner is teruggebeld. Registreer nu het contact.',
  );

  const stored = await api.get<CallbackView>(`/api/contacts/${callbackId}/terugbelverzoek`);
  expect(stored).toMatchObject({ uitkomst: 'gelukt', poging: 1, bronContactId: callId });
});
