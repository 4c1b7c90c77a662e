import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import type { ContactOfferedEvent } from '@kcc/contracts/realtime';
import { expectNoSeriousA11yViolations } from '../fixtures/axe';
import { expect, test } from '../fixtures/test';
import { DashboardPage } from '../pages/dashboard-page';
import { LoginPage } from '../pages/login-page';

const LAPTOP = { width: 1366, height: 768 };
const WAITING = 55;

/*
 * Issue 14 item 6: with a queue collapsing, the staffing advice said "Genoeg" (agents in nawerk counted as
 * available, the backlog ignored), the waiting list stopped at 50 without saying so and the wallboard never moved.
 */
test('@P1 a team leader sees a collapsing queue as it is: backlog in the advice, a cut list said, the day charted, a rotating wallboard', async ({
  browser,
  server,
  request,
  inbound,
}) => {
  await test.step('bram handles two calls and stays in nawerk after the second; then 55 callers wait', async () => {
    const login = await request.post('/api/auth/login', { data: { username: 'bram', password: 'demo' } });
    const { token } = (await login.json()) as { token: string };
    const socket = io(`${server.url}/agent`, { auth: { token }, transports: ['websocket'] });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const handle = async (n: number) => {
      const offered = new Promise<ContactOfferedEvent>((resolve) => socket.once('contact:offered', resolve));
      expect(await socket.emitWithAck('presence:set', { status: 'beschikbaar' })).toMatchObject({ ok: true });
      await inbound({
        channel: 'telefoon',
        externalId: `e2e-backlog-handled-${n}`,
        from: {},
        queue: 'algemeen',
      });
      const offer = await offered;
      expect(await socket.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({
        ok: true,
      });
      const registered = await request.post(`/api/contacts/${offer.contact.id}/registration`, {
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
        data: { onderwerp: 'Afvalkalender', gespreksresultaat: 'zelfstandig_afgehandeld' },
      });
      expect(registered.status()).toBe(201);
    };
    await handle(1); // "Klaar" at the next presence:set ends this nawerk: a handle time is known
    await handle(2); // this nawerk goes on
    for (let i = 1; i <= WAITING; i++) {
      await inbound({ channel: 'telefoon', externalId: `e2e-backlog-${i}`, from: {}, queue: 'algemeen' });
    }
  });

  const context = await browser.newContext({ baseURL: server.url, viewport: LAPTOP, locale: 'nl-NL' });
  const page = await context.newPage();
  await new LoginPage(page).open();
  await new LoginPage(page).logIn('tess', 'demo');
  const tess = new DashboardPage(page);
  await tess.expectReady();

  await test.step('the advice counts the backlog and does not call nawerk available', async () => {
    await expect(tess.waiting('algemeen')).toHaveText(String(WAITING));
    await expect(tess.staffingText('algemeen')).toContainText(`om ${WAITING} wachtenden weg te werken`);
    await expect(tess.staffingText('algemeen')).toContainText('beschikbaar: 0, in nawerk: 1');
    await expect(tess.queueCard('algemeen').getByTestId('staffing-advice')).toHaveAttribute(
      'data-judgement',
      'tekort',
    );
  });

  await test.step('the waiting list says it is cut', async () => {
    const card = tess.queueCard('algemeen');
    await expect(card.getByText(/^Wachtende contacten \(/)).toHaveText(
      `Wachtende contacten (50 van ${WAITING})`,
    );
  });

  await test.step('the day so far: waiting contacts and service level per 15 minutes', async () => {
    const chart = page.getByRole('img', { name: /^Algemeen: per 15 minuten/ });
    await expect(chart).toHaveAccessibleName(new RegExp(`Nu: ${WAITING} wachtend`));
    await expectNoSeriousA11yViolations(page, 'dashboard with backlog and chart');
  });

  await test.step('the wallboard moves on by itself, with the pointer over it', async () => {
    await page.clock.install();
    await tess.openWallboard();
    const position = tess.wallboard.getByTestId('wallboard-position');
    await expect(position).toHaveText(/^Wachtrij 1 van \d+$/);
    await tess.wallboard.hover();
    await page.clock.fastForward(11_000);
    await expect(position).toHaveText(/^Wachtrij 2 van \d+$/);
  });
  await context.close();
});
