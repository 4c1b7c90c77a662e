import type { Socket } from 'socket.io-client';
import type { CobrowseInputAction, CobrowseInvite, CobrowseResidentState } from '@kcc/contracts/cobrowse';
import type { Ack } from '@kcc/contracts/realtime';
import { applyInput } from './control';
import type { CobrowseController, CobrowseDeps } from './launcher';
import {
  COBROWSE_CLIENT_EVENTS as C,
  COBROWSE_NAMESPACE,
  COBROWSE_SERVER_EVENTS as S,
  writeStored,
  type StoredCobrowse,
} from './protocol';
import { startRecorder, type Recorder } from './recorder';
import { COBROWSE_TEXTS as T } from './texts';
import { CobrowseUi, list } from './ui';

const ACK_TIMEOUT_MS = 10_000;

/**
 * One resident's co-browse: asks for a code, answers an invite with the consent dialog, records only after
 * "Toestaan", shows the banner, the pointer and the control question, and follows the resident to the next page
 * of the site through sessionStorage.
 */
export class CobrowseSession implements CobrowseController {
  private readonly socket: Socket;
  private readonly ui: CobrowseUi;
  private current: StoredCobrowse | null = null;
  private state: CobrowseResidentState | null = null;
  private recorder: Recorder | null = null;

  constructor(private readonly deps: CobrowseDeps) {
    this.ui = new CobrowseUi(deps.root, deps.doc);
    this.socket = deps.io(deps.serverUrl.replace(/\/+$/, '') + COBROWSE_NAMESPACE, {
      transports: ['websocket', 'polling'],
      withCredentials: false,
    });
    // The manager may be the chat's, which does not connect on its own (autoConnect false); one that does has
    // already started, and a second CONNECT would make socket.io close the connection.
    if (!this.socket.active) this.socket.connect();
    this.socket.on(S.invite, (invite: CobrowseInvite) => this.invited(invite));
    this.socket.on(S.state, (state: CobrowseResidentState) => this.onState(state));
    this.socket.on(S.pointer, (p: { x: number; y: number; nodeId?: number }) => this.onPointer(p));
    this.socket.on(S.input, (action: CobrowseInputAction) => this.onInput(action));
    this.socket.on(S.resync, () => this.recorder?.snapshot());
    // After a lost connection the same page joins again (the server keeps the session for a while).
    this.socket.io.on('reconnect', () => {
      if (this.current) void this.join(this.current);
    });
  }

  askCode(): void {
    this.ui.showCode(null, T.codeWaiting, () => this.deps.restoreFocus());
    void this.request<{ code: string; expiresAt: string }>(C.code, {}).then((res) => {
      if (res.ok) this.ui.showCode(res.data.code, '', () => this.deps.restoreFocus());
      else
        this.ui.showCode(null, res.error === 'rate_limited' ? T.codeRateLimited : T.codeFailed, () =>
          this.deps.restoreFocus(),
        );
    });
  }

  invited(invite: CobrowseInvite): void {
    this.ui.closeDialog();
    void this.join({ ...invite, consented: false });
  }

  resume(stored: StoredCobrowse): void {
    void this.join(stored);
  }

  private async join(session: StoredCobrowse): Promise<void> {
    const res = await this.request<CobrowseResidentState>(C.join, {
      sessionId: session.sessionId,
      token: session.token,
    });
    if (!res.ok || res.data.status === 'ended') {
      this.finish(null);
      return;
    }
    this.current = session;
    writeStored(this.deps.storage, this.deps.serverUrl, session);
    this.onState(res.data);
  }

  private onState(state: CobrowseResidentState): void {
    const before = this.state;
    this.state = state;
    const name = state.agentName;
    if (state.status === 'ended') {
      this.finish(state.endedReason === 'refused' ? T.refused : T.ended);
      return;
    }
    if (state.status === 'invited') {
      if (before?.status !== 'invited') this.askConsent(name);
      return;
    }
    // active (or paused while this page reconnects)
    if (!this.recorder) this.startRecording();
    if (state.control === 'requested' && before?.control !== 'requested') this.askControl(name);
    if (before?.control !== state.control || before.status !== state.status) {
      this.ui.showBanner(
        state.control === 'granted',
        () => this.stop(),
        () => void this.request(C.controlConsent, { allow: false }),
      );
      if (state.control === 'granted' && before?.control !== 'granted') this.ui.announce(T.controlOn);
      if (before?.control === 'granted' && state.control !== 'granted') this.ui.announce(T.controlOff);
    }
  }

  private askConsent(name: string): void {
    this.ui.ask({
      title: T.consentTitle(name),
      body: [
        h2p(T.consentIntro(name)),
        list([T.consentSees(name), T.consentMasked, T.consentNoControl, T.consentStop]),
      ],
      allow: T.allow,
      testId: 'kcc-cobrowse-consent',
      onChoice: (allow) => {
        void this.request(C.consent, { allow }).then((res) => {
          if (!res.ok) return this.finish(T.ended);
          if (!allow) return this.finish(T.refused);
          if (this.current) {
            this.current = { ...this.current, consented: true };
            writeStored(this.deps.storage, this.deps.serverUrl, this.current);
          }
          this.ui.announce(T.started);
        });
      },
    });
  }

  private askControl(name: string): void {
    this.ui.ask({
      title: T.controlTitle(name),
      body: [h2p(T.controlIntro(name))],
      allow: T.controlAllow,
      testId: 'kcc-cobrowse-control-consent',
      onChoice: (allow) => void this.request(C.controlConsent, { allow }),
    });
  }

  private startRecording(): void {
    this.recorder = startRecorder(
      (part) => this.socket.emit(C.events, part),
      this.deps.doc.defaultView ?? window,
    );
  }

  private onPointer(p: { x: number; y: number; nodeId?: number }): void {
    if (this.state?.status !== 'active') return;
    const node = p.nodeId !== undefined ? this.recorder?.nodeOf(p.nodeId) : null;
    const box = node instanceof Element ? node.getBoundingClientRect() : null;
    this.ui.showPointer(p.x, p.y, box);
  }

  private onInput(action: CobrowseInputAction): void {
    if (this.state?.control !== 'granted' || !this.recorder) return;
    applyInput(action, (id) => this.recorder?.nodeOf(id) ?? null, this.deps.doc.defaultView ?? window);
  }

  private stop(): void {
    void this.request(C.end, {});
    this.finish(T.ended);
  }

  private finish(message: string | null): void {
    this.recorder?.stop();
    this.recorder = null;
    this.current = null;
    this.state = null;
    writeStored(this.deps.storage, this.deps.serverUrl, null);
    this.ui.closeDialog();
    this.ui.hideBanner();
    if (message) this.ui.announce(message);
  }

  private request<T = undefined>(event: string, payload: unknown): Promise<Ack<T>> {
    return this.socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck(event, payload)
      .then(
        (res: unknown) => res as Ack<T>,
        () => ({ ok: false as const, error: 'timeout' }),
      );
  }
}

function h2p(text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}
