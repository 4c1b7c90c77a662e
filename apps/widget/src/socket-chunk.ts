/**
 * Entry of `widget-socket.js`: socket.io's client, which the widget loads when the resident opens the chat or a
 * co-browse session starts (see `lazy-chunk.ts`). It announces itself with a DOM event instead of a global.
 */
import { io } from 'socket.io-client';
import { SOCKET_READY_EVENT } from './lazy-chunk';

document.dispatchEvent(new CustomEvent(SOCKET_READY_EVENT, { detail: io }));
