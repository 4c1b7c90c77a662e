import {
  COBROWSE_PART_MAX_CHARS as CONTRACT_PART_MAX,
  COBROWSE_RESIDENT_NAMESPACE,
} from '@kcc/contracts/cobrowse';
import { describe, expect, it } from 'vitest';
import { FakeTransport } from '../testing/fake-transport';
import { applyInput } from './control';
import { markClosedShadowRoots, mountCobrowseLauncher } from './launcher';
import {
  COBROWSE_CHUNK_PATH,
  COBROWSE_NAMESPACE,
  COBROWSE_PART_MAX_CHARS,
  readStored,
  storeKey,
} from './protocol';
import { pageAddress, serialise, splitParts, withoutQuery } from './recorder';

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
    });
    return { root, transport, launcher };
  };
  const chunkScripts = () =>
    [...document.querySelectorAll('script')].filter((s) => s.src.endsWith(COBROWSE_CHUNK_PATH));

  it('shows "Hulp van een medewerker" and loads nothing until a session starts', () => {
    const { root } = mount();
    expect(root.querySelector('[data-testid="kcc-cobrowse-help"]')?.textContent).toBe(
      'Hulp van een medewerker',
    );
    expect(chunkScripts()).toHaveLength(0);
  });

  it('loads the chunk once on a click, on an invite from the chat, or to resume after a page load', () => {
    const { root, transport } = mount();
    (root.querySelector('[data-testid="kcc-cobrowse-help"]') as HTMLButtonElement).click();
    transport.push('cobrowse:invite', { sessionId: 's', token: 't', agentName: 'Anna' });
    expect(chunkScripts()).toHaveLength(1);
    expect(chunkScripts()[0]?.src).toBe('https://kcc.example.nl/widget-cobrowse.js');

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
  });
});
