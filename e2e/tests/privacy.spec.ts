import type { Response } from '@playwright/test';
import type { AuditExport, VerwerkingsactieDto } from '@kcc/contracts/verwerkingen';
import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { expect, test, VIEWPORT } from '../fixtures/test';
import { KlantbeeldPanel, KlantOpzoeken } from '../pages/klantbeeld-panel';
import { LoginPage } from '../pages/login-page';
import { PrivacyPage } from '../pages/privacy-page';

const FATIMA = { bsn: '999993653', naam: 'Fatima El Amrani', telefoon: '06-12345678' };

/** One read of Fatima's data by the agent, as the browser performed it. */
interface View {
  kind: 'contact-klantbeeld' | 'register-klantbeeld' | 'zoeken';
  doel: string;
}

/** Records every successful personal-data read the agent's browser made, with its purpose. */
function recordViews(responses: Response[]): View[] {
  const views: View[] = [];
  for (const response of responses) {
    if (response.request().method() !== 'GET' || !response.ok()) continue;
    const url = new URL(response.url());
    const contact = /^\/api\/contacts\/([^/]+)\/klantbeeld$/.exec(url.pathname);
    const purpose = url.searchParams.get('contactId')
      ? `contact:${url.searchParams.get('contactId')}`
      : (url.searchParams.get('doel') ?? '');
    if (contact) views.push({ kind: 'contact-klantbeeld', doel: `contact:${contact[1]}` });
    else if (url.pathname === `/api/klantbeeld/persoon/${FATIMA.bsn}`)
      views.push({ kind: 'register-klantbeeld', doel: purpose });
    else if (url.pathname === '/api/klantbeeld/personen') views.push({ kind: 'zoeken', doel: purpose });
  }
  return views;
}

/** The log's actions of one klantbeeld view share their tijdstip (one `at` per view). */
function groupByTijdstip(acties: VerwerkingsactieDto[]): Map<string, VerwerkingsactieDto[]> {
  const groups = new Map<string, VerwerkingsactieDto[]>();
  for (const a of acties) groups.set(a.tijdstip, [...(groups.get(a.tijdstip) ?? []), a]);
  return groups;
}

