import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { expect, test } from '../fixtures/channels';
import { KlantbeeldPanel } from '../pages/klantbeeld-panel';

// Demo data: Fatima El Amrani (BSN 999993653) has a lopende zaak past its deadline.
const WOZ_ZAAK = 'ZAAK-2026-0001231';

test('@P1 a resident logged in with DigiD on the demo site chats, and the agent sees her as logged in with her zaken', async ({
  openResident,
  loginAs,
}) => {
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');

  const resident = await openResident();
  await resident.visit('/demo/index.html');
  // The demo site's stand-in for DigiD: it signs a token with the demo's test issuer and gives it to the widget.
  const digid = resident.page.locator('#digid-demo');
  await digid.getByLabel('Inwoner').selectOption({ label: 'Fatima El Amrani' });
  await digid.getByRole('button', { name: 'Inloggen' }).click();
  await expect(digid.getByRole('status')).toContainText('U bent ingelogd met DigiD als Fatima El Amrani');
  await expectNoSeriousA11yViolations(resident.page, 'demo site with DigiD login');

  await resident.openPanel();
  await resident.startChat({ subject: 'Waar blijft mijn bezwaar?' });
  await anna.accept(anna.offerFor('Waar blijft mijn bezwaar?'));

  const klantbeeld = KlantbeeldPanel.ofContact(anna.page);
  await expect(klantbeeld.identificatieniveau).toHaveText(/Ingelogd met DigiD/);
  await anna.expectHerkenning('bsn', 'Herkend via BSN');
  // No verification needed: BRP, zaken and signals are there at once.
  await expect(klantbeeld.identificatieMelding).toBeHidden();
  await expect(klantbeeld.identiteit).toContainText('12 maart 1984');
  await expect(klantbeeld.zaak(WOZ_ZAAK)).toBeVisible();
  await expect(klantbeeld.signalen.filter({ hasText: WOZ_ZAAK })).toBeVisible();
});
