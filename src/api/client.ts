import { getLocale, intlLocale } from '../i18n';
import { localizeProblem } from './problemText';
import type { Problem } from './types';

/** Base of the API: same origin in the demo, `VITE_API_BASE_URL` against a real backend. */
export const API_BASE = `${(import.meta.env.VITE_API_BASE_URL as string | undefined) ?? ''}/api/v1`;

export class ApiError extends Error {
  private shown: { locale: string; problem: Problem } | null = null;
  constructor(
    readonly status: number,
    /** The problem as the server sent it. */
    readonly raw: Problem,
    /** The language of the server's texts (its Content-Language). */
    readonly language = 'en',
  ) {
    super(raw.detail ?? raw.title);
    this.name = 'ApiError';
  }

  /** The problem in the console's language, read when shown, so a change of language reaches it too. */
  get problem(): Problem {
    const locale = getLocale();
    if (this.shown?.locale !== locale) this.shown = { locale, problem: localizeProblem(this.raw, this.language) };
    return this.shown.problem;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  ifMatch?: string | number;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/**
 * Asked when the API answers 401 to a request of a signed-in person (not to signing in or asking who
 * is signed in): resolves true once the same person has signed in again, and the request is sent once
 * more; false lets the 401 stand, and nothing is sent.
 */
export type SessionEndedHandler = (problem: Problem) => Promise<boolean>;
let sessionEnded: SessionEndedHandler | null = null;
/** Set by the access layer (src/access/sessionRecovery.ts), which asks the person to sign in again. */
export function onSessionEnded(handler: SessionEndedHandler | null): void {
  sessionEnded = handler;
}

/**
 * Counts the changes of who is signed in (a sign-in, a sign-out). A 401 to a request sent before the
 * last change is about the session that was, not the one now: it asks nobody to sign in again (an
 * answer that crossed a sign-in on the way would otherwise report the new session as ended).
 */
let sessionEpoch = 0;
/** Called by the access layer whenever the signed-in person changes. */
export function sessionChanged(): void {
  sessionEpoch += 1;
}
export const currentSessionEpoch = (): number => sessionEpoch;

/**
 * Calls the API. Non-GET requests carry the CSRF header; errors arrive as `ApiError` with the
 * problem+json body (or one made up for network failures, status 0). A 401 of a signed-in person's
 * request waits for `onSessionEnded`'s handler and is sent again once if it says so.
 */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const epoch = sessionEpoch;
  try {
    return await send<T>(path, options);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401 || !sessionEnded || path === '/session' || epoch !== sessionEpoch) throw e;
    if (!(await sessionEnded(e.problem))) throw e;
    return send<T>(path, options);
  }
}

async function send<T>(path: string, options: RequestOptions): Promise<T> {
  const method = options.method ?? 'GET';
  // The backend answers in the console's language where it has words of its own, and sorts text by it.
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'Accept-Language': intlLocale() };
  if (method !== 'GET') headers['X-Requested-With'] = 'prime-console';
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      credentials: 'include',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, { type: 'about:blank', title: 'Network error', status: 0, detail: 'The server could not be reached.', code: 'network-error' });
  }
  if (response.status === 204) return undefined as T;
  const isJson = (response.headers.get('Content-Type') ?? '').includes('json');
  const data: unknown = isJson ? await response.json() : null;
  if (!response.ok) {
    // An answer without problem+json (a proxy's error page) still gets a code the console has words for.
    const problem = (data as Problem | null) ?? { type: 'about:blank', title: response.statusText, status: response.status, code: response.status >= 500 ? 'server-error' : 'request-failed' };
    const language = (response.headers.get('Content-Language') ?? 'en').split(',')[0]!.trim().toLowerCase().split('-')[0]!;
    throw new ApiError(response.status, problem, language);
  }
  return data as T;
}

/** Query string from a record, leaving out empty values. */
export function toQuery(params: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** 4xx answers are decisions, not glitches: retrying them only repeats the refusal. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}
