/**
 * The mock backend over plain HTTP (`npm run mock-api`): Node's HTTP server in front of the same MSW
 * handlers the demo and the API tests use. Whatever a client sends, one request never stops the
 * server: a malformed request gets 400, a body over the limit 413, a client that goes away is
 * forgotten, and a handler that throws is answered 500 (a problem without internals) and logged.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { getResponse, type RequestHandler } from 'msw';
import { CSRF_HEADER, CSRF_VALUE } from './handlers/http';

export interface ApiServerOptions {
  handlers: RequestHandler[];
  /** Bodies over this many bytes are refused with 413 before they are read. */
  maxBodyBytes?: number;
  /** A request whose headers and body have not arrived by then gets 408. */
  requestTimeoutMs?: number;
  log?: (message: string) => void;
}

export const MAX_BODY_BYTES = 1024 * 1024;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

function sendProblem(res: ServerResponse, status: number, title: string, detail: string, extra: Record<string, unknown> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify({ type: `/problems/${status}`, title, status, detail, ...extra });
  res.writeHead(status, { 'Content-Type': 'application/problem+json', 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
  res.end(body);
}

/** The body, refused with 413 when it is (or announces itself) larger than the limit. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const announced = Number(req.headers['content-length'] ?? 0);
  if (announced > limit) throw new HttpProblem(413, 'Request too large', `A request body may have at most ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpProblem(413, 'Request too large', `A request body may have at most ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The request as a Fetch `Request`, or a 400 for what no URL can be made of. */
function toRequest(req: IncomingMessage, origin: string, body: Buffer | undefined): Request {
  const target = req.url ?? '';
  // Origin-form only (`/api/v1/…`): `*` (OPTIONS *) and absolute URLs name no resource of ours.
  if (!target.startsWith('/') || target.startsWith('//')) throw new HttpProblem(400, 'Bad request', 'The request target must be a path.');
  let url: URL;
  try {
    url = new URL(target, origin);
    decodeURIComponent(url.pathname);
  } catch {
    throw new HttpProblem(400, 'Bad request', 'The request path is not a valid URL path.');
  }
  const headers = new Headers();
  // Every value of a repeated header is kept; repeated Cookie headers are one cookie list (`; `).
  for (const [name, value] of Object.entries(req.headersDistinct)) {
    if (name === 'cookie') headers.set(name, (value ?? []).join('; '));
    else for (const v of value ?? []) headers.append(name, v);
  }
  // HEAD is answered as GET without the body (the handlers are written for GET).
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  return new Request(url, { method, headers, body: method === 'GET' || method === 'HEAD' || !body?.length ? undefined : new Uint8Array(body) });
}

async function writeResponse(res: ServerResponse, response: Response, close: boolean, head: boolean): Promise<void> {
  const headers: Record<string, string | string[]> = close ? { connection: 'close' } : {};
  response.headers.forEach((v, k) => {
    if (k !== 'set-cookie') headers[k] = v;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  const body = Buffer.from(await response.arrayBuffer());
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(head ? undefined : body);
}

export function createApiServer({ handlers, maxBodyBytes = MAX_BODY_BYTES, requestTimeoutMs = 30_000, log = console.error }: ApiServerOptions): Server {
  // The request timeout is checked this often (Node's default, 30 s, would let a stalled body hang on).
  const server = createServer({ connectionsCheckingInterval: Math.max(250, Math.min(5_000, requestTimeoutMs / 4)) }, async (req, res) => {
    // A client that goes away mid-request is no error of ours; nothing is left to answer.
    req.on('error', () => {});
    res.on('error', () => {});
    try {
      const origin = `http://${req.headers.host && /^[\w.:[\]-]+$/.test(req.headers.host) ? req.headers.host : 'localhost'}`;
      const changes = req.method !== 'GET' && req.method !== 'HEAD';
      // A change without the CSRF header is refused by the handlers without looking at its body, so
      // the body is not read at all (nobody can make the server buffer it without the header).
      const body = changes && req.headers[CSRF_HEADER.toLowerCase()] === CSRF_VALUE ? await readBody(req, maxBodyBytes) : undefined;
      const request = toRequest(req, origin, body);
      const response = await getResponse(handlers, request);
      if (!response) {
        sendProblem(res, 404, 'Not found', 'The mock API lives under /api/v1.');
        return;
      }
      // A body left unread is not drained over a kept-alive connection: the connection closes.
      await writeResponse(res, response, changes && body === undefined, req.method === 'HEAD');
    } catch (err) {
      if (err instanceof HttpProblem) {
        sendProblem(res, err.status, err.title, err.detail);
        return;
      }
      if (req.destroyed && !res.headersSent) return;
      const correlationId = randomUUID();
      log(`[${correlationId}] ${req.method ?? '?'} ${String(req.url).slice(0, 200)}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      sendProblem(res, 500, 'Internal error', 'The request could not be completed. Nothing of it was saved unless the change shows.', { correlationId });
    }
  });
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = Math.min(requestTimeoutMs, 20_000);
  // An unparsable request line or header: 400 and close, as Node does, but never a crash.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const body = JSON.stringify({ type: `/problems/${status}`, title: status === 408 ? 'Request timeout' : 'Bad request', status });
    socket.end(`HTTP/1.1 ${status} ${status === 408 ? 'Request Timeout' : 'Bad Request'}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  return server;
}
