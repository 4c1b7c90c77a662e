import { expect, test } from '../fixtures/test';

test('@P1 Uitloggen ends the session on the server: the old token no longer works and the login screen shows', async ({
  loginAs,
  server,
}) => {
  const anna = await loginAs('anna');
  const token = await anna.page.evaluate(
    () => (JSON.parse(window.sessionStorage.getItem('kcc.session') ?? '{}') as { token?: string }).token,
  );
  expect(token).toBeTruthy();
  const me = () => fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  expect((await me()).status).toBe(200);

  await anna.page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(anna.page.getByRole('button', { name: 'Inloggen' })).toBeVisible();
  // Issue 11 §9: not only the browser forgets the token, the server refuses it too.
  await expect.poll(async () => (await me()).status).toBe(401);
});
