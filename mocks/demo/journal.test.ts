import { describe, expect, it } from 'vitest';
import type { Op } from '../db/store';
import { DATA_VERSION, indexedDbJournal, type KeyValue } from './journal';
import { DEMO_SEED } from '../db/schema';

/** The journal's storage as a Map: what IndexedDB would hold, without a browser. */
function memoryStorage(initial: Record<string, unknown> = {}): KeyValue & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getMany: (keys) => Promise.resolve(keys.map((k) => data.get(k))),
    setMany: (entries) => Promise.resolve(void entries.forEach(([k, v]) => data.set(k, v))),
    delMany: (keys) => Promise.resolve(void keys.forEach((k) => data.delete(k))),
  };
}

const op = (id: string): Op => ({ kind: 'session.create', id, session: { accountId: 'acc-1', createdAt: '2026-01-01T00:00:00Z' } }) as unknown as Op;
const meta = (persons: number) => `${persons}/${DEMO_SEED}/${DATA_VERSION}`;

describe('the demo journal', () => {
  it('keeps changes for the organisation they were made on, and replays them', async () => {
    const storage = memoryStorage();
    const warnings: string[] = [];
    const first = await indexedDbJournal(2000, (m) => warnings.push(m), storage);
    first.append(op('s-1'));
    first.append(op('s-2'));
    await first.flush();
    const again = await indexedDbJournal(2000, (m) => warnings.push(m), storage);
    expect(again.load()).toEqual([op('s-1'), op('s-2')]);
    expect(warnings).toEqual([]);
  });

  it('drops, with a message, changes made on another size, seed or data version: never misread', async () => {
    for (const stale of [meta(100_000), `2000/${DEMO_SEED}/${DATA_VERSION - 1}`, undefined]) {
      const storage = memoryStorage({ journal: [op('s-1')], 'journal-seq': 1, ...(stale ? { 'journal-of': stale } : {}) });
      const warnings: string[] = [];
      const journal = await indexedDbJournal(2000, (m) => warnings.push(m), storage);
      expect(journal.load(), String(stale)).toEqual([]);
      expect(warnings.join(), String(stale)).toMatch(/made on another demo organisation.*dropped/);
      expect(storage.data.has('journal'), String(stale)).toBe(false);
    }
  });

  it('drops, with a message, a damaged journal instead of failing the start', async () => {
    for (const damaged of ['not a list', [op('s-1'), null], [{ no: 'kind' }], 42]) {
      const storage = memoryStorage({ journal: damaged, 'journal-seq': 1, 'journal-of': meta(2000) });
      const warnings: string[] = [];
      const journal = await indexedDbJournal(2000, (m) => warnings.push(m), storage);
      expect(journal.load()).toEqual([]);
      expect(warnings.join()).toMatch(/could not be read \(damaged\); they were dropped/);
      // What the fresh start records is kept again, for this organisation.
      journal.append(op('s-9'));
      await journal.flush();
      expect(storage.data.get('journal')).toEqual([op('s-9')]);
      expect(storage.data.get('journal-of')).toBe(meta(2000));
    }
  });

  it('compacts ended sessions and repeated puts of one row to what a replay needs', async () => {
    const storage = memoryStorage();
    const journal = await indexedDbJournal(2000, undefined, storage);
    const put = (status: string): Op => ({ kind: 'put', collection: 'cards', value: { id: 'card-1', status } }) as unknown as Op;
    journal.append(op('s-1'));
    journal.append(put('Locked'));
    journal.append({ kind: 'session.delete', id: 's-1' } as Op);
    journal.append(put('Active'));
    await journal.flush();
    expect(storage.data.get('journal')).toEqual([put('Active')]);
  });
});
