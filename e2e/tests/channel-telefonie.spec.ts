import { expect, test } from '../fixtures/channels';
import { ConversationPane } from '../pages/conversation-pane';

// Fatima El Amrani (seed-demo.ts): 0612345678, BSN 999993653, two earlier klantcontacten.
const FATIMA = { bsn: '999993653', naam: 'Fatima El Amrani' };

test('@P1 a CTI call is offered with a screen pop of the recognised resident, answered, ended and registered', async ({
  loginAs,
  cti,
  klantinteracties,
}) => {
  const partij = await klantinteracties.partijMetBsn(FATIMA.bsn);
  const before = await klantinteracties.klantcontactenVanPartij(partij.uuid);

  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');

  // The telephony platform reports the call with the caller's number in international notation.
  const offered = await cti({
    eventId: 'pbx-1-offered',
    type: 'call.offered',
    callId: 'pbx-1',
    from: '+31 6 1234 5678',
    queue: 'algemeen',
  });
  expect(offered.status).toBe('processed');
  const contactId = offered.contactId;
  expect(contactId).toBeTruthy();
  // The platform retries the same event: nothing happens twice.
  expect(
    await cti({ eventId: 'pbx-1-offered', type: 'call.offered', callId: 'pbx-1', from: '+31 6 1234 5678' }),
  ).toMatchObject({ status: 'duplicate', contactId });

  const offer = anna.offerCards.filter({ hasText: '0612345678' });
  await expect(offer).toBeVisible();
  await expect(anna.offerCards).toHaveCount(1);
  await anna.accept(offer);
  await expect(anna.openContactEntry()).toHaveAttribute('data-contact-id', contactId!);
  await cti({ eventId: 'pbx-1-answered', type: 'call.answered', callId: 'pbx-1', agentId: 'user-anna' });

  // Screen pop: the klantbeeld of the caller, recognised by the number.
  await expect(anna.callerPhone).toHaveText('0612345678');
  await anna.expectHerkenning('telefoon', 'Herkend via telefoonnummer');
  await expect(anna.partijNaam).toHaveText(FATIMA.naam);
  await expect(anna.historyItems).toHaveCount(before.count);

  // The caller hangs up: the contact stays with Anna until she has registered it.
  const pane = new ConversationPane(anna.page);
  await expect(pane.callEnded).toBeHidden();
  await cti({ eventId: 'pbx-1-ended', type: 'call.ended', callId: 'pbx-1' });
  await expect(pane.callEnded).toContainText('Gesprek beëindigd');
  await expect(anna.activeContacts).toHaveCount(1);
  await expect(anna.registrationForm).toBeVisible();
  await expect(anna.kanaal).toHaveValue('telefoon');
  await anna.fillRegistration({
    onderwerp: 'Parkeervergunning',
    vraag: 'Hoe verleng ik mijn parkeervergunning?',
    antwoord: 'Uitgelegd hoe verlengen via Mijn Gemeente werkt.',
    gespreksresultaat: 'Zelfstandig afgehandeld',
  });
  await anna.registerAndClose.click();
  await expect(anna.nawerk).toBeVisible();

  const after = await klantinteracties.klantcontactenVanPartij(partij.uuid);
  expect(after.count).toBe(before.count + 1);
  const known = new Set(before.results.map((k) => k.uuid));
  const added = after.results.filter((k) => !known.has(k.uuid));
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({ kanaal: 'telefoon', onderwerp: 'Parkeervergunning' });
});

test('@P1 a call abandoned before anyone answers becomes a terugbelverzoek for the caller', async ({
  cti,
  loginAs,
}) => {
  const offered = await cti({
    eventId: 'pbx-2-offered',
    type: 'call.offered',
    callId: 'pbx-2',
    from: '06-98765432',
    queue: 'algemeen',
  });
  const abandoned = await cti({ eventId: 'pbx-2-abandoned', type: 'call.abandoned', callId: 'pbx-2' });
  expect(abandoned.status).toBe('processed');
  expect(abandoned.terugbelverzoekContactId).toBeTruthy();
  expect(abandoned.terugbelverzoekContactId).not.toBe(offered.contactId);

  // Only the terugbelverzoek is offered; the abandoned call is out of routing.
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');
  await expect(anna.offerCards).toHaveCount(1);
  await expect(anna.offerCards.first()).toContainText('0698765432');
  await expect(anna.offerCards.first()).toHaveAttribute('data-offer-id', /.+/);
});
