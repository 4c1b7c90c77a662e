/**
 * All widget styles; they live inside the shadow root, so nothing leaks into or out of the host page.
 * Contrast (WCAG): text #0b0c0c on white 19.6:1, muted #4b5563 7.6:1 (6.7:1 on #eef2f7), white on primary #154273
 * 10.2:1, error #b3261e 6.5:1 (5.7:1 on #fdecea).
 * The focus ring is black with a yellow halo, so it has at least 3:1 against white and against the blue header.
 */
export const WIDGET_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.root { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #0b0c0c; }
button, input, textarea { font: inherit; color: inherit; }
:focus { outline: none; }
:focus-visible { outline: 3px solid #0b0c0c; outline-offset: 0; box-shadow: 0 0 0 6px #ffdd00; }
.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  display: inline-flex; align-items: center; gap: 8px; min-height: 48px; padding: 10px 18px;
  border: 2px solid #ffffff; border-radius: 999px; background: #154273; color: #ffffff;
  font-weight: 600; cursor: pointer; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.35);
}
.launcher:hover { background: #0f3258; }
.badge {
  min-width: 24px; padding: 0 6px; border-radius: 12px; background: #ffdd00; color: #0b0c0c;
  font-size: 14px; text-align: center;
}
.panel {
  position: fixed; right: 20px; bottom: 84px; z-index: 2147483001;
  display: flex; flex-direction: column; width: 380px; max-width: calc(100vw - 24px);
  height: 600px; max-height: calc(100vh - 104px);
  background: #ffffff; border: 1px solid #6b7280; border-radius: 8px; box-shadow: 0 8px 24px rgba(0, 0, 0, 0.3);
  overflow: hidden;
}
@media (max-width: 480px) {
  .panel { right: 0; bottom: 0; width: 100vw; max-width: 100vw; height: 100%; max-height: 100%; border-radius: 0; }
}
.header { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 10px 12px 10px 16px;
  background: #154273; color: #ffffff; }
.title { margin: 0; font-size: 18px; font-weight: 700; }
.close { min-width: 44px; min-height: 44px; border: 0; border-radius: 4px; background: transparent; color: #ffffff;
  font-size: 24px; line-height: 1; cursor: pointer; }
.close:hover { background: #0f3258; }
.notice { margin: 0; padding: 8px 16px; background: #eef2f7; border-bottom: 1px solid #d1d5db; }
.notice:empty { display: none; }
.error { margin: 0; padding: 8px 16px; background: #fdecea; color: #b3261e; font-weight: 600; border-bottom: 1px solid #f5c2bd; }
.error:empty { display: none; }
.body { flex: 1; min-height: 0; overflow-y: auto; padding: 16px; }
.body.conversation { display: flex; flex-direction: column; padding: 0; }
form { display: flex; flex-direction: column; gap: 12px; margin: 0; }
label, legend { font-weight: 600; }
.field { display: flex; flex-direction: column; gap: 4px; }
.hint { margin: 0; color: #4b5563; font-size: 14px; }
input[type="text"], input[type="email"], input[type="tel"], input[type="date"], input[type="time"], textarea {
  width: 100%; padding: 8px 10px; border: 2px solid #4b5563; border-radius: 4px; background: #ffffff;
}
textarea { resize: vertical; min-height: 72px; }
[aria-invalid="true"] { border-color: #b3261e; }
fieldset { margin: 0; padding: 8px 12px 12px; border: 1px solid #6b7280; border-radius: 4px; }
.check { display: flex; align-items: center; gap: 8px; font-weight: 600; }
.check input, .stars input { width: 20px; height: 20px; margin: 0; }
.row { display: flex; gap: 8px; }
.row .field { flex: 1; }
.primary, .secondary {
  min-height: 44px; padding: 8px 16px; border-radius: 4px; font-weight: 600; cursor: pointer;
}
.primary { border: 2px solid #154273; background: #154273; color: #ffffff; }
.primary:hover { background: #0f3258; }
.secondary { border: 2px solid #154273; background: #ffffff; color: #154273; }
.secondary:hover { background: #eef2f7; }
.log { flex: 1; min-height: 0; overflow-y: auto; margin: 0; padding: 16px; display: flex; flex-direction: column; gap: 10px; }
.msg { max-width: 85%; padding: 8px 12px; border-radius: 8px; overflow-wrap: anywhere; white-space: pre-wrap; }
.msg .who { display: block; font-size: 14px; font-weight: 700; }
.msg .time { display: block; font-size: 13px; }
.msg.inwoner { align-self: flex-end; background: #154273; color: #ffffff; }
.msg.medewerker { align-self: flex-start; background: #eef2f7; color: #0b0c0c; }
.msg.medewerker .time { color: #374151; }
.msg.systeem { align-self: center; background: transparent; color: #4b5563; font-style: italic; }
.msg.sending { opacity: 0.85; }
.msg.failed { background: #fdecea; color: #0b0c0c; border: 2px solid #b3261e; }
.msg .fail { display: block; color: #b3261e; font-weight: 600; }
.msg .retry { margin-top: 4px; }
.typing { margin: 0; padding: 0 16px; min-height: 24px; color: #4b5563; font-style: italic; }
.composer { padding: 12px 16px; border-top: 1px solid #d1d5db; gap: 8px; }
.composer .row { align-items: flex-end; }
.composer textarea { flex: 1; min-height: 48px; }
.actions { display: flex; justify-content: space-between; flex-wrap: wrap; gap: 8px; padding: 0 16px 12px; }
.stack { display: flex; flex-direction: column; gap: 16px; }
.body.conversation.ended { overflow-y: auto; }
/* Ended: the end screen keeps its full height; the transcript above it shrinks and scrolls on its own. */
.ended .log { flex: 1 1 auto; min-height: 72px; }
.ended .typing { display: none; }
.after { flex: none; padding: 16px; border-top: 1px solid #d1d5db; display: flex; flex-direction: column; gap: 16px; }
.stars { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 4px 0; }
.stars label { display: inline-flex; align-items: center; gap: 6px; font-weight: 400; }
.done { margin: 0; font-weight: 600; }
.subtitle { margin: 0; font-size: 18px; font-weight: 700; }
.link { margin-top: 12px; padding: 8px 0; min-height: 44px; border: 0; background: none; color: #154273;
  text-decoration: underline; cursor: pointer; font-weight: 600; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media (forced-colors: active) { .launcher, .primary, .msg { border: 2px solid CanvasText; } }
`;
