import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { keepStoresEnabled, releaseStoresWhenIdle } from '../../server/db/async-context-hooks.ts';

// The ORM's stores (transaction context, flush guard) must still work exactly as before while their
// storage is switched off between uses.
describe('async stores switched off when idle', () => {
  releaseStoresWhenIdle();

  it('a store is seen across awaits inside its call, and not after it', async () => {
    const storage = new AsyncLocalStorage<string>();
    const seen = await storage.run('tx-1', async () => {
      await sleep(5);
      return storage.getStore();
    });
    expect(seen).toBe('tx-1');
    expect(storage.getStore()).toBeUndefined();
  });

  it('overlapping calls keep their own stores until the last one ends (concurrent transactions)', async () => {
    const storage = new AsyncLocalStorage<string>();
    const long = storage.run('long', async () => {
      await sleep(30);
      return storage.getStore();
    });
    const short = await storage.run('short', async () => {
      await sleep(5);
      return storage.getStore();
    });
    // The short call ended first: the long one must still see its store.
    expect(short).toBe('short');
    expect(await long).toBe('long');
    // And the storage works again afterwards.
    expect(await storage.run('again', async () => (await sleep(1), storage.getStore()))).toBe('again');
  });

  it('a call that throws releases its store', async () => {
    const storage = new AsyncLocalStorage<string>();
    expect(() => storage.run('x', () => { throw new Error('boom'); })).toThrow('boom');
    await expect(storage.run('y', async () => { await sleep(1); throw new Error('late'); })).rejects.toThrow('late');
    expect(storage.run('z', () => storage.getStore())).toBe('z');
  });

  it('with tracing on, a store stays readable by work that outlives its call', async () => {
    keepStoresEnabled();
    const storage = new AsyncLocalStorage<string>();
    let later: string | undefined;
    const done = new Promise<void>((resolve) => storage.run('span', () => setTimeout(() => ((later = storage.getStore()), resolve()), 10)));
    await done;
    expect(later).toBe('span');
  });
});
