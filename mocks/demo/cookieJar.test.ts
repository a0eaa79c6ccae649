import * as tough from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import { Cookie, CookieJar, MemoryCookieStore } from './cookieJar';

const ORIGIN = 'http://127.0.0.1:4173';

interface Jar {
  setCookie(s: string, url: string): Promise<unknown>;
  getCookiesSync(url: string): { key: string; value: string; toString(): string }[];
}

/** What a jar sends to each URL after a series of Set-Cookie answers. */
async function sent(jar: Jar, steps: [setCookie: string, at: string][], urls: string[]) {
  for (const [c, at] of steps) await jar.setCookie(c, `${ORIGIN}${at}`);
  return urls.map((u) => jar.getCookiesSync(`${ORIGIN}${u}`).map((c) => [c.key, c.value, c.toString()]));
}

const future = new Date(Date.now() + 86_400_000).toUTCString();
const past = new Date(Date.now() - 86_400_000).toUTCString();
const SESSION = 'prime_session=abc; Path=/; HttpOnly; SameSite=Strict';
const cases: [string, [string, string][], string[]][] = [
  ['the session cookie reaches every path', [[SESSION, '/api/v1/session']], ['/api/v1/persons', '/', '/login']],
  ['signing out (Max-Age=0) removes it', [[SESSION, '/api/v1/session'], ['prime_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0', '/api/v1/session']], ['/api/v1/persons']],
  ['a later value replaces the earlier', [[SESSION, '/api/v1/session'], ['prime_session=def; Path=/; HttpOnly; SameSite=Strict', '/api/v1/session']], ['/api/v1/me']],
  ['no Path: the directory of the request', [['a=1', '/api/v1/session']], ['/api/v1/x', '/api/v1', '/api', '/api/v10']],
  ['a path matches itself and below, not a longer name', [['a=1; Path=/api', '/']], ['/api', '/api/x', '/apix', '/']],
  ['longer paths first', [['a=1; Path=/', '/'], ['b=2; Path=/api/v1', '/']], ['/api/v1/persons']],
  ['Expires in the future keeps, in the past removes', [['a=1; Path=/; Expires=' + future, '/'], ['b=2; Path=/; Expires=' + past, '/']], ['/']],
  ['Max-Age counts from now', [['a=1; Path=/; Max-Age=3600', '/']], ['/']],
  ['Secure cookies reach the own machine', [['a=1; Path=/; Secure', '/']], ['/']],
];

describe('the demo page’s cookie jar answers as tough-cookie does', () => {
  for (const [name, steps, urls] of cases) {
    it(name, async () => {
      const expected = await sent(new tough.CookieJar(new tough.MemoryCookieStore()), steps, urls);
      expect(await sent(new CookieJar(new MemoryCookieStore()), steps, urls)).toEqual(expected);
    });
  }
});

describe('the demo page’s cookie jar', () => {
  it('keeps every cookie of an answer that sets several', async () => {
    const jar = new CookieJar();
    await jar.setCookie('a=1; Path=/, b=2; Path=/; HttpOnly', `${ORIGIN}/x`);
    expect(jar.getCookiesSync(`${ORIGIN}/`).map((c) => c.key).sort()).toEqual(['a', 'b']);
  });

  it('refuses a cookie for another site and a cookie of another site is not sent', async () => {
    const jar = new CookieJar();
    await jar.setCookie('a=1; Path=/; Domain=example.org', `${ORIGIN}/`);
    await jar.setCookie('b=1; Path=/', 'http://other.test/');
    expect(jar.getCookiesSync(`${ORIGIN}/`)).toEqual([]);
  });

  it('survives being kept as JSON, as MSW keeps it in localStorage', async () => {
    const store = new MemoryCookieStore();
    await new CookieJar(store).setCookie(`${SESSION}; Max-Age=3600`, `${ORIGIN}/api/v1/session`);
    const saved = JSON.stringify(Object.values(store.idx).flatMap((p) => Object.values(p).flatMap((n) => Object.values(n).map((c) => c.toJSON()))));
    const again = new MemoryCookieStore();
    for (const raw of JSON.parse(saved) as unknown[]) {
      const c = Cookie.fromJSON(raw)!;
      ((again.idx[c.domain!] ??= {})[c.path!] ??= {})[c.key] = c;
    }
    expect(new CookieJar(again).getCookiesSync(`${ORIGIN}/api/v1/persons`).map((c) => c.toString())).toEqual([`prime_session=abc; Max-Age=3600; Path=/; HttpOnly; SameSite=Strict`]);
  });

  it('reads what tough-cookie kept (a jar left by an earlier build)', async () => {
    const store = new tough.MemoryCookieStore();
    await new tough.CookieJar(store).setCookie(`${SESSION}; Max-Age=3600`, `${ORIGIN}/api/v1/session`);
    const raw = store.idx['127.0.0.1']!['/']!['prime_session']!.toJSON();
    const c = Cookie.fromJSON(raw)!;
    expect([c.key, c.value, c.domain, c.path, c.httpOnly]).toEqual(['prime_session', 'abc', '127.0.0.1', '/', true]);
    expect(c.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);
  });
});
