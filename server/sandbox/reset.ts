import { parseEnv } from '../env.ts';
import { seedState } from './seed.ts';
import { writeFileAtomic } from './store.ts';

/** `npm run sandbox:reset`: replace the data file with fresh seed data (LINQ_SANDBOX_SEED_COUNT applies). */
const env = parseEnv();
const state = seedState(env.LINQ_SANDBOX_SEED_COUNT);
await writeFileAtomic(env.LINQ_SANDBOX_DATA, `${JSON.stringify(state, null, 1)}\n`);
console.log(
  `Reset ${env.LINQ_SANDBOX_DATA}: ${state.subscriptions.length} subscriptions, ${state.phone_numbers.length} phone numbers.`,
);
