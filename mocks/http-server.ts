/**
 * The mock backend as a plain HTTP server, so anyone can try the API with curl:
 *   npm run mock-api   →   http://127.0.0.1:9090/api/v1   (PORT overrides)
 */
import { Store } from './db/store';
import { createHandlers } from './handlers';
import { createApiServer } from './server';

const port = Number(process.env.PORT ?? 9090);
const host = process.env.HOST ?? '127.0.0.1';
const store = new Store();
const server = createApiServer({ handlers: createHandlers(store) });

server.listen(port, host, () => {
  console.log(`PRIME Console mock API on http://${host}:${port}/api/v1 (demo users: see README, password "demo")`);
});
