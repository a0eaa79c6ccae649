// @vitest-environment node
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

describe('the committed mock service worker', () => {
  it('comes from the installed msw (otherwise run `npx msw init public`)', () => {
    const worker = readFileSync('public/mockServiceWorker.js', 'utf8');
    const committed = /PACKAGE_VERSION = '([^']+)'/.exec(worker)?.[1];
    const installed = (createRequire(import.meta.url)('msw/package.json') as { version: string }).version;
    expect(committed).toBe(installed);
  });
});
