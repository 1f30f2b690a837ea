/**
 * `npm run bench`: prints the BFF's figures (see docs/benchmarks.md for the targets and recorded results).
 * Measures ratios within one run, since these machines are noisy.
 */
import { measureThroughput } from './bff-throughput';
import { countUpstreamCalls } from './upstream-counts';

/** `npm run bench -- --compare DIR`: DIR's BFF (another checkout) joins the throughput rounds. */
function compareDir(): string | undefined {
  const at = process.argv.indexOf('--compare');
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main() {
  console.log('# BFF benchmark');
  console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`);

  console.log('## Upstream calls: 1,000 distinct viewers ask for a code for one live, twice 3.5 minutes apart');
  const counts = await countUpstreamCalls();
  console.table(counts);
  const countsOk =
    counts.gettoken === 1 &&
    counts.getLivingCode === 1000 &&
    counts.getLivingInfo <= counts.roundsTouchingWecom &&
    counts.answered === 2000;
  console.log(
    `target: 1 gettoken, 1 get_living_info per cache period touched by a round (≤ 2), 1,000 get_living_code → ${countsOk ? 'MET' : 'MISSED'}\n`,
  );

  console.log(
    '## Throughput: GET /api/lives/:id (warm), BFF vs bare Koa + @koa/router serving the same JSON from a Map',
  );
  const t = await measureThroughput({ compareDir: compareDir() });
  console.table(t.runs);
  console.log(`bodies identical: ${t.sameBody}`);
  console.log(`bare koa: ${t.bare.requestsPerSecond} req/s, p99 ${t.bare.p99Ms} ms`);
  console.log(`bff:      ${t.bff.requestsPerSecond} req/s, p99 ${t.bff.p99Ms} ms`);
  console.log(`ratio bff / bare: ${t.ratio.toFixed(3)} (target ≥ 0.8) → ${t.ratio >= 0.8 ? 'MET' : 'MISSED'}`);
  console.log(
    `server CPU per request: bare ${t.bare.cpuMicros.toFixed(0)} µs, bff ${t.bff.cpuMicros.toFixed(0)} µs → ` +
      `CPU-bound ratio ${t.cpuRatio.toFixed(3)} (same comparison, insensitive to other load on the machine)`,
  );
  if (t.compared) {
    console.log(
      `compared build: ${t.compared.requestsPerSecond} req/s, p99 ${t.compared.p99Ms} ms, ` +
        `${t.compared.cpuMicros.toFixed(0)} µs CPU per request → ratio to bare ` +
        `${(t.compared.requestsPerSecond / t.bare.requestsPerSecond).toFixed(3)}; this build / compared: ` +
        `${(t.bff.requestsPerSecond / t.compared.requestsPerSecond).toFixed(3)} req/s, ` +
        `${(t.compared.cpuMicros / t.bff.cpuMicros).toFixed(3)} CPU`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
