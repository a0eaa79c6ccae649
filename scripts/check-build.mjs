#!/usr/bin/env node
// Proves the production build carries no mock backend: no worker file and no MSW code.
// The same detector must find MSW in the demo build, so a broken detector cannot pass silently.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Strings found in MSW's browser code and in the demo store; the app's own clean-up of leftover mock
// workers names the worker file, so the file name itself is checked as a file, not as text.
const MARKERS = ['[MSW]', 'setupWorker', 'MOCKING_ENABLED', 'prime-console-demo'];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function scan(dir) {
  const found = [];
  for (const f of files(dir)) {
    if (f.endsWith('mockServiceWorker.js')) found.push(`${f}: worker file`);
    if (!/\.(js|html|css)$/.test(f)) continue;
    const text = readFileSync(f, 'utf8');
    for (const m of MARKERS) if (text.includes(m)) found.push(`${f}: contains "${m}"`);
  }
  return found;
}

let failed = false;
if (!existsSync('dist')) {
  console.error('check-build: dist/ is missing; run `vite build` first.');
  process.exit(1);
}
const prod = scan('dist');
// Nothing but what the browser loads: no build manifest naming the source files.
for (const f of files('dist')) if (f.includes('.vite') || f.endsWith('manifest.json')) prod.push(`${f}: build manifest`);
if (prod.length) {
  failed = true;
  console.error('check-build: the production build contains what it must not:\n  ' + prod.join('\n  '));
} else console.log('check-build: production build (dist/) has no MSW code, no worker file and no build manifest.');

if (existsSync('dist-demo')) {
  const demo = scan('dist-demo');
  if (!demo.some((d) => d.includes('worker file')) || !demo.some((d) => d.includes('setupWorker') || d.includes('[MSW]'))) {
    failed = true;
    console.error('check-build: the detector did not find MSW in the demo build (dist-demo/); the check would be blind.');
  } else console.log(`check-build: control: the demo build (dist-demo/) has the mock backend (${demo.length} markers).`);
}
process.exit(failed ? 1 : 0);
