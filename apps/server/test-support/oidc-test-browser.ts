/**
 * What a browser does at the test provider, without a browser: follow redirects with cookies, fill in the login
 * form (any password) and the confirmation, and stop at the first URL outside the provider: the authorization response for the
 * redirect URI, which the caller delivers.
 */
export async function loginAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const provider = new URL(authorizationUrl).origin;
  const cookies = new Map<string, string>();
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');

  let url = new URL(authorizationUrl);
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 10; step++) {
    if (url.origin !== provider) return url;
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: cookieHeader(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body: body.toString() } : {}),
    });
    remember(res);
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url);
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(login|consent)"/.exec(html)?.[1];
    if (res.status === 200 && action && prompt) {
      // The provider asks a native client's user to confirm (consent) after the login form.
      body = new URLSearchParams(
        prompt === 'login' ? { prompt, login, password: 'willekeurig' } : { prompt },
      );
      url = new URL(action.replace(/&amp;/g, '&'), url);
      continue;
    }
    throw new Error(`unexpected provider answer ${res.status} at ${url.pathname}: ${html.slice(0, 300)}`);
  }
  throw new Error('too many redirects at the provider');
}
