import { expect, test } from '../fixtures/channels';
import { ConversationPane } from '../pages/conversation-pane';

test('@P1 a submission of the demo contact form becomes a webformulier contact with the submission as first message', async ({
  openResident,
  loginAs,
  smtpSink,
}) => {
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');

  const resident = await openResident();
  await resident.visit('/demo/contact.html');
  const form = resident.page.locator('#contactformulier');
  await form.getByLabel('Naam (verplicht)').fill('Sanne Visser');
  await form.getByLabel('E-mailadres (verplicht)').fill('sanne.visser@example.com');
  await form.getByLabel('Onderwerp').fill('Verhuizing');
  await form
    .getByLabel('Uw vraag (verplicht)')
    .fill('Ik ga verhuizen binnen de gemeente. Wat moet ik regelen?');
  await form.getByRole('button', { name: 'Versturen' }).click();
  await expect(form.getByRole('status')).toHaveText(
    'Bedankt. We hebben uw vraag ontvangen. U krijgt binnen 2 werkdagen antwoord.',
  );

  // She gets an automatic receipt by e-mail, saying what happens next and by when.
  const receipt = await smtpSink.waitFor((mail) => mail.subject === 'Ontvangen: Contactformulier website');
  expect(receipt.to && 'value' in receipt.to ? receipt.to.value[0]?.address : undefined).toBe(
    'sanne.visser@example.com',
  );
  expect(receipt.headers.get('auto-submitted')).toBe('auto-replied');
  expect(receipt.text).toContain('Dat is binnen 2 werkdagen.');

  const offer = anna.offerFor('Contactformulier website');
  await expect(offer).toBeVisible();
  await anna.accept(offer);
  await expect(anna.activeContacts).toHaveCount(1);
  // Recognised by the e-mail address she filled in.
  await anna.expectHerkenning('email', 'Herkend via e-mailadres');
  await expect(anna.partijNaam).toHaveText('Sanne Visser');

  const pane = new ConversationPane(anna.page);
  // The submission, and the receipt she got (the agent sees it too).
  await expect(pane.messages).toHaveCount(2);
  await expect(pane.outgoing.first()).toContainText('goed ontvangen');
  const first = pane.incoming.first();
  await expect(first).toContainText('Formulier: Contactformulier website');
  await expect(first).toContainText('Onderwerp: Verhuizing');
  await expect(first).toContainText('Vraag: Ik ga verhuizen binnen de gemeente. Wat moet ik regelen?');
});

test('@P1 a submission from a form platform (integration key) appears as a contact with its fields', async ({
  loginAs,
  webform,
}) => {
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');

  const submission = {
    formulier: 'Melding openbare ruimte',
    inzendingId: 'platform-4711',
    velden: {
      Locatie: 'Dorpsstraat 12',
      Omschrijving: 'Losse stoeptegel voor de bakker',
      'Foto bijgevoegd': false,
    },
    indiener: { naam: 'Jan Jansen', email: 'jan.jansen@example.nl' },
  };
  const contactId = await webform(submission);

  const offer = anna.offerFor('Melding openbare ruimte');
  await expect(offer).toBeVisible();
  await anna.accept(offer);
  await expect(anna.openContactEntry()).toHaveAttribute('data-contact-id', contactId);

  const pane = new ConversationPane(anna.page);
  await expect(pane.messages).toHaveCount(2);
  await expect(pane.incoming.first()).toContainText('Locatie: Dorpsstraat 12');
  await expect(pane.incoming.first()).toContainText('Omschrijving: Losse stoeptegel voor de bakker');
  await expect(pane.incoming.first()).toContainText('Foto bijgevoegd: nee');
});
