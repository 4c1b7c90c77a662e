import { expect, test } from '../fixtures/test';
import { INTEGRATION_KEY } from '../fixtures/server';

// The accept timeout passes when the test moves the server's clock (KCC_TEST_CLOCK), never while the page is slow.
const ACCEPT_TIMEOUT_MS = 60_000;
test.use({ serverEnv: { KCC_ACCEPT_TIMEOUT_MS: String(ACCEPT_TIMEOUT_MS), KCC_TEST_CLOCK: '1' } });

test('@P0 an offer that times out moves to the other agent, and the first agent is marked Niet reagerend', async ({
  loginAs,
  inbound,
  request,
}) => {
  const anna = await loginAs('anna');
  const bram = await loginAs('bram');
  // Anna becomes beschikbaar first, so she is the longest idle and gets the first offer.
  await anna.setStatus('beschikbaar');
  await bram.setStatus('beschikbaar');

  const contactId = await inbound({
    channel: 'telefoon',
    externalId: 'e2e-timeout-1',
    from: { phone: '0687654321' },
    subject: 'Parkeervergunning',
  });

  const annasOffer = anna.offerFor('Parkeervergunning');
  await expect(annasOffer).toBeVisible();
  await expect(bram.offerCards).toHaveCount(0);
  const firstOfferId = await annasOffer.getAttribute('data-offer-id');

  // Anna does not react: after the accept timeout the offer leaves her inbox and goes to Bram.
  const moved = await request.post('/api/test/clock', {
    headers: { 'X-Integration-Key': INTEGRATION_KEY },
    data: { advanceMs: ACCEPT_TIMEOUT_MS },
  });
  expect(moved.status(), await moved.text()).toBe(200);
  const bramsOffer = bram.offerFor('Parkeervergunning');
  await expect(bramsOffer).toBeVisible();
  await expect(bramsOffer).not.toHaveAttribute('data-offer-id', firstOfferId ?? '');
  await expect(anna.offerCards).toHaveCount(0);
  await anna.expectStatus('niet-reagerend', 'Niet reagerend');

  await bram.accept(bramsOffer);
  await expect(bram.offerCards).toHaveCount(0);
  await expect(bram.openContactEntry()).toHaveAttribute('data-contact-id', contactId);
  await bram.expectHerkenning('telefoon', 'Herkend via telefoonnummer');
  await expect(bram.partijNaam).toHaveText('Sanne Visser');

  // Niet reagerend holds until the agent sets beschikbaar again.
  await anna.expectStatus('niet-reagerend', 'Niet reagerend');
  await anna.setStatus('beschikbaar');
  await expect(anna.offerCards).toHaveCount(0);
});
