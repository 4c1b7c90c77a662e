import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';
import { INTEGRATION_KEY } from '../fixtures/server';

// The offers expire when the test moves the server's clock (KCC_TEST_CLOCK), not after wall time.
const ACCEPT_TIMEOUT_MS = 60_000;
test.use({
  viewport: { width: 1366, height: 768 },
  serverEnv: { KCC_ACCEPT_TIMEOUT_MS: String(ACCEPT_TIMEOUT_MS), KCC_TEST_CLOCK: '1' },
});

interface AlertRecord {
  tones: number;
  notifications: { title: string; body: string; tag: string }[];
  permissionRequests: number;
}

/**
 * Records what the page asks of the browser: oscillator tones (Web Audio) and notifications. The window counts
 * as not in front, as when the agent works in another application.
 */
async function recordAlerts(page: Page, permission: NotificationPermission): Promise<void> {
  await page.context().addInitScript((initial: NotificationPermission) => {
    const record: AlertRecord = { tones: 0, notifications: [], permissionRequests: 0 };
    (window as unknown as { __alerts: AlertRecord }).__alerts = record;
    const RealAudioContext = window.AudioContext;
    window.AudioContext = class extends RealAudioContext {
      override createOscillator(): OscillatorNode {
        const oscillator = super.createOscillator();
        const start = oscillator.start.bind(oscillator);
        oscillator.start = (when?: number) => {
          record.tones += 1;
          start(when);
        };
        return oscillator;
      }
    };
    let permission = initial;
    class RecordingNotification {
      static get permission() {
        return permission;
      }
      static requestPermission() {
        record.permissionRequests += 1;
        permission = 'granted';
        return Promise.resolve(permission);
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options: NotificationOptions = {}) {
        record.notifications.push({ title, body: options.body ?? '', tag: options.tag ?? '' });
      }
      close() {}
    }
    (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
    document.hasFocus = () => false;
  }, permission);
  await page.reload();
}

const alerts = (page: Page) => page.evaluate(() => (window as unknown as { __alerts: AlertRecord }).__alerts);

test('@P1 two offers at once ring once, count in the title and share one notification; a missed offer says why and Alt+D makes the agent available again', async ({
  loginAs,
  inbound,
  request,
}) => {
  const anna = await loginAs('anna');
  const { page } = anna;
  await recordAlerts(page, 'granted');
  await anna.expectReady();
  await anna.setStatus('beschikbaar');
  await expect(page).toHaveTitle('KCC Werkplek');

  for (const n of [1, 2]) {
    await inbound({
      channel: 'email',
      externalId: `e2e-alert-${n}`,
      from: { email: `inwoner${n}@example.nl` },
      subject: `Vraag ${n} over de afvalpas`,
      body: 'Waar haal ik een nieuwe afvalpas?',
    });
  }
  await expect(anna.offerCards).toHaveCount(2);
  await expect(page).toHaveTitle('(2) Nieuwe contacten · KCC Werkplek');
  // One chime (two tones) for the batch, not one per offer; the notification was replaced, not stacked.
  await expect.poll(async () => (await alerts(page)).tones).toBe(2);
  const { notifications } = await alerts(page);
  expect(notifications.at(-1)).toMatchObject({ title: '2 nieuwe contacten', tag: 'kcc-aanbod' });
  expect(notifications.at(-1)?.body).toContain('E-mail: Vraag 1 over de afvalpas');
  expect(notifications.at(-1)?.body).toContain('E-mail: Vraag 2 over de afvalpas');
  expect(new Set(notifications.map((n) => n.tag))).toEqual(new Set(['kcc-aanbod']));

  // Anna does not react: the offers expire, she is Niet reagerend and is told why.
  const moved = await request.post('/api/test/clock', {
    headers: { 'X-Integration-Key': INTEGRATION_KEY },
    data: { advanceMs: ACCEPT_TIMEOUT_MS },
  });
  expect(moved.status(), await moved.text()).toBe(200);
  const notice = page.getByTestId('presence-change-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('U heeft een aanbod niet op tijd aangenomen of geweigerd.');
  await anna.expectStatus('niet-reagerend', 'Niet reagerend');
  await expect(anna.offerCards).toHaveCount(0);
  await expect(page).toHaveTitle('KCC Werkplek');

  await page.keyboard.press('Alt+KeyD');
  await anna.expectStatus('beschikbaar');
  await expect(notice).toBeHidden();
});

test('@P1 the browser asks for notifications only after an explanation, and only once', async ({
  loginAs,
}) => {
  const anna = await loginAs('anna');
  const { page } = anna;
  await recordAlerts(page, 'default');
  await anna.expectReady();

  const prompt = page.getByTestId('notification-prompt');
  await expect(prompt).toContainText('ook als dit venster niet voorop staat');
  expect((await alerts(page)).permissionRequests).toBe(0);
  await prompt.getByRole('button', { name: 'Meldingen aanzetten' }).click();
  await expect(prompt).toBeHidden();
  expect((await alerts(page)).permissionRequests).toBe(1);

  // The answer is remembered: after a reload (the browser stub says "default" again) no second question.
  await page.reload();
  await anna.expectReady();
  await expect(prompt).toBeHidden();
  expect((await alerts(page)).permissionRequests).toBe(0);

  // The sound is a choice under Meldingen, kept per device.
  await page.getByRole('button', { name: 'Meldingen', exact: true }).click();
  const settings = page.getByTestId('offer-alert-settings');
  await settings.getByRole('combobox', { name: 'Geluid' }).selectOption({ label: 'Geen geluid' });
  await settings.getByRole('button', { name: 'Sluiten' }).click();
  await page.reload();
  await anna.expectReady();
  await page.getByRole('button', { name: 'Meldingen', exact: true }).click();
  await expect(settings.getByRole('combobox', { name: 'Geluid' })).toHaveValue('uit');
});
