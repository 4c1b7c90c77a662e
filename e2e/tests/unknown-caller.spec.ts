import { expect, test } from '../fixtures/test';

// Not a number of any demo partij (seed-demo.ts).
const UNKNOWN_NUMBER = '0655501234';

test('@P0 an unknown caller is created as a new partij, linked, and the registration lands on that partij', async ({
  loginAs,
  inbound,
  klantinteracties,
}) => {
  const existing = await klantinteracties.digitaleAdressen({ adres: UNKNOWN_NUMBER });
  expect(existing.count).toBe(0);

  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');
  const contactId = await inbound({
    channel: 'telefoon',
    externalId: 'e2e-unknown-1',
    from: { phone: UNKNOWN_NUMBER },
    subject: 'Grofvuil ophalen',
  });
  await anna.accept(anna.offerFor('Grofvuil ophalen'));

  await anna.expectHerkenning('onbekend', 'Onbekende klant');
  await expect(anna.partijNaam).toHaveCount(0);
  await expect(anna.registrationForm).toContainText('Nog geen klant gekoppeld');

  await anna.startNewPartij();
  // The caller's number is already filled in.
  await expect(anna.newPartijField('Telefoonnummer')).toHaveValue(UNKNOWN_NUMBER);
  await anna.createPartij({ voornaam: 'Noor', achternaam: 'Bakker', email: 'noor.bakker@example.com' });

  await expect(anna.newPartijForm).toBeHidden();
  await anna.expectHerkenning('gekoppeld', 'Gekoppeld door medewerker');
  await expect(anna.partijNaam).toHaveText('Noor Bakker');
  await expect(anna.klantbeeld).toContainText(UNKNOWN_NUMBER);
  await expect(anna.registrationForm).toContainText('Klant: Noor Bakker');

  await anna.fillRegistration({
    onderwerp: 'Grofvuil ophalen',
    vraag: 'Hoe laat ik een bank ophalen?',
    antwoord: 'Afspraak voor grofvuil uitgelegd via de website.',
    gespreksresultaat: 'Zelfstandig afgehandeld',
  });
  await anna.submitRegistrationWithKeyboard();
  await expect(anna.nawerk).toBeVisible();
  await anna.klaarWithKeyboard();
  await anna.expectStatus('beschikbaar', 'Beschikbaar');

  // The partij exists with the caller's number as its digitaal adres ...
  const adressen = await klantinteracties.digitaleAdressen({ adres: UNKNOWN_NUMBER });
  expect(adressen.count).toBe(1);
  const adres = adressen.results[0]!;
  expect(adres).toMatchObject({ adres: UNKNOWN_NUMBER, soortDigitaalAdres: 'telefoonnummer' });
  const partijUuid = adres.verstrektDoorPartij?.uuid;
  expect(partijUuid).toBeDefined();
  const partij = await klantinteracties.partij(partijUuid!);
  expect(partij.soortPartij).toBe('persoon');
  expect(partij.partijIdentificatie.contactnaam).toMatchObject({ voornaam: 'Noor', achternaam: 'Bakker' });
  const email = await klantinteracties.digitaleAdressen({
    verstrektDoorPartij__uuid: partijUuid!,
    soortDigitaalAdres: 'email',
  });
  expect(email.results.map((a) => a.adres)).toEqual(['noor.bakker@example.com']);

  // ... and the klantcontact has it as betrokkene.
  const klantcontacten = await klantinteracties.klantcontactenVanPartij(partijUuid!);
  expect(klantcontacten.count).toBe(1);
  const klantcontact = klantcontacten.results[0]!;
  expect(klantcontact).toMatchObject({
    kanaal: 'telefoon',
    onderwerp: 'Grofvuil ophalen',
    metadata: { gespreksresultaat: 'zelfstandig_afgehandeld', kccContactId: contactId },
  });
  expect(klantcontact._expand?.hadBetrokkenen).toEqual([
    expect.objectContaining({
      rol: 'klant',
      initiator: true,
      wasPartij: expect.objectContaining({ uuid: partijUuid }),
    }),
  ]);
  expect(klantcontact._expand?.leiddeTotInterneTaken ?? []).toEqual([]);
});
