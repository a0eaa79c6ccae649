import { setupServer } from 'msw/node';
import { Store } from './db/store';
import { createHandlers } from './handlers';

/** The mock backend for Vitest: a fresh store per test file; call `store.reset()` between tests. */
export function createMockServer(options: { persons?: number } = {}) {
  const store = new Store(undefined, options);
  const server = setupServer(...createHandlers(store));
  return { store, server };
}
