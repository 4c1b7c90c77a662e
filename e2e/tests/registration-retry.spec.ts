import type { InboundRequest } from '@kcc/contracts/rest';
import { expect, test } from '../fixtures/test';
import type { WorkplacePage } from '../pages/workplace-page';

const FATIMA_BSN = '999993653';

const REGISTRATION = /\/api\/contacts\/[^/]+\/registration$/;

async function acceptFatimasCall(
  loginAs: (agent: 'anna') => Promise<WorkplacePage>,
  inbound: (body: InboundRequest) => Promise<string>,
  externalId: string,
  onderwerp: string,
): Promise<WorkplacePage> {
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');
  await inbound({ channel: 'telefoon', externalId, from: { phone: '0612345678' }, subject: 'Afvalpas' });
  await anna.acceptFirstOfferWithKeyboard();
  await expect(anna.partijNaam).toHaveText('Fatima El Amrani');
  await anna.fillRegistration({
    onderwerp,
    vraag: 'De nieuwe afvalpas is nog niet binnen.',
    gespreksresultaat: 'Zelfstandig afgehandeld',
  });
  return anna;
}

test('@P1 the connection drops while a registration is on its way: error shown, contact kept, the retry registers it exactly once', async ({
  loginAs,
  inbound,
  klantinteracties,
}) => {
  const anna = await acceptFatimasCall(loginAs, inbound, 'e2e-retry-1', 'Nieuwe afvalpas');
  const { page } = anna;

  // The browser goes offline while the request is on its way; it never reaches the server.
  const keys: string[] = [];
  await page.route(REGISTRATION, async (route) => {
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (keys.length === 1) {
      await page.context().setOffline(true);
      await route.abort('internetdisconnected');
    } else {
      await route.continue();
    }
  });
  await anna.registerAndClose.click();
  await expect(anna.registrationAlert).toContainText('Geen verbinding met de server');
  await expect(anna.connectionLost).toBeVisible();
  // The contact and what was typed are kept.
  await expect(anna.openContactEntry()).toHaveCount(1);
  await expect(anna.onderwerp).toHaveValue('Nieuwe afvalpas');
  await expect(anna.nawerk).toBeHidden();
  expect((await klantinteracties.klantcontactenMetOnderwerp('Nieuwe afvalpas')).count).toBe(0);

  await page.context().setOffline(false);
  // Wait until the push channel is back (the banner goes away) before retrying.
  await expect(anna.connectionLost).toBeHidden();
  await anna.registerAndClose.click();
  await expect(anna.nawerk).toBeVisible();
  await anna.expectStatus('nawerk', 'Nawerk');

  expect(keys).toHaveLength(2);
  expect(keys[1], 'the retry reuses the idempotency key of the attempt with an unknown outcome').toBe(
    keys[0],
  );
  const partij = await klantinteracties.partijMetBsn(FATIMA_BSN);
  const registered = await klantinteracties.klantcontactenMetOnderwerp('Nieuwe afvalpas');
  expect(registered.count).toBe(1);
  expect(registered.results[0]?._expand?.hadBetrokkenen?.map((b) => b.wasPartij?.uuid)).toEqual([
    partij.uuid,
  ]);
});

test('@P1 a registration submitted while offline waits for the connection and is then sent once', async ({
  loginAs,
  inbound,
  klantinteracties,
}) => {
  const anna = await acceptFatimasCall(loginAs, inbound, 'e2e-retry-offline', 'Afvalpas opnieuw');
  const { page } = anna;
  const sent: string[] = [];
  page.on('request', (request) => {
    if (REGISTRATION.test(request.url())) sent.push(request.headers()['idempotency-key'] ?? '');
  });

  await page.context().setOffline(true);
  await expect(anna.connectionLost).toBeVisible();
  await anna.registerAndClose.click();
  // Offline, the registration is held (not failed): the form says it waits for the connection and keeps its content.
  await expect(
    anna.registrationStatus.filter({ hasText: 'wordt verstuurd zodra de verbinding terug is' }),
  ).toBeVisible();
  await expect(anna.onderwerp).toHaveValue('Afvalpas opnieuw');
  expect((await klantinteracties.klantcontactenMetOnderwerp('Afvalpas opnieuw')).count).toBe(0);

  await page.context().setOffline(false);
  await expect(anna.nawerk).toBeVisible();
  await expect(anna.connectionLost).toBeHidden();
  expect(sent).toHaveLength(1);
  expect((await klantinteracties.klantcontactenMetOnderwerp('Afvalpas opnieuw')).count).toBe(1);
});

test('@P1 when the answer to a registration is lost, the retry is answered from the first attempt: one klantcontact', async ({
  loginAs,
  inbound,
  klantinteracties,
}) => {
  const anna = await loginAs('anna');
  const { page } = anna;
  await anna.setStatus('beschikbaar');
  await inbound({
    channel: 'telefoon',
    externalId: 'e2e-retry-2',
    from: { phone: '0687654321' },
    subject: 'Parkeren',
  });
  await anna.acceptFirstOfferWithKeyboard();
  await expect(anna.partijNaam).toHaveText('Sanne Visser');
  await anna.fillRegistration({
    onderwerp: 'Bezoekersparkeren',
    vraag: 'Hoeveel uur bezoekersparkeren heb ik nog?',
    gespreksresultaat: 'Zelfstandig afgehandeld',
  });

  // The server stores the first attempt, but its answer never reaches the browser.
  const statuses: number[] = [];
  const keys: string[] = [];
  await page.route(REGISTRATION, async (route) => {
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    const response = await route.fetch();
    statuses.push(response.status());
    if (statuses.length === 1) await route.abort('connectionreset');
    else await route.fulfill({ response });
  });

  // "Vraag registreren, contact blijft open": the contact stays mine, so the form stays for the retry.
  await anna.registerKeepOpen.click();
  await expect(anna.registrationAlert).toContainText('Geen verbinding met de server');
  await expect(anna.onderwerp).toHaveValue('Bezoekersparkeren');

  await anna.registerKeepOpen.click();
  await expect(anna.registrationStatus.filter({ hasText: 'Vraag geregistreerd' })).toBeVisible();
  await expect(anna.registrationAlert).toBeHidden();

  expect(statuses).toEqual([201, 201]);
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  const registered = await klantinteracties.klantcontactenMetOnderwerp('Bezoekersparkeren');
  expect(registered.count).toBe(1);
});
