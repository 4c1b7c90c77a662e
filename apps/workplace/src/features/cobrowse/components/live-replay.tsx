import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { Replayer } from '@rrweb/replay';
import '@rrweb/replay/dist/style.css';
import type { CobrowseConnection } from '../api/cobrowse-socket';
import {
  EventStream,
  hasFullSnapshot,
  pageInfoAfter,
  type PageInfo,
  type ReplayEvent,
} from '../utils/event-stream';

/** The class the widget gives elements it did not share (canvas, iframes, `data-kcc-block`, closed shadow roots). */
const NOT_SHARED = 'kcc-niet-gedeeld';
const LABEL_SVG =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='120' height='24'%3E%3Ctext x='60' y='17' " +
  "font-family='sans-serif' font-size='14' font-weight='bold' text-anchor='middle' fill='%231e293b'%3ENiet gedeeld%3C/text%3E%3C/svg%3E";
const STYLE_RULES = [
  `.${NOT_SHARED} { background: #e2e8f0 url("${LABEL_SVG}") center no-repeat !important; outline: 2px dashed #475569; min-height: 24px; min-width: 120px; }`,
];
const POINTER_MS = 50;
const KEY_STEP = 20;

export type ReplayMode = 'point' | 'control';

interface LiveReplayProps {
  connection: CobrowseConnection;
  sessionId: string;
  mode: ReplayMode;
  /** Control granted: a click in control mode clicks on the resident's page. */
  canControl: boolean;
  onSelect: (nodeId: number | undefined, label: string) => void;
  onError: (message: string) => void;
}

/**
 * The resident's page, live: rrweb's Replayer in live mode, in its sandboxed iframe (`allow-same-origin` only, no
 * scripts), scaled to the pane. A transparent layer over it takes the agent's pointer (mouse or arrow keys).
 */
