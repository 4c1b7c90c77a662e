import {
  COBROWSE_PART_MAX_CHARS as CONTRACT_PART_MAX,
  COBROWSE_RESIDENT_NAMESPACE,
} from '@kcc/contracts/cobrowse';
import fc from 'fast-check';
import { maskPersonalNumbers } from '@kcc/contracts/cobrowse-mask';
import { describe, expect, it } from 'vitest';
import { FakeTransport } from '../testing/fake-transport';
import { SOCKET_CHUNK_PATH, socketLoader } from '../lazy-chunk';
import { applyInput } from './control';
import { markClosedShadowRoots, mountCobrowseLauncher } from './launcher';
import {
  COBROWSE_CHUNK_PATH,
  COBROWSE_NAMESPACE,
  COBROWSE_PART_MAX_CHARS,
  readStored,
  storeKey,
} from './protocol';
import { NOT_SHARED_CLASS, pageAddress, serialise, splitParts, withoutQuery } from './recorder';

describe('co-browse protocol', () => {
  it('uses the contract’s namespace and part size', () => {
    expect(COBROWSE_NAMESPACE).toBe(COBROWSE_RESIDENT_NAMESPACE);
    expect(COBROWSE_PART_MAX_CHARS).toBe(CONTRACT_PART_MAX);
  });
});

describe('recorder output', () => {
  it('masks BSN- and IBAN-shaped strings anywhere in a batch, not other numbers', () => {
    const json = serialise([
      {
        type: 2,
        data: { node: { textContent: 'Uw BSN: 111222333', attributes: { title: 'NL91ABNA0417164300' } } },
      },
      { type: 3, data: { id: 123456789, x: 12, text: 'order 123456789' } },
    ]);
    expect(json).not.toContain('111222333');
    expect(json).not.toContain('NL91ABNA0417164300');
    expect(json).toContain('order 123456789');
    expect(JSON.parse(json)).toHaveLength(2);
  });

  it('masks every string of any batch exactly as a replacer over every value would, and changes nothing it was given', () => {
    // The reference: JSON.stringify calling the mask on every string value (what the recorder did before).
    const reference = (events: readonly unknown[]) =>
      JSON.stringify(events, (_key, value: unknown) => {
        if (typeof value === 'string') return maskPersonalNumbers(value);
        const attributes = (value as { attributes?: Record<string, unknown> } | null)?.attributes;
        if (attributes && typeof attributes === 'object' && 'rr_width' in attributes) {
          const own = typeof attributes.class === 'string' ? `${attributes.class} ` : '';
          return { ...(value as object), attributes: { ...attributes, class: own + NOT_SHARED_CLASS } };
        }
        return value;
      });
    const personal = fc.constantFrom(
      '111222333',
      '111 222 333',
      'NL91ABNA0417164300',
      'NL91 ABNA 0417 1643 00',
    );
    const text = fc.oneof(
      fc.string(),
      fc.tuple(fc.string(), personal, fc.string()).map(([a, p, b]) => a + p + b),
    );
    const attributes = fc.dictionary(fc.constantFrom('class', 'title', 'rr_width', 'value'), text);
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.integer(),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.record({ attributes, textContent: text, childNodes: fc.array(tie('node'), { maxLength: 3 }) }),
        fc.dictionary(fc.string(), tie('node'), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.array(value, { maxLength: 5 }), (events) => {
        const before = JSON.stringify(events);
        expect(serialise(events)).toBe(reference(events));
        expect(JSON.stringify(events)).toBe(before);
      }),
    );
  });

  it('marks blocked elements as not shared', () => {
    const json = serialise([
      { node: { type: 2, tagName: 'canvas', attributes: { rr_width: '10px', rr_height: '5px' } } },
    ]);
    expect(json).toContain('"class":"kcc-niet-gedeeld"');
  });

  it('keeps only origin and path of the page address in the Meta event', () => {
    expect(pageAddress('https://gemeente.nl/formulier?bsn=111222333#stap2')).toBe(
      'https://gemeente.nl/formulier',
    );
    expect(withoutQuery({ type: 4, data: { href: 'https://a.nl/x?q=1', width: 1, height: 2 } })).toEqual({
      type: 4,
      data: { href: 'https://a.nl/x', width: 1, height: 2 },
    });
    const other = { type: 3, data: { href: 'https://a.nl/x?q=1' } };
    expect(withoutQuery(other)).toBe(other);
  });

  it('splits a long batch into parts that join to the same JSON', () => {
    const json = JSON.stringify([{ text: 'x'.repeat(25) }]);
    const parts = splitParts(json, 10);
    expect(parts.every((p) => p.length <= 10)).toBe(true);
    expect(parts.join('')).toBe(json);
  });
});

