import { expect, test } from '../fixtures/test';

test('@P1 a declined offer (Alt+W) moves to the other agent, and declining does not mark the agent Niet reagerend', async ({
  loginAs,
  inbound,
}) => {
  const anna = await loginAs('anna');
  const bram = await loginAs('bram');
  await anna.setStatus('beschikbaar');
  await bram.setStatus('beschikbaar');

  const contactId = await inbound({
    channel: 'chat',
    externalId: 'e2e-decline-1',
    from: { name: 'Piet de Wit' },
    subject: 'Vraag over de bibliotheekpas',
  });

  await expect(anna.offerFor('Vraag over de bibliotheekpas')).toBeVisible();
  await expect(bram.offerCards).toHaveCount(0);
  await anna.declineFirstOfferWithKeyboard();

  const bramsOffer = bram.offerFor('Vraag over de bibliotheekpas');
  await expect(bramsOffer).toBeVisible();
  await expect(anna.offerCards).toHaveCount(0);
  await anna.expectStatus('beschikbaar', 'Beschikbaar');

  await bram.accept(bramsOffer);
  await expect(bram.openContactEntry()).toHaveAttribute('data-contact-id', contactId);
  await expect(bram.contactHeader).toContainText('Piet de Wit');
  await expect(anna.activeContacts).toHaveCount(0);
});

test('@P1 declining with the Weigeren button moves the offer on; the other agent accepts with Alt+A', async ({
  loginAs,
  inbound,
}) => {
  const anna = await loginAs('anna');
  const bram = await loginAs('bram');
  // This time Bram is the longest idle, so he gets the first offer.
  await bram.setStatus('beschikbaar');
  await anna.setStatus('beschikbaar');

  const contactId = await inbound({
    channel: 'telefoon',
    externalId: 'e2e-decline-2',
    from: { phone: '0611122233' },
    subject: 'Verhuizing doorgeven',
  });
  const bramsOffer = bram.offerFor('Verhuizing doorgeven');
  await expect(bramsOffer).toBeVisible();
  await expect(anna.offerCards).toHaveCount(0);
  await bram.decline(bramsOffer);

  await expect(anna.offerFor('Verhuizing doorgeven')).toBeVisible();
  await expect(bram.offerCards).toHaveCount(0);
  await anna.acceptFirstOfferWithKeyboard();
  await expect(anna.openContactEntry()).toHaveAttribute('data-contact-id', contactId);
  await expect(anna.partijNaam).toHaveText('Johanna de Boer');
  await bram.expectStatus('beschikbaar', 'Beschikbaar');
});
