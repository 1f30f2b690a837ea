import type { CallBudget } from '../../../server/budget/call-budget';

const API = 'living/get_living_code';

/** What every call budget must do, with a clock the test controls. */
export function describeBudgetContract(
  name: string,
  make: (limits: { perMinute: number; perHour: number }, now: () => number) => CallBudget | Promise<CallBudget>,
) {
  describe(`${name} call budget`, () => {
    let t: number;
    const now = () => t;
    beforeEach(() => {
      t = 10_000_000;
    });

    it('never admits more than the budget in any 60 s, across a minute boundary too', async () => {
      const budget = await make({ perMinute: 5, perHour: 1000 }, now);
      t = 10_030_000; // half way into a "minute": a fixed window would reset at 10_060_000
      for (let i = 0; i < 5; i++) expect((await budget.admit(API)).admitted).toBe(true);
      const refused = await budget.admit(API);
      expect(refused).toEqual({ admitted: false, etaMs: 60_000 });
      t = 10_061_000; // past the fixed-window edge, but these five are still within the last 60 s
      expect((await budget.admit(API)).admitted).toBe(false);
      t = 10_090_001; // the five are now older than 60 s
      for (let i = 0; i < 5; i++) expect((await budget.admit(API)).admitted).toBe(true);
      expect((await budget.admit(API)).admitted).toBe(false);
    });

    it('keeps to the hourly budget as well', async () => {
      const budget = await make({ perMinute: 3, perHour: 4 }, now);
      for (let i = 0; i < 3; i++) expect((await budget.admit(API)).admitted).toBe(true);
      t += 60_001;
      expect((await budget.admit(API)).admitted).toBe(true);
      const refused = await budget.admit(API);
      expect(refused.admitted).toBe(false);
      expect(refused.admitted === false && refused.etaMs).toBe(3_600_000 - 60_001);
    });

    it('keeps budgets of different APIs apart', async () => {
      const budget = await make({ perMinute: 1, perHour: 10 }, now);
      expect((await budget.admit('living/get_living_code')).admitted).toBe(true);
      expect((await budget.admit('living/get_living_info')).admitted).toBe(true);
      expect((await budget.admit('living/get_living_code')).admitted).toBe(false);
    });

    it('lines callers up in arrival order, tells each its place and wait, and admits them in that order', async () => {
      const budget = await make({ perMinute: 2, perHour: 1000 }, now);
      expect(await budget.admit(API, 'a')).toEqual({ admitted: true });
      t += 10_000;
      expect(await budget.admit(API, 'b')).toEqual({ admitted: true });
      t += 10_000;
      expect(await budget.admit(API, 'c')).toEqual({ admitted: false, position: 1, etaMs: 40_000 });
      expect(await budget.admit(API, 'd')).toEqual({ admitted: false, position: 2, etaMs: 50_000 });
      expect(await budget.admit(API, 'e')).toEqual({ admitted: false, position: 3, etaMs: 100_000 });
      t += 40_000; // a's slot is free: c's turn. d, coming back early, does not overtake
      expect(await budget.admit(API, 'd')).toEqual({ admitted: false, position: 2, etaMs: 10_000 });
      expect(await budget.holdsPlace(API, 'd')).toBe(true);
      expect(await budget.admit(API, 'late')).toMatchObject({ admitted: false, position: 4 });
      expect(await budget.admit(API, 'c')).toEqual({ admitted: true });
      expect(await budget.holdsPlace(API, 'c')).toBe(false);
      t += 10_000;
      expect(await budget.admit(API, 'd')).toEqual({ admitted: true });
      // Anyone who asks without a place waits behind the line: no free slot is left for them.
      expect((await budget.admit(API)).admitted).toBe(false);
    });

    it('gives a place up when its holder comes back much later than told, and queues them again at the end', async () => {
      const budget = await make({ perMinute: 1, perHour: 1000 }, now);
      expect((await budget.admit(API, 'first')).admitted).toBe(true);
      expect(await budget.admit(API, 'slow')).toEqual({ admitted: false, position: 1, etaMs: 60_000 });
      expect(await budget.admit(API, 'next')).toEqual({ admitted: false, position: 2, etaMs: 120_000 });
      t += 120_001; // slow was told 60 s and held for 120 s: gone; next (held 240 s) moved up
      expect(await budget.holdsPlace(API, 'slow')).toBe(false);
      expect(await budget.admit(API, 'next')).toEqual({ admitted: true });
      expect(await budget.admit(API, 'slow')).toMatchObject({ admitted: false, position: 1 });
    });
    it('admits calls made ahead of need from headroom only, keeping the reserve for callers who wait', async () => {
      const budget = await make({ perMinute: 10, perHour: 1000 }, now);
      const reserve = { reserve: { perMinute: 3, perHour: 100 } };
      const ahead = [];
      for (let i = 0; i < 9; i++) ahead.push(await budget.admitAhead(API, reserve));
      // 10 a minute, 3 kept: seven go ahead; the eighth is told when the first of them leaves the minute.
      expect(ahead.slice(0, 7)).toEqual(Array.from({ length: 7 }, () => ({ admitted: true })));
      expect(ahead[7]).toEqual({ admitted: false, etaMs: 60_000 });
      expect(ahead[8]).toEqual({ admitted: false, etaMs: 60_000 });
      // The reserve is still there for a tap, and for anyone else who asks.
      expect(await budget.admit(API, 'tapper')).toEqual({ admitted: true });
      expect((await budget.admit(API)).admitted).toBe(true);
      expect((await budget.admit(API)).admitted).toBe(true);
      expect((await budget.admit(API)).admitted).toBe(false);
    });

    it('yields to a line: nothing goes ahead while a viewer waits, and it never takes a place itself', async () => {
      const budget = await make({ perMinute: 2, perHour: 1000 }, now);
      const reserve = { reserve: { perMinute: 0, perHour: 0 } };
      expect((await budget.admit(API, 'a')).admitted).toBe(true);
      expect((await budget.admit(API, 'b')).admitted).toBe(true);
      t += 10_000;
      expect(await budget.admit(API, 'c')).toMatchObject({ admitted: false, position: 1 });
      t += 50_001; // a and b have left the minute: room for two, but c waits, and c goes first
      const early = await budget.admitAhead(API, reserve);
      expect(early.admitted).toBe(false);
      // The room was left for the line: c and a later tapper both get in.
      expect(await budget.admit(API, 'c')).toEqual({ admitted: true });
      expect(await budget.admit(API, 'd')).toEqual({ admitted: true });
      expect((await budget.admitAhead(API, reserve)).admitted).toBe(false);
      expect(await budget.holdsPlace(API, 'c')).toBe(false);
    });

    it('keeps the hourly reserve as well, and says when headroom returns', async () => {
      const budget = await make({ perMinute: 100, perHour: 5 }, now);
      const reserve = { reserve: { perMinute: 0, perHour: 2 } };
      for (let i = 0; i < 3; i++) expect((await budget.admitAhead(API, reserve)).admitted).toBe(true);
      t += 1000;
      expect(await budget.admitAhead(API, reserve)).toEqual({ admitted: false, etaMs: 3_600_000 - 1000 });
      expect((await budget.admit(API, 'tapper')).admitted).toBe(true);
    });
  });
}
