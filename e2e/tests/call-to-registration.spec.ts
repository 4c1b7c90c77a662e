import { expect, test } from '../fixtures/test';

// Fatima El Amrani (seed-demo.ts): 0612345678, two earlier klantcontacten (telefoon and e-mail).
const FATIMA = { bsn: '999993653', naam: 'Fatima El Amrani' };

test('@P0 a call is offered, accepted with Alt+A, recognised, registered with an interne taak, then nawerk and beschikbaar', async ({
  loginAs,
  inbound,
  klantinteracties,
}) => {
  const partij = await klantinteracties.partijMetBsn(FATIMA.bsn);
  const before = await klantinteracties.klantcontactenVanPartij(partij.uuid);

  const anna = await loginAs('anna');
  await expect(anna.userName).toHaveText('Anna de Vries');
  await anna.setStatus('beschikbaar');

  // The caller's number in another notation than the stored one: herkenning works on the canonical form.
  const contactId = await inbound({
    channel: 'telefoon',
    externalId: 'e2e-call-1',
    from: { phone: '06-12345678' },
    subject: 'Vraag over afval',
  });

  const offer = anna.offerFor('Vraag over afval');
  await expect(offer).toBeVisible();
  await expect(anna.offerCountdown(offer)).toHaveText(/^Nog \d+ s$/);
  // The server stores the caller's number in its canonical form.
  await expect(offer).toContainText('0612345678');

  await anna.acceptFirstOfferWithKeyboard();
  await expect(anna.offerCards).toHaveCount(0);
  await expect(anna.activeContacts).toHaveCount(1);
  await expect(anna.openContactEntry()).toHaveAttribute('data-contact-id', contactId);
  await expect(anna.callerPhone).toHaveText('0612345678');

  await anna.expectHerkenning('telefoon', 'Herkend via telefoonnummer');
  await expect(anna.partijNaam).toHaveText(FATIMA.naam);
  await expect(anna.historyItems).toHaveCount(before.count);
  await expect(anna.history).toContainText('Afvalpas kwijt');
  await expect(anna.history).toContainText('Bezwaar WOZ-waarde');
  await expect(anna.registrationForm).toContainText(`Klant: ${FATIMA.naam}`);

  await anna.focusRegistrationWithKeyboard();
  await expect(anna.kanaal).toHaveValue('telefoon');
  await anna.fillRegistration({
    onderwerp: 'Afvalkalender',
    vraag: 'Wanneer wordt het oud papier opgehaald?',
    antwoord: 'Uitgelegd waar de afvalkalender in de app staat.',
    gespreksresultaat: 'Contactverzoek gemaakt',
    interneTaak: {
      afdeling: 'Afval en reiniging',
      gevraagdeHandeling: 'Terugbellen over extra papiercontainer',
      toelichting: 'Bereikbaar na 17.00 uur.',
    },
  });
  await anna.registerAndClose.click();

  await expect(anna.nawerk).toBeVisible();
  await expect(anna.nawerkCountdown).toHaveText(/^\d/);
  await expect(anna.registrationForm).toBeHidden();
  await anna.expectStatus('nawerk', 'Nawerk');

  await anna.klaar.click();
  await anna.expectStatus('beschikbaar', 'Beschikbaar');
  await expect(anna.nawerk).toBeHidden();
  await expect(anna.activeContacts).toHaveCount(0);

  // Exactly one new klantcontact for Fatima, as Open Klant would return it.
  const after = await klantinteracties.klantcontactenVanPartij(partij.uuid);
  expect(after.count).toBe(before.count + 1);
  const known = new Set(before.results.map((k) => k.uuid));
  const added = after.results.filter((k) => !known.has(k.uuid));
  expect(added).toHaveLength(1);
  const klantcontact = added[0]!;
  expect(klantcontact).toMatchObject({
    kanaal: 'telefoon',
    onderwerp: 'Afvalkalender',
    inhoud: 'Wanneer wordt het oud papier opgehaald?',
    metadata: { gespreksresultaat: 'contactverzoek_gemaakt', kccContactId: contactId },
  });
  expect(klantcontact._expand?.hadBetrokkenen?.map((b) => b.wasPartij?.uuid)).toEqual([partij.uuid]);
  const taken = klantcontact._expand?.leiddeTotInterneTaken ?? [];
  expect(taken).toHaveLength(1);
  const afdeling = await klantinteracties.afdeling('Afval en reiniging');
  expect(taken[0]).toMatchObject({
    gevraagdeHandeling: 'Terugbellen over extra papiercontainer',
    toelichting: 'Bereikbaar na 17.00 uur.',
    status: 'te_verwerken',
  });
  expect(taken[0]?.toegewezenAanActoren?.map((a) => a.uuid)).toEqual([afdeling.uuid]);
});
