/**
 * The mock backend as a plain HTTP server, so anyone can try the API with curl:
 *   npm run mock-api   →   http://127.0.0.1:9090/api/v1   (PORT overrides)
 */
import { createServer } from 'node:http';
import { getResponse } from 'msw';
import { Store } from './db/store';
import { createHandlers } from './handlers';

const port = Number(process.env.PORT ?? 9090);
const host = process.env.HOST ?? '127.0.0.1';
const store = new Store();
const handlers = createHandlers(store);

const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const method = req.method ?? 'GET';
  const request = new Request(`http://${host}:${port}${req.url ?? '/'}`, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks),
  });
  const response = await getResponse(handlers, request);
  if (!response) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found: the mock API lives under /api/v1\n');
    return;
  }
  const out: Record<string, string> = {};
  response.headers.forEach((v, k) => (out[k] = v));
  res.writeHead(response.status, out);
  res.end(Buffer.from(await response.arrayBuffer()));
});

server.listen(port, host, () => {
  console.log(`PRIME Console mock API on http://${host}:${port}/api/v1 (demo users: see README, password "demo")`);
});
