import { setupWorker } from 'msw/browser';
import { createStore as idbStore, delMany, getMany, setMany } from 'idb-keyval';
import { Store, type Journal, type Op } from './db/store';
import { createHandlers } from './handlers';

const SIZE_KEY = 'prime-console.demo-persons';
const DEFAULT_PERSONS = 100_000;
const JOURNAL_KEY = 'journal';
/** The number of the last change the stored journal holds. */
const SEQ_KEY = 'journal-seq';
const SESSIONS_KEY = 'prime-console-demo.sessions';
const TAIL_KEY = 'prime-console-demo.tail';

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
interface DemoJournal extends Journal {
  /** Records a change another tab made (it is that tab's to broadcast, not this one's). */
  receive(op: Op): void;
  onAppend: ((op: Op) => void) | null;
}

async function indexedDbJournal(): Promise<DemoJournal> {
  const db = idbStore('prime-console-demo', 'journal');
  const readLocal = <T>(key: string): T[] => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? '[]') as T[];
    } catch {
      return [];
    }
  };
  // Every recorded change gets the next number. IndexedDB keeps the journal with the number of the
  // last change in it (one transaction); changes not yet confirmed written go to localStorage on
  // leaving the page (synchronous), so a reload right after a change still finds them. On loading,
  // only tail changes newer than the stored journal are taken: a tail left behind by a page that
  // closed before its write was confirmed never overrides what was written after it.
  type Numbered = { seq: number; op: Op };
  const [storedOps, storedSeq] = (await getMany<unknown>([JOURNAL_KEY, SEQ_KEY], db)) as [Op[] | undefined, number | undefined];
  const tail = readLocal<Numbered>(TAIL_KEY).filter((n) => typeof n?.seq === 'number' && n.seq > (storedSeq ?? 0));
  let ops: Op[] = [...(storedOps ?? []), ...tail.map((n) => n.op)];
  let seq = Math.max(storedSeq ?? 0, ...tail.map((n) => n.seq));
  // Recorded but not yet handed to IndexedDB, and handed but not yet confirmed.
  let pending: Numbered[] = tail;
  let unconfirmed: Numbered[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const compact = () => {
    const last = new Map<string, number>();
    ops.forEach((op, i) => op.kind === 'put' && last.set(`${op.collection}:${op.value.id}`, i));
    ops = ops.filter((op, i) => op.kind !== 'put' || last.get(`${op.collection}:${op.value.id}`) === i);
  };
  const save = () => {
    timer = null;
    compact();
    const written = pending;
    pending = [];
    unconfirmed = [...unconfirmed, ...written];
    const settle = () => (unconfirmed = unconfirmed.filter((n) => !written.includes(n)));
    void setMany([[JOURNAL_KEY, ops], [SEQ_KEY, seq]], db).then(
      () => {
        settle();
        if (pending.length === 0 && unconfirmed.length === 0) localStorage.removeItem(TAIL_KEY);
      },
      () => {
        settle();
        pending = [...written, ...pending];
      },
    );
  };
  // A tail taken over from the last page is written again with this page's first save.
  if (pending.length) timer = setTimeout(save, 300);
  addEventListener('pagehide', () => {
    if (!timer && pending.length === 0 && unconfirmed.length === 0) return;
    try {
      localStorage.setItem(TAIL_KEY, JSON.stringify([...unconfirmed, ...pending]));
    } catch {
      // Too large for localStorage (a big batch run): the IndexedDB write below is the best effort.
    }
    save();
  });
  const record = (op: Op) => {
    if (op.kind === 'session.create' || op.kind === 'session.delete') {
      // Sign-in and sign-out are written at once and synchronously: a page load right after signing
      // in must find the session. Only live sessions are kept.
      const kept = readLocal<Op>(SESSIONS_KEY).filter((o) => !(op.kind === 'session.delete' && o.kind === 'session.create' && o.id === op.id));
      localStorage.setItem(SESSIONS_KEY, JSON.stringify(op.kind === 'session.create' ? [...kept, op] : kept));
      return;
    }
    ops.push(op);
    pending.push({ seq: ++seq, op });
    timer ??= setTimeout(save, 300);
  };
  const journal: DemoJournal = {
    onAppend: null,
    load: () => [...readLocal<Op>(SESSIONS_KEY), ...ops],
    append: (op) => {
      record(op);
      journal.onAppend?.(op);
    },
    receive: (op) => {
      // The sending tab already stored sessions; other changes join this tab's journal so its next
      // write does not drop them.
      if (op.kind !== 'session.create' && op.kind !== 'session.delete') {
        ops.push(op);
        timer ??= setTimeout(save, 300);
      }
    },
    clear: () => {
      ops = [];
      pending = [];
      unconfirmed = [];
      if (timer) clearTimeout(timer);
      timer = null;
      localStorage.removeItem(SESSIONS_KEY);
      localStorage.removeItem(TAIL_KEY);
      void delMany([JOURNAL_KEY, SEQ_KEY], db);
    },
  };
  return journal;
}

/** Starts the mock backend in the page. The app renders only after this resolves. */
export async function startDemoBackend(): Promise<{ reset: () => void }> {
  const journal = await indexedDbJournal();
  const store = await Store.create(journal, { persons: demoSize() });
  // Tabs of the demo share one organisation: each change is told to the others, so a second tab sees
  // it (and an edit from a stale page is refused as changed meanwhile, as a real backend would).
  const channel = new BroadcastChannel('prime-console-demo');
  journal.onAppend = (op) => channel.postMessage(op);
  channel.onmessage = (e: MessageEvent<Op>) => {
    store.receive(e.data);
    journal.receive(e.data);
  };
  const worker = setupWorker(...createHandlers(store));
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` } });
  return { reset: () => store.reset() };
}