test("@P1 the privacy officer's export shows exactly the views of a resident that happened", async ({
  browser,
  server,
  loginAs,
  inbound,
}) => {
  const anna = await loginAs('anna');
  const responses: Response[] = [];
  anna.page.on('response', (r) => responses.push(r));
  const zoeken = new KlantOpzoeken(anna.page);

  // 1. Without a contact, for a callback request: search Fatima by BSN and open her klantbeeld twice.
  await zoeken.open();
  await zoeken.chooseDoel('Terugbelverzoek afhandelen');
  await zoeken.search({ BSN: FATIMA.bsn });
  await expect(zoeken.resultItems).toHaveCount(1);
  for (let i = 0; i < 2; i++) {
    const opened = await zoeken.openKlantbeeld(FATIMA.naam);
    await expect(opened.zaakItems).toHaveCount(1);
    await opened.close();
  }
  await zoeken.openButton.click();

  // 2. Fatima calls: recognised by phone, the contact's klantbeeld is read with the contact as purpose.
  await anna.setStatus('beschikbaar');
  const contactId = await inbound({
    channel: 'telefoon',
    externalId: 'e2e-privacy-1',
    from: { phone: FATIMA.telefoon },
    subject: 'Vraag over mijn bezwaar',
  });
  await anna.accept(anna.offerFor('Vraag over mijn bezwaar'));
  // Recognised by phone only: the agent verifies her first (logged with purpose verificatie).
  const contactKlantbeeld = KlantbeeldPanel.ofContact(anna.page);
  await contactKlantbeeld.verifieer({ geboortedatum: '12-03-1984', postcode: '1234AB', huisnummer: '4' });
  await expect(contactKlantbeeld.identificatieniveau).toHaveText(/Geverifieerd/);
  await expect(contactKlantbeeld.zaakItems).toHaveCount(1);

  // 3. With the contact open, the agent looks her up again: the open contact is the purpose.
  await zoeken.open();
  await expect(zoeken.doelText).toContainText('het open contact');
  await zoeken.search({ BSN: FATIMA.bsn });
  const opened = await zoeken.openKlantbeeld(FATIMA.naam);
  await expect(opened.verantwoording).toContainText('Ingezien voor: Contact via telefoon');

  const views = recordViews(responses);
  const byKind = (kind: View['kind']) => views.filter((v) => v.kind === kind);
  // What the test did, as the browser did it: no extra, cached or missing reads.
  expect(byKind('register-klantbeeld')).toEqual([
    { kind: 'register-klantbeeld', doel: 'terugbelverzoek_afhandelen' },
    { kind: 'register-klantbeeld', doel: 'terugbelverzoek_afhandelen' },
    { kind: 'register-klantbeeld', doel: `contact:${contactId}` },
  ]);
  expect(byKind('zoeken').map((v) => v.doel)).toEqual(['terugbelverzoek_afhandelen', `contact:${contactId}`]);
  expect(byKind('contact-klantbeeld').length).toBeGreaterThanOrEqual(1);

  // The privacy officer, in a browser of her own.
  const context = await browser.newContext({ baseURL: server.url, viewport: VIEWPORT, locale: 'nl-NL' });
  try {
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.open();
    await login.logIn('priya', 'demo');
    const privacy = new PrivacyPage(page);
    await privacy.expectReady();
    await expect(privacy.chainStatus).toContainText('Het logboek is onveranderd.');

    await privacy.searchBsn(FATIMA.bsn);
    const agentRows = privacy
      .rowsOfActiviteit('kcc-klantcontact-afhandelen')
      .or(privacy.rowsOfActiviteit('kcc-terugbelverzoek'));

    const { download, text } = await privacy.export('json');
    expect(download.suggestedFilename()).toMatch(/^verwerkingen-inzageverzoek-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(text) as AuditExport;
    expect(exported.onderwerp.bsn).toBe(FATIMA.bsn);
    const acties = exported.verwerkingsacties.filter(
      (a) => a.verwerkingsactiviteitCode !== 'privacy-inzageverzoek',
    );
    // The table showed the same agent actions (the export was made after the table was read).
    await expect(agentRows).toHaveCount(acties.length);

    // Everything left is Anna's, about Fatima.
    for (const a of acties) {
      expect(a.gebruiker?.naam).toBe('Anna de Vries');
      expect(a.verwerkteObjecten.map((o) => o.bsn)).toEqual([FATIMA.bsn]);
    }

    // Searches: one action per search (Fatima was the only result each time), with the purpose of the search.
    const zoekActies = acties.filter((a) => a.handelingNaam === 'zoeken');
    expect(zoekActies.map((a) => a.doel).sort()).toEqual(
      byKind('zoeken')
        .map((v) => v.doel)
        .sort(),
    );
    expect(zoekActies.every((a) => a.gegevensbron === 'brp')).toBe(true);

    // The verification compared her answers with the BRP: one action, with its own purpose.
    const verificatie = acties.filter((a) => a.doel === 'verificatie');
    expect(verificatie.map((a) => [a.gegevensbron, a.contactId])).toEqual([['brp', contactId]]);
    expect(verificatie[0]!.verwerkteObjecten[0]!.betrokkenheid).toBe('Klant (verificatie gelukt)');

    // Views: one group per klantbeeld read, each with one action per register that delivered data.
    const inzien = acties.filter((a) => a.handelingNaam === 'inzien' && a.doel !== 'verificatie');
    expect(inzien).toHaveLength(acties.length - zoekActies.length - verificatie.length);
    const groups = [...groupByTijdstip(inzien).values()];
    const expectedViews = views.filter((v) => v.kind !== 'zoeken');
    expect(groups).toHaveLength(expectedViews.length);
    expect(groups.map((g) => g[0]!.doel).sort()).toEqual(expectedViews.map((v) => v.doel).sort());
    for (const group of groups) {
      expect(new Set(group.map((a) => a.doel)).size).toBe(1);
      // Before the verification the contact's klantbeeld read only the klantregister; the level is in the log.
      const herkend =
        group[0]!.verwerkteObjecten[0]!.betrokkenheid === 'Klant (identificatieniveau: herkend)';
      expect(group.map((a) => a.gegevensbron).sort()).toEqual(
        herkend ? ['klantinteracties'] : ['brp', 'klantinteracties', 'zaken'],
      );
    }
    // Callback-request views fall under their own processing activity.
    expect(
      inzien.filter((a) => a.doel === 'terugbelverzoek_afhandelen').map((a) => a.verwerkingsactiviteitCode),
    ).toEqual(Array(6).fill('kcc-terugbelverzoek'));

    // The CSV holds the same actions, one line per verwerkt object, plus the privacy officer's reads.
    const csv = await privacy.export('csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toContain('Tijdstip;Handeling');
    const agentLines = lines.slice(1).filter((l) => l.includes(';Anna de Vries;'));
    expect(agentLines).toHaveLength(acties.length);
    for (const a of acties) expect(csv.text).toContain(a.actieId);
  } finally {
    await context.close();
  }
});

test('@P1 the privacy screen has no serious or critical WCAG 2.1 AA violations', async ({ page }) => {
  const login = new LoginPage(page);
  await login.open();
  await login.logIn('priya', 'demo');
  const privacy = new PrivacyPage(page);
  await privacy.expectReady();
  await expect(privacy.chainStatus).toContainText('Het logboek is onveranderd.');
  await expectNoSeriousA11yViolations(page, 'privacy (empty)');

  await privacy.bsn.fill('12345');
  await privacy.zoeken.click();
  await expect(privacy.bsn).toHaveAttribute('aria-invalid', 'true');
  await expectNoSeriousA11yViolations(page, 'privacy with an error');

  // A read of the log is logged itself and shows in the next query: search twice to fill the table.
  await privacy.searchBsn(FATIMA.bsn);
  await privacy.zoeken.click();
  await expect(privacy.rowsOfActiviteit('privacy-inzageverzoek').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'privacy with the table');
});
