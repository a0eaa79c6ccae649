/**
 * The demo backend's worker. As a SharedWorker it serves every tab of the origin from one store (one
 * organisation, one batch runner); where SharedWorker does not exist the page starts it as a dedicated
 * worker of its own, and the journal in IndexedDB is where tabs meet. The first `hello` says the
 * organisation's size; requests that arrive before the organisation is ready wait for it.
 */
import './workerGlobals';
import { startBackend, type DemoBackend } from './backend';
import type { FromBackend, ToBackend } from './protocol';

interface Port {
  postMessage(message: FromBackend, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToBackend>) => void) | null;
}

const ports = new Set<Port>();
let backend: Promise<DemoBackend> | null = null;
/** The last progress and readiness, for pages that connect while (or after) the organisation is built. */
let lastStatus: FromBackend | null = null;

const broadcast = (message: FromBackend) => {
  if (message.type === 'progress' || message.type === 'ready') lastStatus = message;
  for (const p of ports) p.postMessage(message);
};

function serve(port: Port) {
  ports.add(port);
  port.onmessage = (e) => {
    const m = e.data;
    if (m.type === 'hello') {
      backend ??= startBackend(m.persons, broadcast, 'SharedWorkerGlobalScope' in self, m.sessionIdleSeconds);
      if (lastStatus) port.postMessage(lastStatus);
      return;
    }
    if (!backend) return;
    if (m.type === 'request') {
      void backend.then(async (b) => {
        const response = await b.handle(m.request);
        port.postMessage({ type: 'response', response }, response.body ? [response.body] : []);
      });
    } else if (m.type === 'reset') {
      void backend.then(async (b) => {
        await b.reset();
        port.postMessage({ type: 'reset-done', id: m.id });
      });
    }
  };
}

const scope = self as unknown as { onconnect?: (e: MessageEvent) => void; postMessage?: unknown };
if ('SharedWorkerGlobalScope' in self) {
  scope.onconnect = (e: MessageEvent) => {
    const port = e.ports[0]!;
    serve(port as unknown as Port);
    port.start();
  };
} else {
  // A dedicated worker: the worker itself is the one port.
  serve(self as unknown as Port);
}
