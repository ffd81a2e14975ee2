import { parseEnv, sandboxOptionsFromEnv } from '../env.ts';
import { startSandbox } from './app.ts';

/** `npm run sandbox`: the Linq-compatible sandbox on its own, for the SDK, curl or a second console. */
async function main(): Promise<void> {
  const env = parseEnv();
  const sandbox = await startSandbox({
    host: '127.0.0.1',
    port: env.LINQ_SANDBOX_PORT,
    ...sandboxOptionsFromEnv(env),
    logger: { level: 'warn' },
  });
  const faults = sandbox.faults;
  const faultNote =
    faults.latency_ms || faults.failure_rate || faults.rate_limit
      ? ` (latency ${faults.latency_ms} ms, failure rate ${faults.failure_rate}, rate limit ${faults.rate_limit || 'off'})`
      : '';
  console.log(
    `Linq sandbox at ${sandbox.url}${faultNote} — ${sandbox.store.state.subscriptions.length} subscriptions, data in ${env.LINQ_SANDBOX_DATA}. ` +
      'Authorization: Bearer $LINQ_SANDBOX_API_KEY.',
  );
  const stop = async (): Promise<void> => {
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : 'The sandbox could not start.');
  process.exit(1);
});
