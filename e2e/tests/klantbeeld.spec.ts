import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { expect, test } from '../fixtures/test';
import { KlantbeeldPanel, KlantOpzoeken } from '../pages/klantbeeld-panel';

// Demo data (apps/server/src/modules/klantbeeld/demo-registers-data.ts, klantinteracties/seed-demo.ts):
// Fatima El Amrani calls from 0612345678 and has a lopende zaak past its planned end date.
const FATIMA = { naam: 'Fatima El Amrani', telefoon: '06-12345678' };
// What Fatima answers to the verification questions (the BRP has the same).
const FATIMA_ANTWOORDEN = { geboortedatum: '12-03-1984', postcode: '1234 AB', huisnummer: '4' };
const WOZ_ZAAK = 'ZAAK-2026-0001231';

test('@P1 a caller recognised by phone sees the integraal klantbeeld with lopende zaken and signals', async ({
  loginAs,
  inbound,
}) => {
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');
  await inbound({
    channel: 'telefoon',
    externalId: 'e2e-klantbeeld-1',
    from: { phone: FATIMA.telefoon },
    subject: 'Vraag over mijn bezwaar',
  });
  await anna.accept(anna.offerFor('Vraag over mijn bezwaar'));

  await anna.expectHerkenning('telefoon', 'Herkend via telefoonnummer');
  await expect(anna.partijNaam).toHaveText(FATIMA.naam);
  const klantbeeld = KlantbeeldPanel.ofContact(anna.page);

  // Recognised by the number is not identified: BRP, zaken and signals stay hidden, and the panel says why.
  await expect(klantbeeld.identificatieniveau).toHaveText(/Herkend, niet geverifieerd/);
  await expect(klantbeeld.identificatieMelding).toContainText(
    'Daarom ziet u geen BRP-gegevens, zaken en signalen.',
  );
  await expect(klantbeeld.zaken).toHaveAttribute('data-status', 'afgeschermd');
  await expect(klantbeeld.identiteit).toHaveAttribute('data-status', 'afgeschermd');
  await expect(klantbeeld.signalen).toHaveCount(0);
  await expect(klantbeeld.root).not.toContainText('12 maart 1984');
  await expect(klantbeeld.historyItems).toHaveCount(2);

  // A wrong answer: the dialog says so without telling which answer or what the BRP says.
  await klantbeeld.verifieer({ ...FATIMA_ANTWOORDEN, huisnummer: '5' });
  const dialog = klantbeeld.verificatieDialog();
  await expect(dialog).toContainText('De antwoorden kloppen niet');
  await expect(dialog).toContainText('nog 2 keer');
  await expect(dialog).not.toContainText('12-03-1984');
  await expectNoSeriousA11yViolations(anna.page, 'verificatie dialog');
  // The right answers: geverifieerd, and the full klantbeeld appears.
  await klantbeeld.verifieer(FATIMA_ANTWOORDEN);
  await expect(dialog).toBeHidden();
  await expect(klantbeeld.identificatieniveau).toHaveText(/Geverifieerd/);
  await expect(klantbeeld.identificatieMelding).toBeHidden();

  // Signals on top: the zaak past its deadline and the open callback request.
  await expect(klantbeeld.signalen.filter({ hasText: WOZ_ZAAK })).toContainText('Let op:');
  await expect(klantbeeld.signalen.and(anna.page.locator('[data-soort="open_terugbelverzoek"]'))).toHaveCount(
    1,
  );

  await expect(klantbeeld.alleenTerVerificatie).toHaveText('Alleen ter verificatie');
  await expect(klantbeeld.identiteit).toContainText('12 maart 1984');
  await expect(klantbeeld.voorkeurskanaal).toContainText('Telefoon');

  const zaak = klantbeeld.zaak(WOZ_ZAAK);
  await expect(zaak).toContainText('Bezwaar WOZ-waarde Lindelaan 4');
  await expect(zaak.getByTestId('zaak-status')).toContainText('In behandeling');
  await expect(zaak.getByTestId('zaak-behandelaar')).toHaveText('Team Belastingen, R. Smit');
  await expect(zaak.getByTestId('zaak-deadline')).toContainText('Termijn verstreken');
  // The closed zaak of the same resident is not lopend.
  await expect(klantbeeld.zaakItems).toHaveCount(1);

  // History across channels with a channel filter.
  await expect(klantbeeld.historyItems).toHaveCount(2);
  await klantbeeld.kanaalFilter.selectOption({ label: 'E-mail (1)' });
  await expect(klantbeeld.historyItems).toHaveCount(1);
  await expect(klantbeeld.historyItems).toContainText('Bezwaar WOZ-waarde');
  await expect(klantbeeld.interneTaken).toContainText('Terugbellen over taxatieverslag WOZ');
  await expect(klantbeeld.verantwoording).toContainText('Ingezien voor: Contact via telefoon');
});

