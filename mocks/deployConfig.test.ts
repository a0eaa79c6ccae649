// @vitest-environment node
/**
 * The shipped web-server config (deploy/) says what a deployment must: the security headers of
 * vite.config.ts exactly (one list, checked both ways), on every location that sets headers of its
 * own (nginx drops inherited add_header there), hashed assets cached immutable, index.html never,
 * the single-page fallback, gzip, /api/v1 proxied, and a body limit.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../vite.config';

const conf = readFileSync('deploy/nginx.conf', 'utf8');
const headers = readFileSync('deploy/security-headers.conf', 'utf8');

/** `add_header Name "value" always;` lines of a config text, as a record. */
const addHeaders = (text: string) =>
  Object.fromEntries([...text.matchAll(/^\s*add_header\s+([\w-]+)\s+"([^"]*)"\s+always;/gm)].map((m) => [m[1]!, m[2]!]));

/** The body of `location <path> { … }` (no nested blocks in ours). */
const location = (path: string) => {
  const m = new RegExp(`location ${path.replace(/[/@]/g, (c) => `\\${c}`)} \\{([^}]*)\\}`).exec(conf);
  if (!m) throw new Error(`no location ${path}`);
  return m[1]!;
};

describe('deploy/nginx.conf', () => {
  it('sends exactly the security headers of vite.config.ts', () => {
    expect(addHeaders(headers)).toEqual(SECURITY_HEADERS);
  });

  it('includes them at the server and again in every location with headers of its own', () => {
    expect(conf).toMatch(/listen [^;]+;[\s\S]*?include security-headers\.conf;/);
    for (const path of ['/assets/', '/', '@too_large']) {
      const body = location(path);
      if (/add_header|default_type/.test(body)) expect(body, path).toContain('include security-headers.conf;');
    }
    // No security header is spelled out anywhere but in the one file.
    for (const name of Object.keys(SECURITY_HEADERS)) expect(conf).not.toContain(`add_header ${name}`);
  });

  it('caches hashed assets for good and index.html never; every other path is the app', () => {
    expect(location('/assets/')).toContain('add_header Cache-Control "public, max-age=31536000, immutable" always;');
    expect(location('/')).toContain('add_header Cache-Control "no-cache" always;');
    expect(location('/')).toContain('try_files $uri /index.html;');
  });

  it('proxies /api/v1 to a configurable upstream, compresses, and limits bodies to 1 MiB', () => {
    expect(location('/api/v1/')).toContain('proxy_pass http://prime_api;');
    expect(readFileSync('deploy/upstream.conf', 'utf8')).toMatch(/upstream prime_api \{\s*server [^;]+;\s*\}/);
    expect(conf).toMatch(/^\s*gzip on;/m);
    expect(conf).toMatch(/gzip_types [^;]*application\/javascript[^;]*;/);
    expect(conf).toMatch(/client_max_body_size 1m;/);
  });
});