export function LiveReplay({ connection, sessionId, mode, canControl, onSelect, onError }: LiveReplayProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const replayerRef = useRef<Replayer | null>(null);
  const [info, setInfo] = useState<PageInfo>({});
  const [scale, setScale] = useState(1);
  const [notShared, setNotShared] = useState(0);
  const [waiting, setWaiting] = useState(true);
  const pointer = useRef({ x: 40, y: 40, last: 0 });
  const trailing = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(trailing.current), []);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const stream = new EventStream();
    let pending: ReplayEvent[] = [];
    const baseline = { time: 0, startedAt: 0 };
    const fit = (width: number, height: number) => {
      const s = Math.min(1, host.clientWidth / Math.max(1, width));
      setScale(s);
      const wrapper = replayerRef.current?.wrapper;
      if (wrapper) {
        wrapper.style.transform = `scale(${s})`;
        wrapper.style.transformOrigin = 'top left';
      }
      host.style.height = `${Math.ceil(height * s)}px`;
    };
    // Counted when rrweb has applied events (in live mode it plays them on its own timer, after `addEvent`).
    let countQueued = false;
    const countNotShared = () => {
      if (countQueued) return;
      countQueued = true;
      queueMicrotask(() => {
        countQueued = false;
        setNotShared(
          replayerRef.current?.iframe.contentDocument?.querySelectorAll(`.${NOT_SHARED}`).length ?? 0,
        );
      });
    };
    const off = connection.onEvents((push) => {
      if (push.sessionId !== sessionId) return;
      const events = stream.push(push.part, push.final);
      if (events.length === 0) return;
      setInfo((prev) => pageInfoAfter(prev, events));
      let replayer = replayerRef.current;
      if (!replayer) {
        pending.push(...events);
        if (!hasFullSnapshot(pending)) return;
        const metaAt = pending.findIndex((e) => e.type === 4);
        const start = pending.slice(Math.max(0, metaAt));
        pending = [];
        baseline.time = start[0]?.timestamp ?? Date.now();
        replayer = new Replayer([], {
          root: host,
          liveMode: true,
          mouseTail: false,
          triggerFocus: false,
          showWarning: false,
          insertStyleRules: STYLE_RULES,
        });
        replayerRef.current = replayer;
        replayer.on('event-cast', countNotShared);
        replayer.on('resize', (dim: unknown) => {
          const { width, height } = dim as { width: number; height: number };
          fit(width, height);
        });
        replayer.startLive(baseline.time);
        baseline.startedAt = performance.now();
        for (const e of start) replayer.addEvent(e as never);
        setWaiting(false);
      } else {
        // rrweb's live timer plays an event at (timestamp − baseline) after the start, which would keep the lag
        // of the first (large) snapshot for good: an event "from the future" of the replay clock plays now.
        const now = baseline.time + (performance.now() - baseline.startedAt);
        for (const e of events)
          replayer.addEvent((e.timestamp > now ? { ...e, timestamp: now } : e) as never);
      }
    });
    // A full snapshot for a pane that opened (or reconnected) after the session started.
    const askSnapshot = () =>
      void connection.resync(sessionId).then((res) => {
        if (!res.ok && res.error !== 'not_active')
          onError('De pagina van de inwoner kon niet worden opgevraagd.');
      });
    askSnapshot();
    const offReconnect = connection.onReconnect(askSnapshot);
    return () => {
      off();
      offReconnect();
      replayerRef.current?.destroy();
      replayerRef.current = null;
    };
  }, [connection, sessionId, onError]);

  const pagePoint = (clientX: number, clientY: number) => {
    const rect = hostRef.current?.getBoundingClientRect();
    if (!rect) return { x: 0, y: 0 };
    return { x: (clientX - rect.left) / scale, y: (clientY - rect.top) / scale };
  };
  const sendPointer = (x: number, y: number, nodeId?: number) => {
    pointer.current.x = x;
    pointer.current.y = y;
    const now = performance.now();
    if (nodeId === undefined && now - pointer.current.last < POINTER_MS) {
      // Throttled: the last position still goes out, so quick arrow keys do not leave the pointer behind.
      trailing.current ??= window.setTimeout(() => {
        trailing.current = undefined;
        sendPointer(pointer.current.x, pointer.current.y);
      }, POINTER_MS);
      return;
    }
    pointer.current.last = now;
    connection.pointer(sessionId, x, y, nodeId);
  };
  const nodeAt = (x: number, y: number): { id: number | undefined; label: string } => {
    const replayer = replayerRef.current;
    const el = replayer?.iframe.contentDocument?.elementFromPoint(x, y);
    if (!replayer || !el) return { id: undefined, label: '' };
    const id = replayer.getMirror().getId(el as never);
    const text = (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName).trim().slice(0, 60);
    return { id: id > 0 ? id : undefined, label: text || el.tagName.toLowerCase() };
  };
  const act = (x: number, y: number) => {
    const { id, label } = nodeAt(x, y);
    onSelect(id, label);
    if (mode === 'control' && canControl && id !== undefined) {
      void connection.input(sessionId, { type: 'click', nodeId: id }).then((res) => {
        if (!res.ok) onError('De klik kon niet worden doorgegeven.');
      });
    } else {
      sendPointer(x, y, id);
    }
  };
  const onMouseMove = (event: MouseEvent) => {
    const { x, y } = pagePoint(event.clientX, event.clientY);
    sendPointer(x, y);
  };
  const onClick = (event: MouseEvent) => {
    const { x, y } = pagePoint(event.clientX, event.clientY);
    act(x, y);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? KEY_STEP * 4 : KEY_STEP;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      sendPointer(Math.max(0, pointer.current.x + move[0]), Math.max(0, pointer.current.y + move[1]));
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      act(pointer.current.x, pointer.current.y);
    }
  };

  const size = info.width && info.height ? `${info.width} × ${info.height}` : 'onbekend';
  return (
    <div className="space-y-2">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm" data-testid="cobrowse-page-info">
        <dt className="font-semibold">Pagina</dt>
        <dd className="truncate" data-testid="cobrowse-url">
          {info.href ?? 'nog niet bekend'}
        </dd>
        <dt className="font-semibold">Venster</dt>
        <dd data-testid="cobrowse-viewport">{size}</dd>
        <dt className="font-semibold">Niet gedeeld</dt>
        <dd data-testid="cobrowse-not-shared">
          {notShared === 0 ? 'niets' : `${notShared} ${notShared === 1 ? 'onderdeel' : 'onderdelen'}`}
        </dd>
      </dl>
      {waiting && (
        <p role="status" className="text-sm text-slate-700">
          Wachten op de pagina van de inwoner…
        </p>
      )}
      <div className="relative overflow-hidden rounded border border-slate-400 bg-slate-50">
        <div ref={hostRef} data-testid="cobrowse-replay" className="min-h-40 w-full" />
        <div
          role="application"
          tabIndex={0}
          aria-label={
            mode === 'control' && canControl
              ? 'Pagina van de inwoner. Pijltjestoetsen verplaatsen de aanwijzer, Enter klikt op de plek van de aanwijzer.'
              : 'Pagina van de inwoner. Pijltjestoetsen verplaatsen de aanwijzer, Enter wijst het onderdeel aan.'
          }
          data-testid="cobrowse-pointer-layer"
          className="absolute inset-0 cursor-crosshair focus-visible:outline-3 focus-visible:outline-blue-800"
          onMouseMove={onMouseMove}
          onClick={onClick}
          onKeyDown={onKeyDown}
        />
      </div>
    </div>
  );
}
