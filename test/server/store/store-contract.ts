import type { Store } from '../../../server/store/store';

/**
 * What every Store must do. Run against each implementation (memory, and Redis against a real redis-server) with a
 * clock the test controls.
 */
export function describeStoreContract(name: string, make: (now: () => number) => Store | Promise<Store>) {
  describe(`${name} store`, () => {
    let t = 1_000_000;
    const now = () => t;
    let store: Store;
    beforeEach(async () => {
      t = 1_000_000;
      store = await make(now);
    });

    it('returns what was set until its time to live runs out', async () => {
      await store.set('k', { a: 1 }, 1000);
      expect(await store.get('k')).toEqual({ a: 1 });
      t += 999;
      expect(await store.get('k')).toEqual({ a: 1 });
      t += 1;
      expect(await store.get('k')).toBeUndefined();
    });

    it('hands a value out once with take', async () => {
      await store.set('once', { state: 'x' }, 1000);
      const [a, b] = await Promise.all([store.take('once'), store.take('once')]);
      expect([a, b]).toEqual([{ state: 'x' }, undefined]);
      expect(await store.get('once')).toBeUndefined();
      await store.set('late', 1, 10);
      t += 10;
      expect(await store.take('late')).toBeUndefined();
    });

    it('deletes a key only while it still holds the expected value', async () => {
      await store.set('token', { token: 'a', at: 1 }, 1000);
      expect(await store.deleteIfEqual('token', { token: 'b', at: 2 })).toBe(false);
      expect(await store.get('token')).toEqual({ token: 'a', at: 1 });
      expect(await store.deleteIfEqual('token', { token: 'a', at: 1 })).toBe(true);
      expect(await store.get('token')).toBeUndefined();
      expect(await store.deleteIfEqual('token', { token: 'a', at: 1 })).toBe(false);
    });

    it('adds a key for one caller only, and again once it expired', async () => {
      const first = await Promise.all([store.add('event', 1, 1000), store.add('event', 2, 1000)]);
      expect(first.sort()).toEqual([false, true]);
      expect([1, 2]).toContain(await store.get('event'));
      t += 1000;
      expect(await store.add('event', 3, 1000)).toBe(true);
      expect(await store.get('event')).toBe(3);
    });

    it('forgets a deleted key', async () => {
      await store.set('k', 'v', 1000);
      await store.delete('k');
      expect(await store.get('k')).toBeUndefined();
    });

    it('runs concurrent work for one key once and gives every caller the result', async () => {
      let runs = 0;
      let release!: (v: number) => void;
      const work = () => {
        runs++;
        return new Promise<number>((resolve) => (release = resolve));
      };
      const callers = Array.from({ length: 20 }, () => store.singleFlight('flight', work));
      // A shared store takes a lock first (a round trip): wait until the one run has started.
      for (let waited = 0; runs === 0 && waited < 2000; waited += 5) await new Promise((r) => setTimeout(r, 5));
      release(42);
      expect(await Promise.all(callers)).toEqual(Array(20).fill(42));
      expect(runs).toBe(1);
    });

    it('gives every concurrent caller the same error, then runs again', async () => {
      let runs = 0;
      const failing = async () => {
        runs++;
        throw new Error('boom');
      };
      const results = await Promise.allSettled([store.singleFlight('f', failing), store.singleFlight('f', failing)]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(runs).toBe(1);
      await expect(store.singleFlight('f', async () => 'ok')).resolves.toBe('ok');
    });

    it('keeps flights for different keys apart', async () => {
      const [a, b] = await Promise.all([
        store.singleFlight('a', async () => 'A'),
        store.singleFlight('b', async () => 'B'),
      ]);
      expect([a, b]).toEqual(['A', 'B']);
    });
  });
}
