/**
 * The demo backend, seen from the page: MSW intercepts every request of the console under /api/v1
 * (through its service worker) and hands it to the backend worker, which holds the organisation,
 * runs the handlers and the batch runner, and answers. The page thread only passes messages and
 * renders. One SharedWorker serves every tab of the origin; a dedicated worker stands in where
 * SharedWorker does not exist.
 */
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { workerName, type FromBackend, type ToBackend, type WireResponse } from './demo/protocol';

const SIZE_KEY = 'prime-console.demo-persons';
const DEFAULT_PERSONS = 100_000;
/** Left by builds before the backend moved into a worker; dropped so nothing reads them again. */
const OLD_KEYS = ['prime-console-demo.sessions', 'prime-console-demo.tail'];

/** The demo organisation's size; a smaller one can be set for quick runs (tests set 2,000). */
function demoSize(): number {
  const n = Number(localStorage.getItem(SIZE_KEY));
  return Number.isInteger(n) && n >= 100 && n <= 200_000 ? n : DEFAULT_PERSONS;
}

/** How long a session lasts without use, in seconds, when set in the browser (tests set a few seconds). */
const SESSION_IDLE_KEY = 'prime-console.demo-session-idle';
function sessionIdleSeconds(): number | undefined {
  const n = Number(localStorage.getItem(SESSION_IDLE_KEY));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** How far the backend is with its organisation; main.tsx hands it to the console's demo controls (the same shape). */
export type DemoStatus = { state: 'preparing'; done: number; total: number } | { state: 'ready'; persons: number };
type Listener = (s: DemoStatus) => void;

const RELOADS_KEY = 'prime-console.demo-reloads';

/**
 * Resolves once MSW's service worker controls this page, so no request of the console reaches the web
 * server. MSW's worker unregisters itself when its last page goes; a page loaded in that moment is not
 * controlled, and `worker.start()` registers the worker again, which claims the page a little later.
 * If it does not within a few seconds, the page loads once more (at most twice in a row).
 */
async function untilControlled(): Promise<void> {
  if (!navigator.serviceWorker.controller) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3000);
      navigator.serviceWorker.addEventListener('controllerchange', () => (clearTimeout(timer), resolve()), { once: true });
    });
  }
  if (navigator.serviceWorker.controller) {
    sessionStorage.removeItem(RELOADS_KEY);
    return;
  }
  const reloads = Number(sessionStorage.getItem(RELOADS_KEY) ?? '0');
  if (reloads >= 2) throw new Error('The demo could not start its mock service worker.');
  sessionStorage.setItem(RELOADS_KEY, String(reloads + 1));
  location.reload();
  await new Promise<never>(() => undefined);
}

interface Channel {
  post(message: ToBackend, transfer?: Transferable[]): void;
  onMessage(listener: (m: FromBackend) => void): void;
}

function connect(persons: number): Channel {
  // The name is per size (a page asking for another size gets another worker), so not static: Vite is
  // told not to parse it; the worker is built as an ES module (vite.config.ts, worker.format).
  const options: WorkerOptions = { type: 'module', name: workerName(persons) };
  if (typeof SharedWorker !== 'undefined') {
    // extendedLifetime (Chromium): the worker, and the organisation it holds, outlives the page for a
    // while, so a reload or the next page finds it ready instead of generating it again. Browsers
    // without it ignore the option and start the worker afresh.
    const shared: WorkerOptions & { extendedLifetime?: boolean } = { ...options, extendedLifetime: true };
    const worker = new SharedWorker(new URL('./demo/backend.worker.ts', import.meta.url), /* @vite-ignore */ shared);
    worker.port.start();
    return {
      post: (m, t = []) => worker.port.postMessage(m, t),
      onMessage: (l) => worker.port.addEventListener('message', (e: MessageEvent<FromBackend>) => l(e.data)),
    };
  }
  const worker = new Worker(new URL('./demo/backend.worker.ts', import.meta.url), /* @vite-ignore */ options);
  return {
    post: (m, t = []) => worker.postMessage(m, t),
    onMessage: (l) => worker.addEventListener('message', (e: MessageEvent<FromBackend>) => l(e.data)),
  };
}

/** Starts the demo backend for this page. The app renders once MSW intercepts; the organisation may still be in preparation. */
export async function startDemoBackend(): Promise<{ reset: () => Promise<void>; status: () => DemoStatus; onStatus: (l: Listener) => () => void }> {
  for (const k of OLD_KEYS) localStorage.removeItem(k);
  const persons = demoSize();
  const channel = connect(persons);
  let status: DemoStatus = { state: 'preparing', done: 0, total: persons };
  const listeners = new Set<Listener>();
  const setStatus = (s: DemoStatus) => {
    status = s;
    for (const l of listeners) l(s);
  };
  const waiting = new Map<number, (r: WireResponse) => void>();
  const resets = new Map<number, () => void>();
  let nextId = 1;
  channel.onMessage((m) => {
    if (m.type === 'response') {
      waiting.get(m.response.id)?.(m.response);
      waiting.delete(m.response.id);
    } else if (m.type === 'progress') setStatus({ state: 'preparing', done: m.done, total: m.total });
    else if (m.type === 'ready') setStatus({ state: 'ready', persons: m.persons });
    else if (m.type === 'reset-done') {
      resets.get(m.id)?.();
      resets.delete(m.id);
    } else if (m.type === 'log') console[m.level](`[demo backend] ${m.message}`);
  });
  channel.post({ type: 'hello', persons, sessionIdleSeconds: sessionIdleSeconds() });

  const worker = setupWorker(
    http.all('*/api/v1/*', async ({ request, cookies }) => {
      const headers: [string, string][] = [];
      request.headers.forEach((v, k) => headers.push([k, v]));
      // The browser does not show the service worker the request's cookies; MSW reads them for us.
      const cookie = Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ');
      if (cookie) headers.push(['cookie', cookie]);
      const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
      const id = nextId++;
      const answer = new Promise<WireResponse>((resolve) => waiting.set(id, resolve));
      channel.post({ type: 'request', request: { id, method: request.method, url: request.url, headers, body } }, body ? [body] : []);
      const res = await answer;
      return new HttpResponse(res.body, { status: res.status, headers: res.headers });
    }),
  );
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` } });
  await untilControlled();
  return {
    reset: () =>
      new Promise<void>((resolve) => {
        const id = nextId++;
        resets.set(id, resolve);
        channel.post({ type: 'reset', id });
      }),
    status: () => status,
    onStatus: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
