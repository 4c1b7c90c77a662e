import { startOpenKlantMock, type OpenKlantMockProcess } from '../fixtures/openklant-mock';
import { expect, test as base } from '../fixtures/test';

// With Open Klant configured the contact panel recognises, registers and shows history in Open Klant
// (here: the mock generated from klantinteracties-v1.yaml, which fails the test on any call that breaks it).
const test = base.extend<{ openKlant: OpenKlantMockProcess }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring pattern
  openKlant: async ({}, use) => {
    const mock = await startOpenKlantMock();
    try {
      await use(mock);
    } finally {
      await mock.stop();
    }
  },
  serverEnv: async ({ openKlant }, use) =>
    use({ KCC_OPENKLANT_URL: openKlant.base, KCC_OPENKLANT_TOKEN: openKlant.token }),
});

interface Page<T> {
  count: number;
  results: T[];
}

test('@P1 with Open Klant configured, a caller is recognised there and the registration lands there, once', async ({
  loginAs,
  inbound,
  openKlant,
}) => {
  const [fatima] = (
    await openKlant.get<Page<{ uuid: string }>>('/partijen?partijIdentificator__objectId=999993653')
  ).results;
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');
  await inbound({
    channel: 'telefoon',
    externalId: 'e2e-openklant-1',
    from: { phone: '06-12345678' },
    subject: 'Vraag over afval',
  });
  await anna.accept(anna.offerFor('Vraag over afval'));
  await anna.expectHerkenning('telefoon', 'Herkend via telefoonnummer');
  await expect(anna.partijNaam).toHaveText('Fatima El Amrani');
  await expect(anna.klantbeeld).toContainText('Nog geen eerdere contacten.');

  await anna.fillRegistration({
    onderwerp: 'Afvalkalender',
    vraag: 'Wanneer wordt het oud papier opgehaald?',
    gespreksresultaat: 'Contactverzoek gemaakt',
    interneTaak: { afdeling: 'Afval en reiniging', gevraagdeHandeling: 'Terugbellen over papiercontainer' },
  });
  await anna.registerAndClose.click();
  await expect(anna.nawerk).toBeVisible();
  await anna.klaar.click();
  await anna.expectStatus('beschikbaar', 'Beschikbaar');

  // The outbox forwards it: one klantcontact for Fatima in Open Klant, with the taak for the afdeling.
  await expect
    .poll(async () =>
      (
        await openKlant.get<Page<{ onderwerp: string }>>(
          `/klantcontacten?hadBetrokkene__wasPartij__uuid=${fatima!.uuid}`,
        )
      ).results.map((k) => k.onderwerp),
    )
    .toEqual(['Afvalkalender']);
  // The interne taak is the outbox's last step: wait for its actor too.
  await expect
    .poll(async () =>
      (
        await openKlant.get<Page<{ naam: string }>>('/actoren?soortActor=organisatorische_eenheid')
      ).results.map((a) => a.naam),
    )
    .toEqual(['Afval en reiniging']);

  // The next call from the same number shows it in the history, read from Open Klant.
  await inbound({
    channel: 'telefoon',
    externalId: 'e2e-openklant-2',
    from: { phone: '0612345678' },
    subject: 'Nog een vraag over afval',
  });
  await anna.accept(anna.offerFor('Nog een vraag over afval'));
  await anna.expectHerkenning('telefoon', 'Herkend via telefoonnummer');
  await expect(anna.historyItems).toHaveCount(1);
  await expect(anna.history).toContainText('Afvalkalender');
  await expect(anna.history).toContainText('Contactverzoek gemaakt');
  await expect(anna.klantbeeld).toContainText('Terugbellen over papiercontainer');
});
