/**
 * The part of tough-cookie that MSW's cookie store uses, for the demo's page bundle only (vite.config.ts
 * puts it in tough-cookie's place in demo mode; vitest and `npm run mock-api` keep tough-cookie).
 *
 * Why: tough-cookie brings the public-suffix list (tldts), three fifths of MSW's chunk, on the demo's
 * critical path, and its jar costs a few milliseconds on every request the console makes. The demo's
 * cookies are its own origin's (the session cookie, host-only), so a jar that keeps cookies by domain,
 * path and name, honours Max-Age and Expires, and matches paths as RFC 6265 says is all it needs.
 * `cookieJar.test.ts` holds it to tough-cookie's answers.
 */
import { parseSetCookie } from 'set-cookie-parser';

interface CookieJson {
  key: string;
  value: string;
  domain?: string | null;
  path?: string | null;
  /** Absolute expiry (ISO); tough-cookie's own JSON may carry maxAge and creation instead. */
  expires?: string;
  maxAge?: number;
  creation?: string;
  hostOnly?: boolean;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: string;
}

export class Cookie {
  key = '';
  value = '';
  domain: string | null = null;
  path: string | null = null;
  hostOnly = true;
  httpOnly = false;
  secure = false;
  sameSite: string | undefined;
  /** Milliseconds since the epoch; Infinity for a session cookie. */
  expiresAt = Infinity;
  maxAge: number | undefined;
  creation = Date.now();

  /** As tough-cookie writes it (MSW adds it to the request's Cookie header). */
  toString(): string {
    const parts = [`${this.key}=${this.value}`];
    if (this.maxAge !== undefined) parts.push(`Max-Age=${this.maxAge}`);
    else if (this.expiresAt !== Infinity) parts.push(`Expires=${new Date(this.expiresAt).toUTCString()}`);
    if (this.domain && !this.hostOnly) parts.push(`Domain=${this.domain}`);
    if (this.path) parts.push(`Path=${this.path}`);
    if (this.secure) parts.push('Secure');
    if (this.httpOnly) parts.push('HttpOnly');
    if (this.sameSite) parts.push(`SameSite=${this.sameSite[0]!.toUpperCase()}${this.sameSite.slice(1).toLowerCase()}`);
    return parts.join('; ');
  }

  toJSON(): CookieJson {
    return {
      key: this.key,
      value: this.value,
      domain: this.domain,
      path: this.path,
      ...(this.expiresAt !== Infinity ? { expires: new Date(this.expiresAt).toISOString() } : {}),
      ...(this.maxAge !== undefined ? { maxAge: this.maxAge } : {}),
      creation: new Date(this.creation).toISOString(),
      hostOnly: this.hostOnly,
      httpOnly: this.httpOnly,
      secure: this.secure,
      ...(this.sameSite ? { sameSite: this.sameSite } : {}),
    };
  }

  static fromJSON(raw: unknown): Cookie | null {
    const json = (typeof raw === 'string' ? JSON.parse(raw) : raw) as CookieJson | null;
    if (!json || typeof json.key !== 'string' || typeof json.value !== 'string') return null;
    const c = new Cookie();
    Object.assign(c, {
      key: json.key,
      value: json.value,
      domain: json.domain ?? null,
      path: json.path ?? null,
      hostOnly: json.hostOnly ?? true,
      httpOnly: json.httpOnly ?? false,
      secure: json.secure ?? false,
      sameSite: json.sameSite,
      maxAge: json.maxAge,
      creation: json.creation ? Date.parse(json.creation) : Date.now(),
    });
    if (json.expires) c.expiresAt = Date.parse(json.expires);
    else if (json.maxAge !== undefined) c.expiresAt = c.creation + json.maxAge * 1000;
    return c;
  }
}

type Index = Record<string, Record<string, Record<string, Cookie>>>;

export class MemoryCookieStore {
  /** domain → path → name → cookie; MSW reads and fills it to keep the jar in localStorage. */
  idx: Index = {};
}

/** RFC 6265 5.1.4: the request path is within the cookie's path. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  return requestPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/');
}

/** RFC 6265 5.1.4: the directory of the request path, when Set-Cookie names no Path. */
function defaultPath(requestPath: string): string {
  const i = requestPath.lastIndexOf('/');
  return i <= 0 ? '/' : requestPath.slice(0, i);
}

export class CookieJar {
  constructor(private readonly store: MemoryCookieStore = new MemoryCookieStore()) {}

  getCookiesSync(url: string): Cookie[] {
    const { hostname, pathname, protocol } = new URL(url);
    const now = Date.now();
    // A browser treats its own machine as secure, so Secure cookies reach http://localhost (tough-cookie agrees).
    const secureContext = protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
    const found: Cookie[] = [];
    for (const [domain, paths] of Object.entries(this.store.idx)) {
      for (const [path, cookies] of Object.entries(paths)) {
        for (const [name, c] of Object.entries(cookies)) {
          if (c.expiresAt <= now) {
            delete cookies[name];
            continue;
          }
          const domainOk = c.hostOnly ? hostname === domain : hostname === domain || hostname.endsWith(`.${domain}`);
          if (domainOk && pathMatches(pathname, path) && (!c.secure || secureContext)) found.push(c);
        }
      }
    }
    // Longer paths first, then older cookies first (RFC 6265 5.4, as tough-cookie sorts).
    return found.sort((a, b) => (b.path?.length ?? 0) - (a.path?.length ?? 0) || a.creation - b.creation);
  }

  async setCookie(setCookie: string, url: string): Promise<Cookie | undefined> {
    const { hostname, pathname } = new URL(url);
    let last: Cookie | undefined;
    // MSW hands over every Set-Cookie of an answer joined in one string.
    for (const parsed of parseSetCookie(setCookie, { decodeValues: false, split: true })) {
      if (!parsed.name) continue;
      const c = new Cookie();
      c.key = parsed.name;
      c.value = parsed.value;
      const domain = parsed.domain?.replace(/^\./, '').toLowerCase();
      // A cookie for another site is refused, as a browser refuses it.
      if (domain && hostname !== domain && !hostname.endsWith(`.${domain}`)) continue;
      c.domain = domain ?? hostname;
      c.hostOnly = !domain;
      c.path = parsed.path?.startsWith('/') ? parsed.path : defaultPath(pathname);
      c.httpOnly = parsed.httpOnly ?? false;
      c.secure = parsed.secure ?? false;
      c.sameSite = parsed.sameSite?.toLowerCase();
      if (parsed.maxAge !== undefined) {
        c.maxAge = parsed.maxAge;
        c.expiresAt = parsed.maxAge <= 0 ? 0 : c.creation + parsed.maxAge * 1000;
      } else if (parsed.expires) c.expiresAt = parsed.expires.getTime();
      const paths = (this.store.idx[c.domain] ??= {});
      const names = (paths[c.path] ??= {});
      const before = names[c.key];
      if (before) c.creation = before.creation;
      if (c.expiresAt <= Date.now()) delete names[c.key];
      else names[c.key] = c;
      last = c;
    }
    return last;
  }
}
