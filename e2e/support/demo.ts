import { expect, type Page } from '@playwright/test';

/** Where the demo backend keeps its journal of changes (mocks/browser.ts, via idb-keyval). */
const IDB = { database: 'prime-console-demo', store: 'journal', key: 'journal' } as const;

export interface StoredOp {
  kind: string;
  id?: string;
  collection?: string;
  value?: { id: string; status?: string; version?: number };
}

/**
 * The journal as the demo has written it to IndexedDB (what the next page load replays), or null
 * when nothing is stored yet. Never creates the database (that would keep the app's store from being
 * created).
 */
export function storedJournal(page: Page): Promise<StoredOp[] | null> {
  return page.evaluate(async ({ database, store, key }) => {
    if (!(await indexedDB.databases()).some((d) => d.name === database)) return null;
    return new Promise<StoredOp[] | null>((resolve) => {
      const open = indexedDB.open(database);
      open.onerror = () => resolve(null);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains(store)) {
          db.close();
          resolve(null);
          return;
        }
        const get = db.transaction(store, 'readonly').objectStore(store).get(key);
        get.onsuccess = () => {
          db.close();
          resolve(Array.isArray(get.result) ? (get.result as StoredOp[]) : null);
        };
        get.onerror = () => {
          db.close();
          resolve(null);
        };
      };
    });
  }, IDB);
}

/**
 * Waits (up to 3 s) until the demo has stored the sign-in where the next page load reads it: a
 * session.create in localStorage (where builds from a8947c9 on write sessions at once), or as the last
 * session change of the IndexedDB journal (which gathers its writes for 300 ms, so a page load within
 * that time loses them: see "the demo keeps its changes" in search.spec.ts). Tests that load a page
 * right after signing in wait for this first, so they test their own subject, not that race. It does
 * not fail: if the session was not kept, the next page load shows the sign-in page.
 */
export async function waitForStoredSignIn(page: Page): Promise<void> {
  const stored = async (): Promise<boolean> => {
    const inLocalStorage = await page.evaluate(() =>
      Object.keys(localStorage).some((k) => /session/i.test(k) && (localStorage.getItem(k) ?? '').includes('"session.create"')),
    );
    if (inLocalStorage) return true;
    // A demo that keeps no journal in IndexedDB has nothing to wait for there.
    if (!(await page.evaluate((name) => indexedDB.databases().then((dbs) => dbs.some((d) => d.name === name)), IDB.database))) return true;
    const ops = await storedJournal(page);
    return ops?.filter((op) => op.kind === 'session.create' || op.kind === 'session.delete').at(-1)?.kind === 'session.create';
  };
  await expect.poll(stored, { timeout: 3_000 }).toBe(true).catch(() => undefined);
}
