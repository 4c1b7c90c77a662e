import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { expect, test } from '../fixtures/channels';
import { INTEGRATION_KEY } from '../fixtures/server';
import { VIEWPORT } from '../fixtures/test';
import { AgentCobrowse, ResidentCobrowse } from '../pages/cobrowse-page';
import { LoginPage } from '../pages/login-page';
import { WorkplacePage } from '../pages/workplace-page';

// Fatima El Amrani (seed-demo.ts): 0612345678, BSN 999993653.
const BSN = '999993653';
const IBAN = 'NL91ABNA0417164300';
const PASSWORD = 'Geheim-Wachtwoord-77';
const NAME = 'Fatima El Amrani';
const STREET = 'Lindelaan 14';
const PLATE = 'XK-482-P';

// Code expiry and the closed tab's grace time pass when the test moves the server's clock (KCC_TEST_CLOCK).
test.use({ serverEnv: { KCC_TEST_CLOCK: '1' } });

/** Every websocket frame a page receives (or sends), from before the page's first socket. */
function recordFrames(page: Page, direction: 'received' | 'sent'): string[] {
  const frames: string[] = [];
  page.on('websocket', (ws) => {
    const keep = (f: { payload: string | Buffer }) =>
      frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8'));
    if (direction === 'received') ws.on('framereceived', keep);
    else ws.on('framesent', keep);
  });
  return frames;
}

/** An agent in a context of their own, with their websocket frames recorded from the start. */
async function agentWithFrames(browser: Browser, baseURL: string, agent: 'anna' | 'bram') {
  const context = await browser.newContext({ baseURL, viewport: VIEWPORT, locale: 'nl-NL' });
  const page = await context.newPage();
  const frames = recordFrames(page, 'received');
  const login = new LoginPage(page);
  await login.open();
  await login.logIn(agent, 'demo');
  const workplace = new WorkplacePage(page);
  await workplace.expectReady();
  return { workplace, frames, context };
}

function elevenProof(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(d[i]) * (9 - i);
  return (sum - Number(d[8])) % 11 === 0;
}
function mod97(iban: string): boolean {
  const s = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const ch of s) rest = (rest * 10 + Number(ch)) % 97;
  return rest === 1;
}
/** BSN-shaped (9 digits passing the 11-proef) and IBAN-shaped (mod-97) strings in a text. */
function personalNumbers(text: string): string[] {
  const bsns = [...text.matchAll(/(?<![0-9])[0-9]{9}(?![0-9])/g)].map((m) => m[0]).filter(elevenProof);
  const ibans = [...text.toUpperCase().matchAll(/[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}/g)]
    .map((m) => m[0])
    .filter((m) => m.length <= 34 && mod97(m));
  return [...bsns, ...ibans];
}

async function advanceServerClock(request: APIRequestContext, ms: number) {
  const res = await request.post('/api/test/clock', {
    headers: { 'X-Integration-Key': INTEGRATION_KEY },
    data: { advanceMs: ms },
  });
  expect(res.status()).toBe(200);
}

