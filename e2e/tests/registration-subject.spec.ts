import { expect, test } from '../fixtures/test';

test.use({ viewport: { width: 1366, height: 768 } });

test('@P1 a call without a subject is named by its first registered onderwerp, in the header and in Mijn contacten', async ({
  loginAs,
  inbound,
}) => {
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');
  await inbound({ channel: 'telefoon', externalId: 'e2e-subject-1', from: { phone: '0612345678' } });
  await anna.acceptFirstOfferWithKeyboard();
  await expect(anna.contactHeader).toContainText('Geen onderwerp');

  await anna.fillRegistration({ onderwerp: 'Afvalpas kwijt', gespreksresultaat: 'Zelfstandig afgehandeld' });
  await anna.registerKeepOpen.click();
  await expect(anna.registrationStatus.filter({ hasText: 'Vraag geregistreerd' })).toBeVisible();
  await expect(anna.contactHeader).toContainText('Afvalpas kwijt');
  await expect(anna.contactHeader).not.toContainText('Geen onderwerp');
  await expect(anna.openContactEntry()).toContainText('Afvalpas kwijt');
});
