import { expect, test } from '../fixtures/test';

// Demo registers: Pieter (1961) and Lotte (1995) van den Berg share 020 123 4567 and live at 1234 CD 17.
test.use({ viewport: { width: 1366, height: 768 } });

test('@P1 at 1366×768 two residents on one number are told apart by year of birth, and klant zoeken finds them by postcode and huisnummer', async ({
  loginAs,
  inbound,
}) => {
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');
  await inbound({
    channel: 'telefoon',
    externalId: 'e2e-onderscheid-1',
    from: { phone: '0201234567' },
    subject: 'Vraag over parkeren',
  });
  await anna.accept(anna.offerFor('Vraag over parkeren'));

  // The kandidaten on the number: same name and street, told apart by the year of birth.
  await expect(anna.klantbeeld).toContainText('Er zijn 2 klanten gevonden.');
  const kandidaten = anna.klantbeeld.getByTestId('kandidaten').getByRole('listitem');
  await expect(kandidaten.filter({ hasText: 'Pieter van den Berg' }).getByTestId('onderscheid')).toHaveText(
    'Geboren in 1961 · Kerkstraat, Voorbeeldstad',
  );
  await expect(kandidaten.filter({ hasText: 'Lotte van den Berg' }).getByTestId('onderscheid')).toHaveText(
    'Geboren in 1995 · Kerkstraat, Voorbeeldstad',
  );
  // Not the verification answers: no full birth date, postcode or house number.
  await expect(anna.klantbeeld).not.toContainText('1961-11-02');
  await expect(anna.klantbeeld).not.toContainText('02-11-1961');
  await expect(anna.klantbeeld).not.toContainText('1234 CD');

  // Klant zoeken in the contact, by postcode and huisnummer as the resident says it, by keyboard.
  await anna.klantbeeld.getByRole('button', { name: 'Klant zoeken' }).click();
  const zoeken = anna.klantbeeld.getByRole('search', { name: 'Klant zoeken' });
  const veld = zoeken.getByRole('searchbox', { name: 'Zoek een bestaande klant' });
  await expect(zoeken).toContainText('postcode en huisnummer');
  await veld.fill('1234cd 17');
  await veld.press('Enter');
  const count = anna.klantbeeld.getByTestId('partij-search-count');
  await expect(count).toHaveText('2 klanten gevonden.');
  const results = anna.klantbeeld.getByTestId('partij-search-results').getByRole('listitem');
  await expect(results.getByTestId('onderscheid')).toHaveText([
    'Geboren in 1961 · Kerkstraat, Voorbeeldstad',
    'Geboren in 1995 · Kerkstraat, Voorbeeldstad',
  ]);

  await veld.fill('1234 AB 4');
  await veld.press('Enter');
  await expect(count).toHaveText('1 klant gevonden.');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('Fatima El Amrani');
  await expect(results.first().getByTestId('onderscheid')).toHaveText(
    'Geboren in 1984 · Lindelaan, Voorbeeldstad',
  );

  // Back to the household: Lotte is on the line.
  await veld.fill('1234 CD 17');
  await veld.press('Enter');
  await expect(count).toHaveText('2 klanten gevonden.');
  await results
    .filter({ hasText: 'Lotte van den Berg' })
    .getByRole('button', { name: 'Koppelen: Lotte van den Berg' })
    .click();
  await expect(anna.partijNaam).toHaveText('Lotte van den Berg');
});
