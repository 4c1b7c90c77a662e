import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { INTEGRATION_KEY } from '../fixtures/server';
import { expect, test } from '../fixtures/test';
import { KlantbeeldPanel } from '../pages/klantbeeld-panel';

// Fatima El Amrani (demo data) calls from her mobile number; her BRP answers verify her.
const FATIMA = { telefoon: '06-12345678' };
const FATIMA_ANTWOORDEN = { geboortedatum: '12-03-1984', postcode: '1234 AB', huisnummer: '4' };
const DAG = 86_400_000;

test.use({ viewport: { width: 1366, height: 768 }, serverEnv: { KCC_TEST_CLOCK: '1' } });

test('@P1 the agent records and withdraws a resident’s toestemming in the klantbeeld (issue 15 §4)', async ({
  loginAs,
  inbound,
  request,
}) => {
  // The server's clock runs a day ahead: the recorded time must be the server's, not the browser's.
  const moved = await request.post('/api/test/clock', {
    headers: { 'X-Integration-Key': INTEGRATION_KEY },
    data: { advanceMs: DAG },
  });
  expect(moved.status(), await moved.text()).toBe(200);
  const anna = await loginAs('anna');
  await anna.setStatus('beschikbaar');
  await inbound({
    channel: 'telefoon',
    externalId: 'e2e-toestemming-1',
    from: { phone: FATIMA.telefoon },
    subject: 'Vraag over afval',
  });
  await anna.accept(anna.offerFor('Vraag over afval'));
  const klantbeeld = KlantbeeldPanel.ofContact(anna.page);

  // Only recognised: she can be told about consent, but it cannot be recorded yet.
  await expect(klantbeeld.toestemmingen).toContainText('De inwoner heeft geen toestemming gegeven.');
  await expect(klantbeeld.toestemmingen).toContainText('Verifieer eerst wie de inwoner is.');
  await expect(klantbeeld.toestemmingen.getByRole('button', { name: 'Toestemming vastleggen' })).toHaveCount(
    0,
  );

  await klantbeeld.verifieer(FATIMA_ANTWOORDEN);
  await expect(klantbeeld.identificatieniveau).toHaveText(/Geverifieerd/);

  // A wrong number is refused with a clear reason next to the field.
  await klantbeeld.legToestemmingVast(
    'Berichten over de afhandeling via het voorkeurskanaal',
    'Sms',
    '12345',
  );
  await expect(klantbeeld.toestemmingen.getByLabel('Mobiel nummer')).toHaveAttribute('aria-invalid', 'true');
  await expect(klantbeeld.toestemmingen).toContainText('Vul een mobiel nummer in (06…).');

  await klantbeeld.legToestemmingVast(
    'Berichten over de afhandeling via het voorkeurskanaal',
    'Sms',
    '0612345678',
  );
  await expect(klantbeeld.geldigeToestemmingen).toHaveCount(1);
  const dag = new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(Date.now() + DAG));
  await expect(klantbeeld.geldigeToestemmingen).toContainText(
    'Sms: 0612345678. mondeling gegeven via telefoon',
  );
  await expect(klantbeeld.geldigeToestemmingen).toContainText(dag);
  await expect(klantbeeld.toestemmingen.getByTestId('voorkeurskanaal-toestemming')).toHaveText(
    'Berichten gaan naar: Sms (0612345678).',
  );
  await klantbeeld.legToestemmingVast(
    'Zelf contact opnemen (bijvoorbeeld vragen naar tevredenheid)',
    'E-mail',
  );
  await expect(klantbeeld.geldigeToestemmingen).toHaveCount(2);
  await expectNoSeriousA11yViolations(anna.page, 'klantbeeld met toestemmingen');

  // Withdrawn at the resident's request: no longer valid, still in the history, and no preferred channel.
  await klantbeeld.toestemmingen
    .getByRole('button', { name: 'Intrekken: Berichten over de afhandeling via het voorkeurskanaal' })
    .click();
  await expect(klantbeeld.geldigeToestemmingen).toHaveCount(1);
  await expect(klantbeeld.toestemmingen.getByTestId('voorkeurskanaal-toestemming')).toContainText(
    'Geen voorkeurskanaal met toestemming.',
  );
  await klantbeeld.toestemmingen.getByText('Geschiedenis (2)').click();
  await expect(klantbeeld.toestemmingen.getByTestId('toestemming-geschiedenis')).toContainText(
    'ingetrokken op',
  );
  await expectNoSeriousA11yViolations(anna.page, 'klantbeeld na intrekken');
});
