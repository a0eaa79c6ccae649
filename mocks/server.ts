/**
 * The mock backend over plain HTTP (`npm run mock-api`): Node's HTTP server in front of the same MSW
 * handlers the demo and the API tests use, through @hono/node-server's adapter between Node's request
 * and response and the Fetch API's (every Set-Cookie, repeated headers, streamed bodies, a client that
 * goes away). What this file adds is what the contract server promises: one request never stops it: a
 * malformed request gets 400, a body over the limit 413, and a handler that throws is answered 500 (a
 * problem without internals) and logged.
 */
import { getRequestListener } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { getResponse, type RequestHandler } from 'msw';
import { CSRF_HEADER, CSRF_VALUE } from './handlers/http';
import { PROBLEM_LANGUAGE, problemCode } from './handlers/problemCode';

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

/** A problem of the server itself; the connection closes after it (a body may be left unread). */
function problemResponse(status: number, title: string, detail: string, extra: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ type: `/problems/${status}`, title, status, detail, code: problemCode(title), ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', 'Content-Language': PROBLEM_LANGUAGE, Connection: 'close' },
  });
}

/** The body, refused with 413 when it is (or announces itself) larger than the limit. */
async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const tooLarge = () => new HttpProblem(413, 'Request too large', `A request body may have at most ${limit} bytes.`);
  if (Number(request.headers.get('content-length') ?? 0) > limit) throw tooLarge();
  if (!request.body) return undefined;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      void reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return size ? new Uint8Array(Buffer.concat(chunks)) : undefined;
}

/** The request the handlers see: HEAD as GET (they are written for GET), repeated Cookie headers as one list. */
async function forHandlers(request: Request, incoming: IncomingMessage, maxBodyBytes: number): Promise<{ request: Request; bodyRead: boolean }> {
  const target = incoming.url ?? '';
  // Origin-form only (`/api/v1/…`): `*` (OPTIONS *) and absolute URLs name no resource of ours.
  if (!target.startsWith('/') || target.startsWith('//')) throw new HttpProblem(400, 'Bad request', 'The request target must be a path.');
  try {
    decodeURIComponent(new URL(request.url).pathname);
  } catch {
    throw new HttpProblem(400, 'Bad request', 'The request path is not a valid URL path.');
  }
  const headers = new Headers(request.headers);
  const cookies = incoming.headersDistinct.cookie;
  if (cookies) headers.set('cookie', cookies.join('; '));
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const changes = method !== 'GET';
  // A change without the CSRF header is refused by the handlers without looking at its body, so the
  // body is not read at all (nobody can make the server buffer it without the header).
  const bodyRead = changes && headers.get(CSRF_HEADER) === CSRF_VALUE;
  const body = bodyRead ? await readBody(request, maxBodyBytes) : undefined;
  return { request: new Request(request.url, { method, headers, body }), bodyRead: bodyRead || !changes };
}

export function createApiServer({ handlers, maxBodyBytes = MAX_BODY_BYTES, requestTimeoutMs = 30_000, log = console.error }: ApiServerOptions): Server {
  const listener = getRequestListener(
    async (request, env) => {
      const incoming = env.incoming as IncomingMessage;
      try {
        const prepared = await forHandlers(request, incoming, maxBodyBytes);
        const response = (await getResponse(handlers, prepared.request)) ?? problemResponse(404, 'Not found', 'The mock API lives under /api/v1.');
        // A body left unread is not drained over a kept-alive connection: the connection closes.
        if (!prepared.bodyRead) response.headers.set('Connection', 'close');
        return response;
      } catch (err) {
        if (err instanceof HttpProblem) return problemResponse(err.status, err.title, err.detail);
        const correlationId = randomUUID();
        log(`[${correlationId}] ${incoming.method ?? '?'} ${String(incoming.url).slice(0, 200)}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return problemResponse(500, 'Internal error', 'The request could not be completed. Nothing of it was saved unless the change shows.', { correlationId });
      }
    },
    {
      // MSW and the handlers work with the platform's Request and Response.
      overrideGlobalObjects: false,
      // A request no URL can be made of (no Host, a malformed absolute URL).
      errorHandler: () => problemResponse(400, 'Bad request', 'The request has no valid URL.'),
    },
  );
  // The request timeout is checked this often (Node's default, 30 s, would let a stalled body hang on).
  const server = createServer({ connectionsCheckingInterval: Math.max(250, Math.min(5_000, requestTimeoutMs / 4)) }, (req, res) => {
    // A client that goes away mid-request is no error of ours; nothing is left to answer.
    req.on('error', () => {});
    res.on('error', () => {});
    void listener(req, res);
  });
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = Math.min(requestTimeoutMs, 20_000);
  // An unparsable request line or header: 400 and close, as Node does, but never a crash.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const title = status === 408 ? 'Request timeout' : 'Bad request';
    const body = JSON.stringify({ type: `/problems/${status}`, title, status, code: problemCode(title) });
    socket.end(`HTTP/1.1 ${status} ${status === 408 ? 'Request Timeout' : 'Bad Request'}\r\nContent-Type: application/problem+json\r\nContent-Language: ${PROBLEM_LANGUAGE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  return server;
}
