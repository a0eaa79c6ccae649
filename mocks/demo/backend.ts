/**
 * The demo backend as it runs in its worker: the store (generated organisation + journal), the same
 * handlers as the API tests and `npm run mock-api`, and the batch runner. Requests are answered one at
 * a time, in the order they arrive, each only after the changes it made are written.
 */
import { getResponse } from 'msw';
import { generateDbWithProgress } from '../db/seed';
import { Store, type Op } from '../db/store';
import { createHandlers } from '../handlers';
import { problem } from '../handlers/http';
import { indexedDbJournal, type WorkerJournal } from './journal';
import type { FromBackend, WireRequest, WireResponse } from './protocol';

export interface DemoBackend {
  handle(request: WireRequest): Promise<WireResponse>;
  reset(): Promise<void>;
}

const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * The Set-Cookie values of a handler's answer. A browser's Response drops that header (a forbidden
 * name); MSW keeps the raw value on the response under its own symbol, which is read here.
 */
function setCookies(response: Response): string[] {
  const listed = response.headers.getSetCookie();
  if (listed.length) return listed;
  const key = Object.getOwnPropertySymbols(response).find((s) => s.description === 'kSetCookie');
  const raw: unknown = key ? Reflect.get(response, key) : undefined;
  return typeof raw === 'string' && raw ? [raw] : [];
}

/** What dedicated workers (one per tab) tell each other: every change, and a reset. */
type Between = { type: 'op'; op: Op } | { type: 'reset' };

/**
 * Where there is no SharedWorker every tab has a backend of its own. They meet in the journal and keep
 * each other up to date: each change is broadcast to the others, which apply it. One of them at a
 * time (a Web Lock, released when its tab closes) runs the batch orders, so an order is worked once.
 */
function joinOtherTabs(store: Store, journal: WorkerJournal, persons: number): () => void {
  const channel = new BroadcastChannel(`prime-console-demo-${persons}`);
  const wake = () => store.background.wake.forEach((f) => f());
  store.background.leader = false;
  journal.onAppend = (op) => channel.postMessage({ type: 'op', op } satisfies Between);
  channel.onmessage = (e: MessageEvent<Between>) => {
    if (e.data.type === 'reset') {
      journal.onAppend = null;
      store.reset();
      journal.onAppend = (op) => channel.postMessage({ type: 'op', op } satisfies Between);
      return;
    }
    store.receive(e.data.op);
    journal.receive(e.data.op);
    wake();
  };
  void navigator.locks.request(`prime-console-demo-runner-${persons}`, () => {
    store.background.leader = true;
    wake();
    // Held for the worker's life.
    return new Promise<never>(() => undefined);
  });
  return () => channel.postMessage({ type: 'reset' } satisfies Between);
}

export async function startBackend(persons: number, tell: (message: FromBackend) => void, shared = true, sessionIdleSeconds?: number): Promise<DemoBackend> {
  const t0 = performance.now();
  let journal: WorkerJournal;
  try {
    journal = await indexedDbJournal(persons, (message) => tell({ type: 'log', level: 'warn', message }));
  } catch (err) {
    // Without IndexedDB (a private window in some browsers) the demo still runs; changes last until the worker ends.
    tell({ type: 'log', level: 'warn', message: `The demo cannot keep changes in this browser (${String(err)}); they last until the page closes.` });
    const { memoryJournal } = await import('../db/store');
    const memory = memoryJournal();
    journal = { ...memory, flush: () => Promise.resolve(), receive: (op) => memory.append(op), onAppend: null, append: (op) => (memory.append(op), journal.onAppend?.(op)) };
  }
  let lastTold = 0;
  const base = generateDbWithProgress({ persons }, (done, total) => {
    // A few progress messages, not one per chunk.
    if (done - lastTold >= total / 10) {
      lastTold = done;
      tell({ type: 'progress', done, total });
    }
  });
  const store = new Store(journal, { persons }, base);
  if (sessionIdleSeconds) store.sessionIdleMs = sessionIdleSeconds * 1000;
  // Tells the other tabs' backends to start over too (none with a SharedWorker: it is the only one).
  const resetOthers = !shared && typeof BroadcastChannel !== 'undefined' ? joinOtherTabs(store, journal, persons) : () => undefined;
  const handlers = createHandlers(store);
  tell({ type: 'ready', persons, ms: Math.round(performance.now() - t0), restored: journal.load().length > 0 });

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    handle: (wire) =>
      serial(async () => {
        const request = new Request(wire.url, {
          method: wire.method,
          headers: wire.headers,
          body: wire.body && wire.method !== 'GET' && wire.method !== 'HEAD' ? wire.body : undefined,
        });
        // A browser's Request drops a Cookie header (a forbidden name); a free-standing Headers object
        // keeps it. The handlers read the session cookie from the request's headers, as on a server.
        Object.defineProperty(request, 'headers', { value: new Headers(wire.headers) });
        let response: Response;
        try {
          response = (await getResponse(handlers, request)) ?? new Response('Not found', { status: 404 });
        } catch (err) {
          tell({ type: 'log', level: 'error', message: `${wire.method} ${wire.url}: ${String(err)}` });
          response = problem(500, 'Internal error', 'The demo backend failed on this request.');
        }
        const body = NO_BODY.has(response.status) ? null : await response.arrayBuffer();
        const headers: [string, string][] = [];
        response.headers.forEach((v, k) => k !== 'set-cookie' && headers.push([k, v]));
        for (const c of setCookies(response)) headers.push(['set-cookie', c]);
        await journal.flush();
        return { id: wire.id, status: response.status, headers, body };
      }),
    reset: () =>
      serial(async () => {
        store.reset();
        resetOthers();
        await journal.flush();
      }),
  };
}
