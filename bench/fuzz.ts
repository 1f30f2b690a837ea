/**
 * The larger fuzzing run: the requests of test/server/fuzz/openapi-fuzz.test.ts (every route in /openapi.json, random
 * path parameters, queries, bodies, content types, methods and credentials), 50,000 of them by default, several in
 * flight at once, against the in-process BFF + sandbox. Prints the count by status, the time, every answer that
 * breaks the property (≥ 500 but a 503 with Retry-After, no answer, a secret shown) and each distinct unexpected
 * error the BFF logged, then checks the BFF still answers /healthz and a real card. No shrinking here: the jest test
 * shrinks; a failure seen here is replayed there with its seed.
 *
 * `npx tsx bench/fuzz.ts [--requests 50000] [--seed 1] [--concurrency 8]`
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { describeRequest, startFuzzTarget, type Answer } from '../test/server/fuzz/fuzz-target';
import { requestArbitrary, type FuzzRequest } from '../test/server/fuzz/openapi-arbitraries';

/** Runs `work` over `items` with at most `limit` in flight. */
async function inFlight<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

export async function runFuzz({ requests = 50_000, seed = 20261204, concurrency = 8, chunk = 500 } = {}) {
  const target = await startFuzzTarget();
  try {
    const arbitrary = requestArbitrary(target.doc, target.known);
    const byStatus: Record<number, number> = {};
    const failures: { request: FuzzRequest; problems: string[] }[] = [];
    let failing = 0;
    const started = performance.now();
    const rssStart = process.memoryUsage().rss;
    // Generated a chunk at a time (each with its own seed) so 50,000 bodies never sit in memory together.
    for (let done = 0, round = 0; done < requests; done += chunk, round += 1) {
      const batch = fc.sample(arbitrary, { seed: seed + round, numRuns: Math.min(chunk, requests - done) });
      await inFlight(batch, concurrency, async (request) => {
        const answer: Answer = await target.send(request);
        byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
        const problems = target.problemsWith(answer);
        if (problems.length) {
          failing += 1;
          if (failures.length < 20) failures.push({ request, problems });
          console.error(`FAILING: ${describeRequest(request)} → ${problems.join('; ').slice(0, 500)}`);
        }
      });
      // Progress on stderr (the figures go to stdout at the end): a long run on a busy machine shows it is moving.
      const elapsed = (performance.now() - started) / 1000;
      console.error(
        `fuzz: ${target.requestsSent()} requests, ${elapsed.toFixed(0)} s, failing ${failing}, ${JSON.stringify(byStatus)}`,
      );
    }
    const seconds = (performance.now() - started) / 1000;
    // Unexpected errors, one line per distinct stack top (the log has every occurrence).
    const errors = new Map<string, { count: number; line: string }>();
    for (const line of target.errorLogsSince(0)) {
      const parsed = JSON.parse(line) as { err?: { stack?: string; message?: string }; msg?: string };
      const key = (parsed.err?.stack ?? parsed.err?.message ?? parsed.msg ?? line).split('\n').slice(0, 3).join(' | ');
      const seen = errors.get(key);
      if (seen) seen.count += 1;
      else errors.set(key, { count: 1, line: line.slice(0, 4000) });
    }
    const alive = await target.stillAlive();
    return {
      requests: target.requestsSent(),
      seed,
      concurrency,
      seconds: Math.round(seconds * 10) / 10,
      requestsPerSecond: Math.round(target.requestsSent() / seconds),
      byStatus,
      failing,
      failures: failures.map((f) => ({ request: describeRequest(f.request), problems: f.problems })),
      distinctErrors: [...errors.values()],
      alive,
      rssGrowthMb: Math.round((process.memoryUsage().rss - rssStart) / 1e6),
    };
  } finally {
    await target.close();
  }
}

if (require.main === module) {
  const { values } = parseArgs({
    options: { requests: { type: 'string' }, seed: { type: 'string' }, concurrency: { type: 'string' } },
  });
  runFuzz({
    requests: values.requests ? Number(values.requests) : undefined,
    seed: values.seed ? Number(values.seed) : undefined,
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
  }).then(
    (figures) => {
      console.log(JSON.stringify(figures, null, 2));
      process.exit(figures.failing === 0 ? 0 : 1);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
