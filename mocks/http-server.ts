/**
 * The mock backend as a plain HTTP server, so anyone can try the API with curl:
 *   npm run mock-api                      →  http://127.0.0.1:9090/api/v1, the demo's organisation
 *   npm run mock-api -- --persons 2000    →  a smaller one (or DEMO_PERSONS=2000)
 *   npm run mock-api -- --data DIR        →  changes kept in DIR/journal.jsonl across restarts
 *   npm run mock-api -- --data DIR --reset → the same, starting over
 *   npm run mock-api -- --session-idle 600 →  sessions end after 10 minutes without use (default 30;
 *                                             or SESSION_IDLE_SECONDS)
 *   npm run mock-api -- --test-control    →  also the reset routes end-to-end tests use (testControl.ts)
 * PORT and HOST override where it listens. SIGTERM (or Ctrl-C) finishes what is in flight and stops.
 */
import { parseArgs } from 'node:util';
import { Store } from './db/store';
import { fileJournal, JournalMismatch } from './fileJournal';
import { createHandlers } from './handlers';
import { createApiServer } from './server';
import { testControlHandlers } from './testControl';

const { values } = parseArgs({
  options: {
    persons: { type: 'string' },
    data: { type: 'string' },
    reset: { type: 'boolean', default: false },
    'session-idle': { type: 'string' },
    'test-control': { type: 'boolean', default: false },
  },
});
const persons = Number(values.persons ?? process.env.DEMO_PERSONS ?? 100_000);
if (!Number.isInteger(persons) || persons < 100 || persons > 200_000) {
  console.error(`--persons (or DEMO_PERSONS) takes a whole number from 100 to 200,000, not "${values.persons ?? process.env.DEMO_PERSONS}".`);
  process.exit(2);
}
const idleSeconds = values['session-idle'] ?? process.env.SESSION_IDLE_SECONDS;
if (idleSeconds !== undefined && !(Number.isInteger(Number(idleSeconds)) && Number(idleSeconds) >= 1)) {
  console.error(`--session-idle (or SESSION_IDLE_SECONDS) takes a whole number of seconds from 1, not "${idleSeconds}".`);
  process.exit(2);
}
const dataDir = values.data ?? process.env.PRIME_MOCK_DATA;
const port = Number(process.env.PORT ?? 9090);
const host = process.env.HOST ?? '127.0.0.1';

let journal;
try {
  journal = dataDir ? fileJournal(dataDir, persons) : undefined;
} catch (err) {
  if (err instanceof JournalMismatch) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
const t0 = performance.now();
const store = new Store(journal, { persons });
if (values.reset) store.reset();
if (idleSeconds !== undefined) store.sessionIdleMs = Number(idleSeconds) * 1000;
const handlers = values['test-control'] ? [...testControlHandlers(store), ...createHandlers(store)] : createHandlers(store);
const server = createApiServer({ handlers });

server.listen(port, host, () => {
  const kept = journal ? `changes kept in ${journal.file}${values.reset ? ' (started over)' : `, ${journal.replayed} replayed`}` : 'changes last until it stops (--data DIR keeps them)';
  console.log(
    `PRIME Console mock API on http://${host}:${port}/api/v1: ${store.db.persons.size.toLocaleString('en')} persons, ready in ${Math.round(performance.now() - t0)} ms; ${kept}. Demo users: see README, password "demo".`,
  );
});

// Finishes the requests in flight, then stops; a connection that will not end is cut after 10 s.
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing the requests in flight, then stopping.`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => {
    server.closeAllConnections();
    process.exit(0);
  }, 10_000).unref();
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
