/** Seconds between attempts to load the workplace when the server cannot be reached. */
export const RETRY_SECONDS = 5;

const ABORTED = -3; // ERR_ABORTED: a navigation replaced by another one, not a failure.

/** Whether a `did-fail-load` should show the "server niet bereikbaar" page (main frame, real error). */
export function isServerUnreachable(errorCode: number, isMainFrame: boolean): boolean {
  return isMainFrame && errorCode !== ABORTED && errorCode < 0;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A static page (no script, no links) shown while the server is unreachable; main retries by itself.
 * It is a data: URL, so it has no origin and can never pass the IPC sender check.
 */
export function loadFailurePage(serverUrl: string, errorDescription: string): string {
  const html = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>KCC Werkplek — server niet bereikbaar</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:36rem;padding:0 1rem;color:#1a1a1a}
code{background:#eef2f7;padding:.1rem .3rem;border-radius:.2rem}</style></head>
<body><main><h1>De server is niet bereikbaar</h1>
<p>De werkplek kan <code>${escapeHtml(serverUrl)}</code> niet bereiken (${escapeHtml(errorDescription)}).</p>
<p>We proberen het elke ${RETRY_SECONDS} seconden opnieuw. Blijft dit zo? Vraag uw beheerder of de server draait
en of het serveradres klopt. U kunt het adres ook meegeven bij het starten: <code>--server-url=https://…</code>.</p>
</main></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
