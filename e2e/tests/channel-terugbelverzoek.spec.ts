import type { CallbackView } from '@kcc/contracts/channels';
import { expect, test } from '../fixtures/channels';
import { ConversationPane } from '../pages/conversation-pane';

// Sanne Visser (seed-demo.ts): 0687654321.
const SANNE = { telefoon: '0687654321', tel: 'tel:+31687654321', naam: 'Sanne Visser' };

test('@P1 a terugbelverzoek comes due, is offered with a tel: link and is closed with outcome gelukt', async ({
  loginAs,
  cti,
  agentApi,
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

  const api = await agentApi('anna');
  const dueAt = Date.now() + 6_000;
  const created = await api.post<{ contactId: string; terugbelverzoek: CallbackView }>(
    `/api/contacts/${callId}/terugbelverzoek`,
    {
      telefoonnummer: SANNE.telefoon,
      voorkeurVan: new Date(dueAt).toISOString(),
      voorkeurTot: new Date(dueAt + 3_600_000).toISOString(),
      notitie: 'Terugbellen over de status van haar bezwaar.',
    },
    201,
  );
  expect(created.terugbelverzoek.telLink).toBe(SANNE.tel);

  await cti({ eventId: 'pbx-7-ended', type: 'call.ended', callId: 'pbx-7' });
  await anna.fillRegistration({
    onderwerp: 'Bezwaar WOZ',
    vraag: 'Wat is de status van mijn bezwaar?',
    gespreksresultaat: 'Contactverzoek gemaakt',
  });
  await anna.registerAndClose.click();
  await anna.klaar.click();
  await anna.expectStatus('beschikbaar');

  // Offered only once due.
  const offer = anna.offerFor('Terugbelverzoek');
  await expect(offer).toBeVisible({ timeout: 20_000 });
  expect(Date.now()).toBeGreaterThanOrEqual(dueAt - 1_000);
  await expect(offer).toContainText(SANNE.telefoon);
  await anna.accept(offer);
  await expect(anna.openContactEntry()).toHaveAttribute('data-contact-id', created.contactId);
  await anna.expectHerkenning('telefoon', 'Herkend via telefoonnummer');
  await expect(anna.partijNaam).toHaveText(SANNE.naam);

  const pane = new ConversationPane(anna.page);
  await expect(pane.telLink()).toHaveAttribute('href', SANNE.tel);
  await expect(pane.callback).toContainText('Terugbellen over de status van haar bezwaar.');
  await pane.registerCallbackOutcome('Gelukt');

  await expect
    .poll(
      async () =>
        (await api.get<CallbackView>(`/api/contacts/${created.contactId}/terugbelverzoek`)).uitkomst,
    )
    .toBe('gelukt');
});
