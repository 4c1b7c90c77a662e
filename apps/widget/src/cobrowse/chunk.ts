/**
 * Entry of `widget-cobrowse.js`, the part of the widget that loads only when a co-browse session starts. It
 * announces itself with a DOM event instead of a global; the widget then starts it with its own socket.io client.
 */
import type { CobrowseChunk } from './launcher';
import { COBROWSE_READY_EVENT } from './protocol';
import { CobrowseSession } from './session';

const chunk: CobrowseChunk = { start: (deps) => new CobrowseSession(deps) };
document.dispatchEvent(new CustomEvent(COBROWSE_READY_EVENT, { detail: chunk }));
