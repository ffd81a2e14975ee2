import LinqAPIV3 from '@linqapp/sdk';
import { describeSdkConformance } from '../../server/sandbox/model/test-conformance.ts';
import { makeSubscription } from './factories';
import { installFakeLinq } from './fake-linq';

/**
 * The unit tests' fake Linq meets the official SDK exactly as the sandbox does: the same
 * conformance suite (server/sandbox/model/test-conformance.ts), with the fake as the SDK's fetch.
 */
describeSdkConformance('the unit tests’ fake', async () => {
  const linq = installFakeLinq({ subscriptions: [makeSubscription({ target_url: 'https://hooks.example.com/held' })] });
  const client = new LinqAPIV3({
    apiKey: 'unused',
    baseURL: 'http://console.test',
    fetch: linq.fetchMock,
    maxRetries: 0,
  });
  return { client, faults: linq.faults };
});
