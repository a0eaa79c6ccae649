import { setupWorker } from 'msw/browser';
import { Store, type Journal, type Op } from './db/store';
import { createHandlers } from './handlers';

const KEY = 'prime-console.demo-journal';
/** The demo organisation's size; a smaller one can be set for quick runs (tests set 2,000). */
const SIZE_KEY = 'prime-console.demo-persons';
const DEFAULT_PERSONS = 100_000;

function demoSize(): number {
  const n = Number(localStorage.getItem(SIZE_KEY));
  return Number.isInteger(n) && n >= 100 && n <= 200_000 ? n : DEFAULT_PERSONS;
}

/** Keeps the demo's changes in this browser, so a reload keeps them. */
function localJournal(): Journal {
  const read = (): Op[] => {
    try {
      return JSON.parse(localStorage.getItem(KEY) ?? '[]') as Op[];
    } catch {
      return [];
    }
  };
  return {
    load: read,
    append: (op) => localStorage.setItem(KEY, JSON.stringify([...read(), op])),
    clear: () => localStorage.removeItem(KEY),
  };
}

/** Starts the mock backend in the page. The app renders only after this resolves. */
export async function startDemoBackend(): Promise<{ reset: () => void }> {
  const store = await Store.create(localJournal(), { persons: demoSize() });
  const worker = setupWorker(...createHandlers(store));
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` } });
  return { reset: () => store.reset() };
}
