/** The proxy's cost in `npm run bench`: the console against the bare forwarder, and both against a direct call. */
import { median, record } from './figures.ts';

async function load(url: string, headers: Record<string, string>, total: number, inFlight: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  async function worker() {
    while (next < total) {
      next++;
      const t0 = performance.now();
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { medianMs: median(latencies), perSecond: total / seconds };
}

/**
 * Direct, proxied and bare-forwarder runs alternate, several rounds of `total` requests each, and
 * the ratios are the medians of the rounds': on a small machine the load generator, the proxy and
 * the sandbox share the cores, and a single round swings by ±30 % from one try to the next.
 *
 * The bare forwarder (bench/bare-forwarder.ts: node:http + undici, the body buffered, no checks)
 * is the floor for a second HTTP hop on this machine. The budgets are on the console against it,
 * in the same rounds: that ratio is what the console's own code and libraries cost. Against the
 * direct call the ratios are printed for reference only: on two shared cores the hop alone
 * misses any budget there (README, "Performance").
 */
export async function measureProxy(
  urls: { sandboxUrl: string; consoleUrl: string; bareUrl: string },
  key: string,
  quick: boolean,
) {
  const { sandboxUrl, consoleUrl, bareUrl } = urls;
  const total = quick ? 200 : 1000;
  const rounds = quick ? 3 : 7;
  const path = '/v3/webhook-subscriptions';
  const direct = () => load(`${sandboxUrl}${path}`, { Authorization: `Bearer ${key}` }, total, 20);
  const proxied = () => load(`${consoleUrl}${path}`, {}, total, 20);
  const bare = () => load(`${bareUrl}${path}`, {}, total, 20);
  // Warm-up all three paths.
  await direct();
  await proxied();
  await bare();
  const ratios = {
    latency: [] as number[],
    throughput: [] as number[],
    directLatency: [] as number[],
    directThroughput: [] as number[],
    bareLatency: [] as number[],
    bareThroughput: [] as number[],
  };
  const directMs: number[] = [];
  const proxiedMs: number[] = [];
  const bareMs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const d = await direct();
    const p = await proxied();
    const b = await bare();
    ratios.latency.push(p.medianMs / b.medianMs);
    ratios.throughput.push(p.perSecond / b.perSecond);
    ratios.directLatency.push(p.medianMs / d.medianMs);
    ratios.directThroughput.push(p.perSecond / d.perSecond);
    ratios.bareLatency.push(b.medianMs / d.medianMs);
    ratios.bareThroughput.push(b.perSecond / d.perSecond);
    directMs.push(d.medianMs);
    proxiedMs.push(p.medianMs);
    bareMs.push(b.medianMs);
  }
  const latency = median(ratios.latency);
  const throughput = median(ratios.throughput);
  record(`proxy latency vs bare forwarder (median of ${rounds} rounds)`, latency, '×', '≤ 1.25', latency <= 1.25);
  record(
    `proxy throughput vs bare forwarder (median of ${rounds} rounds)`,
    throughput,
    '×',
    '≥ 0.85',
    throughput >= 0.85,
  );
  record('proxy latency vs bare forwarder, best round', Math.min(...ratios.latency), '×', '—', true);
  record('proxy latency vs bare forwarder, worst round', Math.max(...ratios.latency), '×', '—', true);
  record('reference: proxy latency vs direct', median(ratios.directLatency), '×', '—', true);
  record('reference: proxy throughput vs direct', median(ratios.directThroughput), '×', '—', true);
  record('reference: bare forwarder latency vs direct', median(ratios.bareLatency), '×', '—', true);
  record('reference: bare forwarder throughput vs direct', median(ratios.bareThroughput), '×', '—', true);
  record('direct median latency', median(directMs), 'ms', '—', true);
  record('proxied median latency', median(proxiedMs), 'ms', '—', true);
  record('bare forwarder median latency', median(bareMs), 'ms', '—', true);
}
