import { createMemoryStore } from '../../../server/store/memory-store';
import { describeStoreContract } from './store-contract';

describeStoreContract('memory', (now) => createMemoryStore({ now }));

describe('memory store', () => {
  it('drops the least recently used entries beyond its size', async () => {
    const store = createMemoryStore({ maxEntries: 2 });
    await store.set('a', 1, 60_000);
    await store.set('b', 2, 60_000);
    await store.get('a');
    await store.set('c', 3, 60_000);
    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual([1, undefined, 3]);
  });
});
