import { setupWorker } from 'msw/browser';
import { createStore as idbStore, del, get, set } from 'idb-keyval';
import { Store, type Journal, type Op } from './db/store';
import { createHandlers } from './handlers';

const SIZE_KEY = 'prime-console.demo-persons';
const DEFAULT_PERSONS = 100_000;
const JOURNAL_KEY = 'journal';
const SESSIONS_KEY = 'prime-console-demo.sessions';

/** The demo organisation's size; a smaller one can be set for quick runs (tests set 2,000). */
function demoSize(): number {
  const n = Number(localStorage.getItem(SIZE_KEY));
  return Number.isInteger(n) && n >= 100 && n <= 200_000 ? n : DEFAULT_PERSONS;
}

/**
 * Keeps the demo's changes in this browser (IndexedDB), so a reload keeps them. Puts of the same row
 * are compacted to the last one, and writes are gathered, so a batch run of thousands of cards is one
 * write every few hundred milliseconds, not one per card.
 */
async function indexedDbJournal(): Promise<Journal> {
  const db = idbStore('prime-console-demo', 'journal');
  let ops: Op[] = ((await get<Op[]>(JOURNAL_KEY, db)) ?? []) as Op[];
  // Sign-in and sign-out are written at once and synchronously (localStorage): a reload right after
  // signing in must find the session, and an IndexedDB write can be cut off by leaving the page.
  const readSessions = (): Op[] => {
    try {
      return JSON.parse(localStorage.getItem(SESSIONS_KEY) ?? '[]') as Op[];
    } catch {
      return [];
    }
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  const compact = () => {
    const last = new Map<string, number>();
    ops.forEach((op, i) => op.kind === 'put' && last.set(`${op.collection}:${op.value.id}`, i));
    ops = ops.filter((op, i) => op.kind !== 'put' || last.get(`${op.collection}:${op.value.id}`) === i);
  };
  const save = () => {
    timer = null;
    compact();
    void set(JOURNAL_KEY, ops, db);
  };
  // A reload or closed tab must not lose the last changes.
  addEventListener('pagehide', () => timer && save());
  return {
    load: () => [...readSessions(), ...ops],
    append: (op) => {
      if (op.kind === 'session.create' || op.kind === 'session.delete') {
        // Only live sessions are kept: a deleted one drops its creation too.
        const kept = readSessions().filter((o) => !(op.kind === 'session.delete' && o.kind === 'session.create' && o.id === op.id));
        localStorage.setItem(SESSIONS_KEY, JSON.stringify(op.kind === 'session.create' ? [...kept, op] : kept));
        return;
      }
      ops.push(op);
      timer ??= setTimeout(save, 300);
    },
    clear: () => {
      ops = [];
      if (timer) clearTimeout(timer);
      timer = null;
      localStorage.removeItem(SESSIONS_KEY);
      void del(JOURNAL_KEY, db);
    },
  };
}

/** Starts the mock backend in the page. The app renders only after this resolves. */
export async function startDemoBackend(): Promise<{ reset: () => void }> {
  const store = await Store.create(await indexedDbJournal(), { persons: demoSize() });
  const worker = setupWorker(...createHandlers(store));
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` } });
  return { reset: () => store.reset() };
}
