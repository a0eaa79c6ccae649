import { expect, type Page } from '@playwright/test';

/** Where the demo backend keeps its journal of changes (mocks/demo/journal.ts, via idb-keyval). */
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
 * Waits (up to 3 s) until the demo backend's journal in IndexedDB holds a live session (a
 * session.create with no session.delete after it). The backend answers a request only once its
 * changes are written, so this holds as soon as sign-in has answered; tests that load a page right
 * after signing in still check it first, so a failure names the journal rather than the page they test.
 * It does not fail: if the session was not kept, the next page load shows the sign-in page.
 */
export async function waitForStoredSignIn(page: Page): Promise<void> {
  // Against a real backend the session is the server's; nothing to wait for in the browser.
  if (!(await isDemo(page))) return;
  const stored = async (): Promise<boolean> => {
    if (!(await page.evaluate((name) => indexedDB.databases().then((dbs) => dbs.some((d) => d.name === name)), IDB.database))) return false;
    const ops = (await storedJournal(page)) ?? [];
    const ended = new Set(ops.filter((op) => op.kind === 'session.delete').map((op) => op.id));
    return ops.some((op) => op.kind === 'session.create' && !ended.has(op.id));
  };
  await expect.poll(stored, { timeout: 3_000 }).toBe(true).catch(() => undefined);
}

/** Whether the page runs the demo (its banner shows) rather than the production build. */
export async function isDemo(page: Page): Promise<boolean> {
  return (await page.getByRole('region', { name: 'Demo mode' }).count()) > 0;
}