test('@P1 phone: code, consent, the agent sees the form masked, pointer, control refused then allowed, resident stops; verwerkingenlog', async ({
  browser,
  server,
  cti,
  openResident,
  request,
}) => {
  // One long scenario (four form steps, two consents, three axe scans): a hang guard, not a speed claim.
  test.setTimeout(150_000);
  const { workplace: anna, frames } = await agentWithFrames(browser, server.url, 'anna');
  await anna.setStatus('beschikbaar');
  const offered = await cti({
    eventId: 'cb-1-offered',
    type: 'call.offered',
    callId: 'cb-1',
    from: '+31 6 1234 5678',
    queue: 'algemeen',
  });
  const contactId = offered.contactId!;
  await anna.accept(anna.offerCards.first());
  await cti({ eventId: 'cb-1-answered', type: 'call.answered', callId: 'cb-1', agentId: 'user-anna' });

  const widget = await openResident();
  const sent = recordFrames(widget.page, 'sent');
  await widget.visit('/demo/parkeervergunning.html');
  const resident = new ResidentCobrowse(widget.page);
  const code = await resident.askCode();

  const pane = new AgentCobrowse(anna.page);
  await pane.enterCode(code);
  await expect(pane.status).toHaveText('Wachten tot de inwoner toestemming geeft…');
  // The agent's pane (before the live page: axe cannot enter the replay's sandboxed, script-free frame).
  await expectNoSeriousA11yViolations(anna.page, 'co-browse pane, waiting for consent');
  await expect(resident.consent).toBeVisible();
  await expect(resident.consent).toContainText('Anna');
  await expect(resident.consent).toContainText('Wat u in formuliervelden typt, ziet de medewerker niet.');
  // Nothing of the page left the browser before "Toestaan".
  expect(sent.filter((f) => f.includes('cobrowse:events'))).toEqual([]);
  await expect(resident.consent.getByRole('heading')).toBeFocused();
  await expectNoSeriousA11yViolations(widget.page, 'co-browse consent dialog');

  await resident.allow();
  await expect(pane.status).toHaveText('U kijkt mee.');
  await expect(pane.url).toHaveText(`${server.url}/demo/parkeervergunning.html`);
  await expect(pane.viewport).toHaveText(`${VIEWPORT.width} × ${VIEWPORT.height}`);
  await expect(pane.replay.getByText('Burgerservicenummer (BSN)')).toBeVisible();
  await expectNoSeriousA11yViolations(widget.page, 'co-browse banner');

  // The resident fills in the form, BSN and IBAN included.
  const page = widget.page;
  const form = page.locator('#vergunning');
  await form.getByLabel('Naam', { exact: true }).fill(NAME);
  await form.getByLabel('Burgerservicenummer (BSN)', { exact: true }).fill(BSN);
  await form.getByLabel('E-mailadres', { exact: true }).fill('fatima@example.nl');
  await expect(pane.replay.locator('#bsn')).toHaveValue('*'.repeat(BSN.length));
  await form.getByRole('button', { name: 'Volgende' }).click();
  await form.getByLabel('Straat en huisnummer', { exact: true }).fill(STREET);
  await form.getByLabel('Postcode', { exact: true }).fill('1234 AB');
  await form.getByLabel('Kenteken van de auto', { exact: true }).fill(PLATE);
  await form.getByRole('button', { name: 'Volgende' }).click();
  await form.getByLabel('Rekeningnummer (IBAN)', { exact: true }).fill(IBAN);
  await form.getByLabel('Op naam van', { exact: true }).fill('F. El Amrani');
  await form.getByLabel(/Kies een wachtwoord/).fill(PASSWORD);
  await expect(pane.replay.locator('#iban')).toHaveValue('*'.repeat(IBAN.length));
  await expect(pane.replay.locator('#wachtwoord')).toHaveValue('');
  await form.getByRole('button', { name: 'Volgende' }).click();
  await expect(page.getByText('Stap 4 van 4: Controleren')).toBeVisible();

  // The agent follows to the summary: BSN and IBAN masked, blocked parts labelled "Niet gedeeld".
  await expect(pane.replay.locator('legend', { hasText: 'Controleren' })).toBeVisible();
  await expect(pane.replay.locator('dd[data-veld="bsn"]')).toHaveText('•'.repeat(9));
  await expect(pane.replay.locator('dd[data-veld="iban"]')).toHaveText('•'.repeat(IBAN.length));
  await expect(pane.replay.locator('dd[data-veld="naam"]')).not.toContainText('Fatima');
  await expect(pane.notShared).not.toHaveText('niets');
  // Added while the agent looks: an iframe and a host with a closed shadow root are placeholders as well.
  const shownBefore = Number.parseInt((await pane.notShared.textContent()) ?? '', 10);
  await page.evaluate(`(() => {
    const form = document.getElementById('vergunning');
    const frame = document.createElement('iframe');
    frame.id = 'betaalmodule';
    frame.title = 'Betaalmodule';
    form.append(frame);
    const host = document.createElement('div');
    host.id = 'gesloten';
    form.append(host);
    host.attachShadow({ mode: 'closed' }).innerHTML = '<p>Alleen voor deze module</p>';
  })()`);
  // (rrweb keeps only the class and size of a blocked element, so they are found by their placeholder class.)
  await expect(pane.replay.locator('.kcc-niet-gedeeld')).toHaveCount(shownBefore + 2);
  await expect(pane.notShared).toHaveText(`${shownBefore + 2} onderdelen`);
  await expect(pane.replay.getByText('Alleen voor deze module')).toHaveCount(0);

  // Pointing: the resident sees the agent's pointer, and a highlight where the agent clicks.
  await pane.layer.hover({ position: { x: 200, y: 200 } });
  await expect(resident.pointer).toBeVisible();
  await pane.clickOnReplayed(pane.replay.locator('dd[data-veld="kenteken"]'));
  await expect(resident.highlight).toBeVisible();
  // The same by keyboard: arrows move the pointer (off the element: no highlight), Enter points at what is under it.
  await pane.layer.focus();
  await anna.page.keyboard.press('ArrowUp');
  await expect(resident.highlight).toBeHidden();
  await anna.page.keyboard.press('ArrowDown');
  await anna.page.keyboard.press('Enter');
  await expect(resident.highlight).toBeVisible();

  // Control: not without the second consent; refused once, then allowed.
  await expect(pane.controlMode).toBeDisabled();
  await pane.askControl.click();
  await expect(resident.controlConsent).toBeVisible();
  await resident.controlConsent.getByRole('button', { name: 'Weigeren' }).click();
  await expect(pane.status).toHaveText('U kijkt mee.');
  await expect(pane.controlMode).toBeDisabled();
  await pane.askControl.click();
  await resident.controlConsent.getByRole('button', { name: 'Bediening toestaan' }).click();
  await expect(resident.banner).toContainText('en mag uw scherm bedienen');
  await expect(pane.status).toHaveText('U kijkt mee en mag de pagina bedienen.');
  await pane.controlMode.check();
  await pane.clickOnReplayed(pane.replay.getByRole('button', { name: 'Vorige' }));
  await expect(page.getByText('Stap 3 van 4: Betalen')).toBeVisible();
  await resident.takeBack.click();
  await expect(pane.controlMode).toBeDisabled();

  // The resident stops.
  await resident.stop.click();
  await expect(resident.banner).toBeHidden();
  await expect(resident.live).toHaveText('Het meekijken is gestopt.');
  await expect(pane.status).toHaveText('De inwoner heeft het meekijken gestopt.');

  // Every frame the agent's page received: no BSN or IBAN, none of the typed values.
  const all = frames.join('\n');
  expect(frames.some((f) => f.includes('cobrowse:events'))).toBe(true);
  expect(personalNumbers(all)).toEqual([]);
  // The widget itself (code, dialogs, banner) is not shared either.
  expect(all.includes('kijkt mee'), 'the widget banner reached the agent').toBe(false);
  expect(all.includes('Bediening terugnemen'), 'the widget banner reached the agent').toBe(false);
  for (const typed of [BSN, IBAN, PASSWORD, NAME, STREET, PLATE, 'fatima@example.nl', 'NL91', '0417164300'])
    expect(all.includes(typed), `a frame holds ${typed}`).toBe(false);

  // The verwerkingenlog has the session (metadata), for the privacy officer.
  const login = await request.post('/api/auth/login', { data: { username: 'priya', password: 'demo' } });
  const { token } = (await login.json()) as { token: string };
  const log = await request.get(`/api/audit/verwerkingen?bsn=${BSN}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(log.status()).toBe(200);
  const items = (
    (await log.json()) as { items: { actieNaam: string; contactId?: string; gebruiker?: { id: string } }[] }
  ).items;
  const entry = items.find((i) => i.actieNaam.startsWith('Meekijken'));
  expect(entry).toMatchObject({ contactId, gebruiker: { id: 'user-anna' } });
  expect(entry?.actieNaam).toContain('bediening toegestaan');
});

test('@P1 chat: refusal, then consent; the agent follows the resident to the next page; the agent stops; the tab closes', async ({
  browser,
  server,
  openResident,
  request,
}) => {
  const { workplace: anna } = await agentWithFrames(browser, server.url, 'anna');
  await anna.setStatus('beschikbaar');
  const widget = await openResident();
  const sent = recordFrames(widget.page, 'sent');
  await widget.visit('/demo/parkeren.html');
  await widget.openPanel();
  await widget.startChat({ name: 'Piet', subject: 'Parkeervergunning' });
  await anna.accept(anna.offerFor('Parkeervergunning'));
  await expect(widget.notice).toContainText('Anna helpt u nu.');

  const pane = new AgentCobrowse(anna.page);
  const resident = new ResidentCobrowse(widget.page);
  await pane.start.click();
  await resident.refuse();
  await expect(resident.live).toHaveText('U heeft het meekijken geweigerd. Er is niets gedeeld.');
  await expect(pane.status).toHaveText('De inwoner heeft het meekijken geweigerd.');
  expect(sent.filter((f) => f.includes('cobrowse:events'))).toEqual([]);

  await pane.start.click();
  await resident.allow();
  await expect(pane.url).toHaveText(`${server.url}/demo/parkeren.html`);
  await expect(pane.replay.getByRole('heading', { name: 'Parkeren', level: 1 })).toBeVisible();

  // Navigation within the site: the next page resumes the session, the agent follows.
  await widget.page.getByRole('link', { name: 'Parkeervergunning aanvragen' }).click();
  await expect(resident.banner).toBeVisible();
  await expect(pane.url).toHaveText(`${server.url}/demo/parkeervergunning.html`);
  await expect(pane.replay.getByText('Burgerservicenummer (BSN)')).toBeVisible();
  await expect(pane.status).toHaveText('U kijkt mee.');

  // The agent stops with one click; asked again, the resident allows again.
  await pane.end.click();
  await expect(pane.status).toHaveText('U heeft het meekijken gestopt.');
  await expect(resident.banner).toBeHidden();
  await expect(resident.live).toHaveText('Het meekijken is gestopt.');
  await pane.start.click();
  await resident.allow();
  await expect(resident.banner).toBeVisible();
  await expect(pane.status).toHaveText('U kijkt mee.');

  // The resident closes the tab: paused at once, ended when the grace time has passed (server clock).
  await widget.page.close();
  await expect(pane.status).toHaveText('De inwoner gaat naar een andere pagina…');
  await advanceServerClock(request, 30_000);
  await expect(pane.status).toHaveText('Het meekijken is gestopt: de inwoner heeft de website verlaten.');
  await expect(pane.start).toBeVisible();
});

test('@P1 phone: a wrong code and an expired code are refused', async ({
  browser,
  server,
  cti,
  openResident,
  request,
}) => {
  const { workplace: anna } = await agentWithFrames(browser, server.url, 'anna');
  await anna.setStatus('beschikbaar');
  await cti({
    eventId: 'cb-3-offered',
    type: 'call.offered',
    callId: 'cb-3',
    from: '0687654321',
    queue: 'algemeen',
  });
  await anna.accept(anna.offerCards.first());

  const widget = await openResident();
  await widget.visit('/demo/parkeervergunning.html');
  const resident = new ResidentCobrowse(widget.page);
  const code = await resident.askCode();
  const pane = new AgentCobrowse(anna.page);

  const wrong = code === '000000' ? '000001' : '000000';
  await pane.enterCode(wrong);
  await expect(pane.error).toHaveText(
    'Deze code klopt niet. Vraag de inwoner de code nog eens voor te lezen.',
  );
  await expect(pane.codeInput).toHaveAttribute('aria-invalid', 'true');
  await pane.enterCode('12');
  await expect(pane.error).toHaveText('Een code heeft 6 cijfers.');

  await advanceServerClock(request, 10 * 60_000);
  await pane.enterCode(code);
  await expect(pane.error).toHaveText('Deze code is verlopen. Vraag de inwoner om een nieuwe code.');
  await expect(resident.consent).toBeHidden();
});