test('@P1 an agent without an open contact chooses a purpose and finds a person by name and birth date', async ({
  loginAs,
}) => {
  const anna = await loginAs('anna');
  const zoeken = new KlantOpzoeken(anna.page);
  await zoeken.open();
  await zoeken.choose('Inwoner', 'Achternaam en geboortedatum');

  // No purpose chosen: the search is refused before anything is sent.
  await zoeken.search({ Achternaam: 'Jansen', Geboortedatum: '07-07-1970' });
  await expect(zoeken.doel).toHaveAttribute('aria-invalid', 'true');
  await expect(zoeken.form).toContainText('Kies een doel.');
  await expect(zoeken.results).toBeHidden();

  await zoeken.chooseDoel('Terugbelverzoek afhandelen');
  await zoeken.zoeken.click();
  await expect(zoeken.resultItems).toHaveCount(2);
  await expect(zoeken.form).toContainText('2 resultaten gevonden.');
  await expect(zoeken.resultItems.first()).toContainText('geboren 07-07-1970');

  const opened = await zoeken.openKlantbeeld('Kees Jansen');
  await expect(opened.alleenTerVerificatie).toBeVisible();
  await expect(opened.identiteit).toContainText('Lindelaan 6');
  await expect(opened.root).toContainText('Deze inwoner staat nog niet in het klantregister.');
  await expect(opened.sectieMelding(opened.klantcontacten)).toHaveText(
    'Nog niet bekend in het klantregister.',
  );
  await expect(opened.verantwoording).toContainText('Ingezien voor: Terugbelverzoek afhandelen');
});

test('@P1 a company is found by KvK number and its klantbeeld opened', async ({ loginAs }) => {
  const anna = await loginAs('anna');
  const zoeken = new KlantOpzoeken(anna.page);
  await zoeken.open();
  await zoeken.choose('Bedrijf', 'KvK-nummer');
  await zoeken.chooseDoel('Vraag van een inwoner zonder actief contact');
  await zoeken.search({ 'KvK-nummer': '90001234' });
  await expect(zoeken.resultItems).toHaveCount(1);
  await expect(zoeken.resultItems).toContainText('KvK 90001234 · Hoofdvestiging');

  const opened = await zoeken.openKlantbeeld('Bakkerij De Korenschoof B.V.');
  await expect(opened.identiteit).toContainText('Bedrijfsgegevens (Handelsregister)');
  await expect(opened.identiteit.getByTestId('kvk-nummer')).toHaveText('90001234');
  await expect(opened.identiteit).toContainText('Besloten Vennootschap');
  const zaak = opened.zaak('ZAAK-2026-0000981');
  await expect(zaak).toContainText('Omgevingsvergunning verbouwing bakkerij');
  await expect(zaak.getByTestId('zaak-behandelaar')).toHaveText('Vergunningen, M. Bakker');
  await expect(zaak.getByTestId('zaak-deadline')).toContainText('Termijn verstreken');

  await opened.close();
  await expect(zoeken.results).toBeVisible();
});