describe('control on the resident page', () => {
  it('clicks and types for the resident, never into a password field', () => {
    document.body.innerHTML =
      '<button id="b">Volgende</button><input id="t" type="text"><input id="p" type="password">';
    const nodes: Record<number, Node | null> = {
      1: document.getElementById('b'),
      2: document.getElementById('t'),
      3: document.getElementById('p'),
    };
    let clicks = 0;
    nodes[1]?.addEventListener('click', () => clicks++);
    let inputs = 0;
    nodes[2]?.addEventListener('input', () => inputs++);
    const nodeOf = (id: number) => nodes[id] ?? null;
    expect(applyInput({ type: 'click', nodeId: 1 }, nodeOf, window)).toBe(true);
    expect(clicks).toBe(1);
    expect(applyInput({ type: 'text', nodeId: 2, text: 'AB-12-CD' }, nodeOf, window)).toBe(true);
    expect((nodes[2] as HTMLInputElement).value).toBe('AB-12-CD');
    expect(inputs).toBe(1);
    expect(applyInput({ type: 'text', nodeId: 3, text: 'geheim' }, nodeOf, window)).toBe(false);
    expect((nodes[3] as HTMLInputElement).value).toBe('');
    expect(applyInput({ type: 'click', nodeId: 99 }, nodeOf, window)).toBe(false);
  });
});

describe('launcher (first load)', () => {
  const mount = (storage: Storage | null = null) => {
    document.body.innerHTML = '';
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const transport = new FakeTransport();
    const launcher = mountCobrowseLauncher(document, root, {
      serverUrl: 'https://kcc.example.nl',
      storage,
      transport,
      loadIo: socketLoader(document, 'https://kcc.example.nl'),
    });
    return { root, transport, launcher };
  };
  const chunkScripts = (path = COBROWSE_CHUNK_PATH) =>
    [...document.querySelectorAll('script')].filter((s) => s.src.endsWith(path));

  it('shows "Hulp van een medewerker" and loads nothing until a session starts', () => {
    const { root } = mount();
    expect(root.querySelector('[data-testid="kcc-cobrowse-help"]')?.textContent).toBe(
      'Hulp van een medewerker',
    );
    expect(chunkScripts()).toHaveLength(0);
    expect(chunkScripts(SOCKET_CHUNK_PATH)).toHaveLength(0);
  });

  it('loads the chunk once on a click, on an invite from the chat, or to resume after a page load', () => {
    const { root, transport } = mount();
    (root.querySelector('[data-testid="kcc-cobrowse-help"]') as HTMLButtonElement).click();
    transport.push('cobrowse:invite', { sessionId: 's', token: 't', agentName: 'Anna' });
    expect(chunkScripts()).toHaveLength(1);
    expect(chunkScripts()[0]?.src).toBe('https://kcc.example.nl/widget-cobrowse.js');
    // socket.io's client is a chunk of its own, shared with the chat.
    expect(chunkScripts(SOCKET_CHUNK_PATH).map((s) => s.src)).toEqual([
      'https://kcc.example.nl/widget-socket.js',
    ]);

    const storage = window.sessionStorage;
    storage.setItem(
      storeKey('https://kcc.example.nl'),
      JSON.stringify({ sessionId: 's', token: 't', agentName: 'Anna', consented: true }),
    );
    expect(readStored(storage, 'https://kcc.example.nl')?.agentName).toBe('Anna');
    mount(storage);
    expect(chunkScripts()).toHaveLength(1);
    storage.clear();
  });

  it('marks the host of a closed shadow root as not shared', async () => {
    markClosedShadowRoots(globalThis);
    const host = document.createElement('div');
    host.attachShadow({ mode: 'closed' });
    const open = document.createElement('div');
    open.attachShadow({ mode: 'open' });
    await Promise.resolve();
    expect(host.hasAttribute('data-kcc-block')).toBe(true);
    expect(open.hasAttribute('data-kcc-block')).toBe(false);
    // A host already in the page is marked at once, before the recorder's observer serialises it.
    const inPage = document.createElement('div');
    document.body.append(inPage);
    inPage.attachShadow({ mode: 'closed' });
    expect(inPage.hasAttribute('data-kcc-block')).toBe(true);
  });
});
