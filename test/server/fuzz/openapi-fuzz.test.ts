import fc from 'fast-check';
import { describeRequest, startFuzzTarget, type FuzzTarget } from './fuzz-target';
import { operationsOf, requestArbitrary } from './openapi-arbitraries';

/**
 * Property-based fuzzing of every route in /openapi.json: whatever the path parameters, query, body, content type,
 * method and credentials (anonymous, a real viewer by bearer or H5 cookie, staff, manager, forged/expired/foreign
 * tokens), the BFF answers below 500 — or exactly 503 with Retry-After — shows no secret, and is still alive after.
 * Hand-picked bad inputs with their exact answers are in test/server/http/bad-input.test.ts; this finds the ones
 * nobody picked. FUZZ_SEED and FUZZ_RUNS change the run (the seed is printed on failure); `npm run bench` runs a larger one.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);

jest.setTimeout(300_000);

describe('fuzzing every route in /openapi.json', () => {
  let target: FuzzTarget;
  beforeAll(async () => {
    target = await startFuzzTarget();
  });
  afterAll(async () => {
    await target?.close();
  });

  it('covers every documented route', () => {
    const ops = operationsOf(target.doc);
    expect(ops.length).toBeGreaterThanOrEqual(30);
    // Every route is reached at least once in the first few hundred requests of the default seed.
    const routes = new Set(
      fc.sample(requestArbitrary(target.doc, target.known), { seed: SEED, numRuns: 600 }).map((r) => r.route),
    );
    for (const op of ops) expect(routes).toContain(`${op.method.toUpperCase()} ${op.template}`);
  });

  it('never answers ≥ 500 (but a 503 with Retry-After), never shows a secret, and stays alive', async () => {
    const byStatus = new Map<number, number>();
    const started = performance.now();
    try {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(target.doc, target.known), async (request) => {
          const logsBefore = target.h.logs.lines.length;
          const answer = await target.send(request);
          byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
          const problems = target.problemsWith(answer);
          if (problems.length) {
            const stacks = target.errorLogsSince(logsBefore).map((l) => l.slice(0, 3000));
            throw new Error(`${describeRequest(request)}\n→ ${problems.join('\n→ ')}\n${stacks.join('\n')}`);
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const counts = Object.fromEntries([...byStatus].sort(([a], [b]) => a - b));
      console.log(
        `fuzz: ${target.requestsSent()} requests (${RUNS} runs, seed ${SEED}) in ${seconds.toFixed(1)} s; by status ${JSON.stringify(counts)}`,
      );
    }
  });

  // Its own test, so it is checked whether or not the property held.
  it('still serves /healthz and a real card after the run, its prototypes untouched', async () => {
    expect(await target.stillAlive()).toMatchObject({ healthz: 200, card: 200 });
    // No body's `__proto__` reached this process's prototypes.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});
