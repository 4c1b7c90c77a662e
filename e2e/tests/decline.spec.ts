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

test('@P1 declining with the Weigeren button as the only available agent keeps the contact waiting for the next agent', async ({
  loginAs,
  inbound,
}) => {
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');
  await inbound({
    channel: 'telefoon',
    externalId: 'e2e-decline-2',
    from: { phone: '0611122233' },
    subject: 'Verhuizing doorgeven',
  });
  const offer = anna.offerFor('Verhuizing doorgeven');
  await expect(offer).toBeVisible();
  const declinedOfferId = await offer.getAttribute('data-offer-id');
  await anna.decline(offer);
  await expect(anna.offerCards.and(anna.page.locator(`[data-offer-id="${declinedOfferId}"]`))).toHaveCount(0);

  // Bram logs in and becomes beschikbaar: the contact is still there and is offered to him.
  const bram = await loginAs('bram');
  await bram.setStatus('beschikbaar');
  await expect(bram.offerFor('Verhuizing doorgeven')).toBeVisible();
});
