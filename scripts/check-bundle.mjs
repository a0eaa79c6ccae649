#!/usr/bin/env node
// Bundle budget: the JavaScript a browser must load to show the sign-in page (entry chunk, its static
// imports, the English messages every page needs and the lazily loaded login route), gzip-compressed,
// against the budget. Prints every figure.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { basename, join } from 'node:path';

// 124.5 kB before the console spoke Swedish; languages may add at most 5 KiB (5.12 kB) to it.
const BUDGET_KB = 129.6;
const dir = process.argv[2] ?? 'dist';
// The build moves its manifest out of the served files (vite.config.ts).
const manifestPath = join('build-manifest', `${basename(dir)}.json`);
if (!existsSync(manifestPath)) {
  console.error(`check-bundle: ${manifestPath} is missing; build first.`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
const kb = (n) => (n / 1000).toFixed(1);

/** A chunk and every chunk it imports statically, each once. */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(dep, seen);
  return seen;
}
const sizeOf = (keys) => [...keys].reduce((sum, k) => sum + gz(manifest[k].file), 0);

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const loginKey = Object.keys(manifest).find((k) => k.endsWith('src/app/LoginPage.tsx'));
if (!entryKey || !loginKey) {
  console.error('check-bundle: entry or login chunk not found in the manifest.');
  process.exit(1);
}
const startMessages = Object.keys(manifest).filter((k) => /src\/i18n\/locales\/en\/(main|tasks|tenants)\.json/.test(k));
if (startMessages.length !== 3) {
  console.error(`check-bundle: expected the three English start catalogs in the manifest, found ${startMessages.length}.`);
  process.exit(1);
}
const entry = closure(entryKey);
for (const k of startMessages) closure(k, entry);
const login = new Set([...entry, ...closure(loginKey)]);
const initial = sizeOf(login);

console.log(`check-bundle (${dir}), gzip sizes:`);
console.log(`  entry, its static imports and the English start messages: ${kb(sizeOf(entry))} kB`);
console.log(`  + login route:                ${kb(initial - sizeOf(entry))} kB`);
console.log(`  = sign-in page initial JS:    ${kb(initial)} kB (budget ${BUDGET_KB} kB)`);
for (const k of Object.keys(manifest).filter((k) => manifest[k].isDynamicEntry).sort()) {
  const extra = sizeOf(closure(k)) - sizeOf([...closure(k)].filter((x) => entry.has(x)));
  console.log(`  lazy ${k.replace(/^.*\//, '').padEnd(28)} ${kb(extra).padStart(6)} kB beyond the entry`);
}
if (initial > BUDGET_KB * 1000) {
  console.error(`check-bundle: over budget by ${kb(initial - BUDGET_KB * 1000)} kB.`);
  process.exit(1);
}
const lazyViews = ['src/features/', 'src/app/Shell.tsx', 'src/app/StartPage.tsx'];
const eager = [...entry].filter((k) => lazyViews.some((v) => k.includes(v)));
if (eager.length) {
  console.error(`check-bundle: views must be lazily loaded, but the entry pulls in: ${eager.join(', ')}`);
  process.exit(1);
}
console.log('check-bundle: within budget; every view is lazily loaded.');