test.describe('with Open Zaak down', () => {
  // Open Zaak configured at a closed loopback port: every call fails at once.
  test.use({
    serverEnv: {
      KCC_OPENZAAK_URL: 'http://127.0.0.1:9',
      KCC_OPENZAAK_CLIENT_ID: 'kcc-e2e',
      KCC_OPENZAAK_SECRET: 'e2e-geheim-voor-de-test-0123456789',
      KCC_REGISTER_TIMEOUT_MS: '300',
    },
  });

  test('@P1 the rest of the klantbeeld loads and zaken say they are temporarily unavailable', async ({
    loginAs,
    inbound,
  }) => {
    const anna = await loginAs('anna');
    await anna.setStatus('beschikbaar');
    await inbound({
      channel: 'telefoon',
      externalId: 'e2e-klantbeeld-zaken-down',
      from: { phone: FATIMA.telefoon },
      subject: 'Waar blijft mijn zaak?',
    });
    await anna.accept(anna.offerFor('Waar blijft mijn zaak?'));
    await expect(anna.partijNaam).toHaveText(FATIMA.naam);

    const klantbeeld = KlantbeeldPanel.ofContact(anna.page);
    await klantbeeld.verifieer(FATIMA_ANTWOORDEN);
    await expect(klantbeeld.identificatieniveau).toHaveText(/Geverifieerd/);
    await expect(klantbeeld.zaken).toHaveAttribute('data-status', 'niet_beschikbaar');
    await expect(klantbeeld.sectieMelding(klantbeeld.zaken)).toContainText(
      'Zaken tijdelijk niet beschikbaar',
    );
    await expect(klantbeeld.zaakItems).toHaveCount(0);
    // The rest still loaded.
    await expect(klantbeeld.identiteit).toHaveAttribute('data-status', 'beschikbaar');
    await expect(klantbeeld.identiteit).toContainText('Lindelaan 4');
    await expect(klantbeeld.historyItems).toHaveCount(2);
    await expect(klantbeeld.interneTaken).toContainText('Terugbellen over taxatieverslag WOZ');
    await expect(klantbeeld.verantwoording).toContainText('Zaken (niet beschikbaar)');
    // The registration form still works beside it.
    await expect(anna.registrationForm).toBeVisible();
  });
});

test('@P1 the klantbeeld and Klant opzoeken screens have no serious or critical WCAG 2.1 AA violations', async ({
  loginAs,
  inbound,
}) => {
  const anna = await loginAs('anna');
  const { page } = anna;
  const zoeken = new KlantOpzoeken(page);

  await test.step('search form with validation errors', async () => {
    await zoeken.open();
    await zoeken.zoeken.click();
    await expect(zoeken.field('BSN')).toHaveAttribute('aria-invalid', 'true');
    await expectNoSeriousA11yViolations(page, 'Klant opzoeken with errors');
  });

  await test.step('results and an opened klantbeeld', async () => {
    await zoeken.chooseDoel('Interne taak afhandelen');
    await zoeken.choose('Inwoner', 'Postcode en huisnummer');
    await zoeken.search({ Postcode: '1234 cd', Huisnummer: '17' });
    await expect(zoeken.resultItems).toHaveCount(2);
    await expectNoSeriousA11yViolations(page, 'Klant opzoeken results');
    const opened = await zoeken.openKlantbeeld('Pieter Jan van den Berg', 'Pieter van den Berg');
    await expect(opened.zaakItems).toHaveCount(1);
    await expectNoSeriousA11yViolations(page, 'klantbeeld opened from search');
    await opened.close();
    await zoeken.openButton.click();
    await expect(zoeken.form).toBeHidden();
  });

  await test.step('contact klantbeeld with signals, zaken and the timeline', async () => {
    await anna.setStatus('beschikbaar');
    await inbound({
      channel: 'telefoon',
      externalId: 'e2e-klantbeeld-a11y',
      from: { phone: FATIMA.telefoon },
      subject: 'Toegankelijkheid klantbeeld',
    });
    await anna.accept(anna.offerFor('Toegankelijkheid klantbeeld'));
    const klantbeeld = KlantbeeldPanel.ofContact(page);
    await expect(klantbeeld.identificatieMelding).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'contact klantbeeld before verification');
    await klantbeeld.verifieer(FATIMA_ANTWOORDEN);
    await expect(klantbeeld.zaakItems).toHaveCount(1);
    await klantbeeld.zaakItems.first().getByText('Documenten').click();
    await klantbeeld.historyItems.first().locator('summary').click();
    await expectNoSeriousA11yViolations(page, 'contact klantbeeld');
  });
});
