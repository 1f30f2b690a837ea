import type { AudienceCounters } from '../../../server/store/audience-counters';

/** What every `AudienceCounters` must do: run against memory and against a real redis-server. */
export function describeAudienceCountersContract(name: string, make: (now: () => number) => AudienceCounters) {
  describe(`${name} audience counters`, () => {
    let t = 1_000_000;
    const now = () => t;
    let counters: AudienceCounters;
    beforeEach(() => {
      t = 1_000_000;
      counters = make(now);
    });

    it('counts a member once however often it comes, and unions keys without counting anyone twice', async () => {
      for (const member of ['a', 'b', 'a', 'c', 'a']) await counters.record({ unique: [{ key: 'v:x', member }] });
      await counters.record({ unique: [{ key: 'v:y', member: 'a' }] });
      await counters.record({ unique: [{ key: 'v:y', member: 'd' }] });
      const { unique } = await counters.read({
        unique: [['v:x'], ['v:y'], ['v:x', 'v:y'], ['v:none'], []],
        counts: [],
      });
      expect(unique).toEqual([3, 2, 4, 0, 0]);
    });

    it('estimates a large audience within HyperLogLog error (±0.81%, 3σ here)', async () => {
      const n = 10_000;
      const record = (i: number) => counters.record({ unique: [{ key: 'big', member: `viewer-${i}` }] });
      // All at once (ioredis pipelines them): one round trip each would be seconds on a loaded CI machine.
      await Promise.all(Array.from({ length: n }, (_, i) => record(i)));
      await Promise.all(Array.from({ length: 500 }, (_, i) => record(i)));
      const { unique } = await counters.read({ unique: [['big']], counts: [] });
      expect(Math.abs(unique[0]! - n) / n).toBeLessThan(0.025);
    }, 30_000);

    it('increments counters, and with a replay guard counts the same event only once until the guard lapses', async () => {
      await counters.record({ counts: ['taps:a', 'taps:all'] });
      await counters.record({ counts: ['taps:a'], once: { key: 'guard:1', ttlMs: 1000 } });
      await counters.record({ counts: ['taps:a'], once: { key: 'guard:1', ttlMs: 1000 } });
      await counters.record({ counts: ['taps:a'], once: { key: 'guard:2', ttlMs: 1000 } });
      await counters.record({ counts: ['taps:b'], once: { key: 'guard:3', ttlMs: 50 } });
      // Memory follows the clock it is given, Redis its own: both move.
      t += 100;
      await new Promise((r) => setTimeout(r, 100));
      await counters.record({ counts: ['taps:b'], once: { key: 'guard:3', ttlMs: 50 } });
      expect((await counters.read({ unique: [], counts: ['taps:b'] })).counts).toEqual([2]);
      expect((await counters.read({ unique: [], counts: ['taps:a', 'taps:all', 'taps:none'] })).counts).toEqual([
        3, 1, 0,
      ]);
    });

    it('counts a guarded event once when it arrives twice at the same moment', async () => {
      await Promise.all(
        Array.from({ length: 10 }, () => counters.record({ counts: ['c'], once: { key: 'g', ttlMs: 60_000 } })),
      );
      expect((await counters.read({ unique: [], counts: ['c'] })).counts).toEqual([1]);
    });

    it('keeps the labels an event adds, each once (the empty label included)', async () => {
      await counters.record({ labels: [{ key: 'tags', label: 'wx-article' }] });
      await counters.record({ labels: [{ key: 'tags', label: '' }] });
      await counters.record({ labels: [{ key: 'tags', label: 'wx-article' }] });
      expect((await counters.labels('tags')).sort()).toEqual(['', 'wx-article']);
      expect(await counters.labels('other')).toEqual([]);
    });

    it('keeps at most `cap` labels in a capped set (exempt ones aside), the rest admitted as the overflow', async () => {
      const capped = (label: string) =>
        counters.admitLabel({ key: 'tags', label, cap: 3, overflow: '*', exempt: [''] });
      expect(await capped('')).toBe('');
      expect(await capped('a')).toBe('a');
      expect(await capped('b')).toBe('b');
      expect(await capped('a')).toBe('a');
      expect(await capped('c')).toBe('c');
      expect(await capped('d')).toBe('*');
      expect(await capped('*')).toBe('*');
      expect(await capped('c')).toBe('c');
      expect(await capped('')).toBe('');
      // Many at once (two instances racing): still no more than the cap.
      const many = await Promise.all(Array.from({ length: 50 }, (_, i) => capped(`t${i}`)));
      expect(new Set(many)).toEqual(new Set(['*']));
      expect((await counters.labels('tags')).sort()).toEqual(['', '*', 'a', 'b', 'c']);
    });

    it('lets racing labels fill the last places of a capped set exactly', async () => {
      const many = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          counters.admitLabel({ key: 'race', label: `t${i}`, cap: 5, overflow: '*' }),
        ),
      );
      expect(many.filter((l) => l !== '*')).toHaveLength(5);
      expect(await counters.labels('race')).toHaveLength(6);
    });
  });
}
