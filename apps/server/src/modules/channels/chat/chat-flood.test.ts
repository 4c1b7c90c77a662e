import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachStore, type FreshDatabase } from '../../../../test-support/each-store';
import { TestClock } from '../../../../test-support/test-clock';
import { startChannelKit, type ChannelKit } from '../../../../test-support/channel-test-kit';
import { storeSql } from '../../../../test-support/store-rows';

/** Issue 11 §3: a connect-start-disconnect loop cannot flood the chat queue; real residents keep being served. */
describeEachStore('chat flood protection', (stores) => {
  let kit: ChannelKit | undefined;
  let database: FreshDatabase;
  beforeEach(async () => {
    database = await stores.freshDatabase();
  });
  afterEach(async () => {
    await kit?.stop();
    kit = undefined;
    await database.drop();
  });

  const chatContacts = async (k: ChannelKit) =>
    (
      (await storeSql(k.server.store).get("SELECT COUNT(*) AS n FROM contacts WHERE channel = 'chat'")) as {
        n: number;
      }
    ).n;

  it('limits chat starts per IP per minute', async () => {
    kit = await startChannelKit({ ...database.env, KCC_CHAT_STARTS_PER_IP_PER_MINUTE: '5' });
    await kit.agent('anna');
    const results: string[] = [];
    for (let i = 0; i < 30; i++) {
      const resident = await kit.citizen();
      const res = await resident.emitWithAck('chat:start', { name: `Flood ${i}` });
      results.push(res.ok ? 'ok' : res.error);
      resident.disconnect();
    }
    expect(results.filter((r) => r === 'ok')).toHaveLength(5);
    expect(results.slice(5).every((r) => r === 'rate_limited')).toBe(true);
    expect(await chatContacts(kit)).toBe(5);
  });

  it('limits chat starts over all IPs per minute', async () => {
    kit = await startChannelKit({
      ...database.env,
      KCC_CHAT_STARTS_PER_MINUTE: '3',
      KCC_CHAT_STARTS_PER_IP_PER_MINUTE: '100',
    });
    await kit.agent('anna');
    const oks: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      const resident = await kit.citizen();
      oks.push((await resident.emitWithAck('chat:start', {})).ok);
    }
    expect(oks).toEqual([true, true, true, false, false, false]);
  });

  it('limits new connections per IP per minute with too_many_connections', async () => {
    kit = await startChannelKit({ ...database.env, KCC_CHAT_CONNECTIONS_PER_IP_PER_MINUTE: '10' });
    for (let i = 0; i < 10; i++) (await kit.citizen()).disconnect();
    await expect(kit.citizen()).rejects.toThrow('too_many_connections');
  });

  it('drops a waiting chat whose resident left and did not resume within the grace; others stay served', async () => {
    const clock = new TestClock();
    const grace = 45_000;
    kit = await startChannelKit(
      { ...database.env, KCC_CHAT_RESIDENT_GRACE_MS: String(grace), KCC_ACCEPT_TIMEOUT_MS: '600000' },
      { clock },
    );
    // Anna is on duty; what she is offered stays offered (no accept), the rest waits in the queue.
    const { socket: anna } = await kit.agent('anna');
    const offers: { offerId: string; contact: { from: { name?: string } } }[] = [];
    anna.on('contact:offered', (offer) => offers.push(offer));
    const gone = await kit.citizen();
    const goneStart = await gone.emitWithAck('chat:start', { name: 'Weg' });
    const staying = await kit.citizen();
    expect((await staying.emitWithAck('chat:start', { name: 'Blijft' })).ok).toBe(true);
    const hiccup = await kit.citizen();
    const hiccupStart = await hiccup.emitWithAck('chat:start', { name: 'Hapert' });
    if (!goneStart.ok || !hiccupStart.ok) throw new Error('start failed');

    gone.disconnect();
    hiccup.disconnect();
    await clock.whenPending(grace);
    while (clock.pending(grace) < 2) await new Promise((r) => setImmediate(r));
    // The hiccup resident comes back (a page load) before the grace ends.
    clock.advance(grace - 1000);
    const back = await kit.citizen();
    const resumed = await back.emitWithAck('chat:resume', { resumeToken: hiccupStart.data.resumeToken });
    expect(resumed).toMatchObject({ ok: true, data: { status: 'wachten' } });
    clock.advance(1000);

    const status = async (name: string) =>
      (
        (
          await storeSql(kit!.server.store).all<{ status: string; from_json: string }>(
            "SELECT status, from_json FROM contacts WHERE channel = 'chat'",
          )
        ).find((c) => (JSON.parse(c.from_json) as { name?: string }).name === name) as { status: string }
      ).status;
    // The drop is stored asynchronously after the grace timer fired: wait for its outcome.
    await expect.poll(() => status('Weg')).toBe('abandoned');
    expect(['queued', 'offered']).toContain(await status('Blijft'));
    expect(['queued', 'offered']).toContain(await status('Hapert'));

    // A real resident is still served.
    const offer = offers.find((o) => o.contact.from.name === 'Blijft') ?? (await kit.acceptNext(anna));
    expect(await anna.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    expect(await status('Blijft')).toBe('assigned');
  });
});
