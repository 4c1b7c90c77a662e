import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { INTEGRATION_KEY } from '../fixtures/server';
import { expect, test } from '../fixtures/test';
import { InterneTakenPanel } from '../pages/interne-taken-panel';

test.use({ viewport: { width: 1366, height: 768 }, serverEnv: { KCC_TEST_CLOCK: '1' } });

const HANDELING = 'Terugbellen over grofvuil';

/**
 * Issue 14 §3: an interne taak for an afdeling is worked by a colleague of that afdeling. Anna registers a call
 * with a taak for "Afval en reiniging"; Bram (demo member of that afdeling) finds it in the afdeling list,
 * opens it, claims it, adds a note and finishes it; the Klantinteracties API then has status `verwerkt`.
 */
test('@P0 a colleague of the afdeling opens, claims, notes and finishes an interne taak by keyboard', async ({
  loginAs,
  inbound,
  klantinteracties,
  request,
}) => {
  const anna = await loginAs('anna');
  const bram = await loginAs('bram');
  const taken = new InterneTakenPanel(bram.page);

  await anna.setStatus('beschikbaar');
  await inbound({ channel: 'telefoon', externalId: 'e2e-taak-1', from: { phone: '0612345678' } });
  await expect(anna.offerCards).toHaveCount(1);
  await anna.acceptFirstOfferWithKeyboard();
  await expect(anna.partijNaam).toHaveText('Fatima El Amrani');
  await anna.fillRegistration({
    onderwerp: 'Grofvuil niet opgehaald',
    vraag: 'Mijn grofvuil staat er sinds maandag nog.',
    gespreksresultaat: 'Contactverzoek gemaakt',
    interneTaak: {
      afdeling: 'Afval en reiniging',
      gevraagdeHandeling: HANDELING,
      toelichting: 'Na 17.00 uur.',
    },
  });
  await anna.registerAndClose.click();
  await expect(anna.nawerk).toBeVisible();

  // Bram, by keyboard: Alt+I to the list, to "Afdeling", open the taak.
  await bram.page.keyboard.press('Alt+KeyI');
  await expect(taken.heading).toBeFocused();
  await bram.page.keyboard.press('Tab');
  await expect(taken.mijnTaken).toBeFocused();
  await expect(taken.taak(HANDELING)).toHaveCount(0);
  await bram.page.keyboard.press('Tab');
  await expect(taken.afdeling).toBeFocused();
  await bram.page.keyboard.press('Enter');
  await expect(taken.afdeling).toHaveAttribute('aria-pressed', 'true');
  await expect(taken.taak(HANDELING)).toContainText('Nog niet opgepakt');
  await expect(taken.taak(HANDELING)).toContainText('Voor: Afval en reiniging');
  // Longest waiting first: the demo's older taken of Belastingen (Bram's other afdeling) come before it.
  for (
    let i = 0;
    i < 10 && !(await taken.taak(HANDELING).evaluate((el) => el === document.activeElement));
    i++
  ) {
    await bram.page.keyboard.press('Tab');
  }
  await expect(taken.taak(HANDELING)).toBeFocused();
  await bram.page.keyboard.press('Enter');

  await taken.expectOpen(HANDELING);
  await expect(taken.waarde('Klant')).toHaveText('Fatima El Amrani');
  await expect(taken.waarde('Vraag van de klant')).toHaveText('Mijn grofvuil staat er sinds maandag nog.');
  await expect(taken.waarde('Voor')).toHaveText('Afval en reiniging');
  await expect(taken.waarde('Opgepakt door')).toHaveText('Nog niemand');
  await expect(taken.waarde('Vastgelegd door')).toHaveText('Anna de Vries');
  await expect(taken.waarde('Toelichting')).toHaveText('Na 17.00 uur.');
  await expect(taken.afronden).toHaveCount(0);
  await expectNoSeriousA11yViolations(bram.page, 'interne taak geopend');
  const scroll = await bram.page.evaluate(() => ({
    scrollHeight: document.scrollingElement?.scrollHeight ?? 0,
    innerHeight: window.innerHeight,
  }));
  expect(scroll.scrollHeight).toBeLessThanOrEqual(scroll.innerHeight);

  // Oppakken: the first field of the dialog has the focus.
  await expect(taken.oppakken).toBeFocused();
  await bram.page.keyboard.press('Enter');
  await expect(taken.melding).toHaveText('U heeft de taak opgepakt.');
  await expect(taken.waarde('Opgepakt door')).toHaveText('Bram Jansen');
  await expect(taken.oppakken).toHaveCount(0);
  // The button that replaced it takes the focus, so the keyboard user does not lose their place.
  await expect(taken.afronden).toBeFocused();

  const [klantcontact] = (await klantinteracties.klantcontactenMetOnderwerp('Grofvuil niet opgehaald'))
    .results;
  const taakUuid = klantcontact?._expand?.leiddeTotInterneTaken?.[0]?.uuid;
  expect(taakUuid).toBeDefined();
  const afval = await klantinteracties.afdeling('Afval en reiniging');
  const claimed = await klantinteracties.get<{ status: string; toegewezenAanActoren: { uuid: string }[] }>(
    `/internetaken/${taakUuid}`,
  );
  expect(claimed.status).toBe('te_verwerken');
  expect(claimed.toegewezenAanActoren.map((a) => a.uuid)).toContain(afval.uuid);
  expect(claimed.toegewezenAanActoren).toHaveLength(2);

  await taken.notitie.fill('Klant gebeld, extra ophaalronde gepland.');
  await bram.page.keyboard.press('Tab');
  await expect(taken.notitieToevoegen).toBeFocused();
  await bram.page.keyboard.press('Enter');
  await expect(taken.melding).toHaveText('Notitie opgeslagen.');
  await expect(taken.notities).toHaveCount(1);
  await expect(taken.notities.first()).toContainText('Bram Jansen');
  await expect(taken.notities.first()).toContainText('Klant gebeld, extra ophaalronde gepland.');

  // Afronden two hours later on the server's clock: afgehandeldOp comes from that clock.
  const moved = await request.post('/api/test/clock', {
    headers: { 'X-Integration-Key': INTEGRATION_KEY },
    data: { advanceMs: 2 * 3600_000 },
  });
  expect(moved.status(), await moved.text()).toBe(200);
  const serverNow = Date.parse(((await moved.json()) as { now: string }).now);
  await taken.afronden.focus();
  await bram.page.keyboard.press('Enter');
  await expect(taken.melding).toHaveText('De taak is afgerond.');
  await expect(taken.waarde('Status')).toContainText('Afgerond op');
  await expect(taken.notitieToevoegen).toHaveCount(0);
  await expectNoSeriousA11yViolations(bram.page, 'interne taak afgerond');

  const done = await klantinteracties.get<{ status: string; afgehandeldOp: string }>(
    `/internetaken/${taakUuid}`,
  );
  expect(done.status).toBe('verwerkt');
  expect(Date.parse(done.afgehandeldOp)).toBeGreaterThanOrEqual(serverNow);
  expect(Date.parse(done.afgehandeldOp)).toBeGreaterThan(Date.now() + 3600_000);

  await bram.page.keyboard.press('Escape');
  await expect(taken.dialog).toBeHidden();
  await expect(taken.taak(HANDELING)).toHaveCount(0);
});
