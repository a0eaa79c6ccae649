#!/usr/bin/env node
// Makes sure the end-to-end tests have a Chromium: Debian's /usr/bin/chromium when present (as in CI
// and in offline sandboxes, where `playwright install` cannot download), otherwise Playwright's own.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

if (existsSync(SYSTEM_CHROMIUM)) {
  console.log(`e2e: using the system Chromium at ${SYSTEM_CHROMIUM}`);
  process.exit(0);
}

let bundled;
try {
  const { chromium } = await import('@playwright/test');
  bundled = chromium.executablePath();
} catch {
  try {
    const { chromium } = await import('playwright-core');
    bundled = chromium.executablePath();
  } catch {
    bundled = '';
  }
}

if (bundled && existsSync(bundled)) {
  console.log(`e2e: using Playwright's Chromium at ${bundled}`);
  process.exit(0);
}

console.log("e2e: Playwright's Chromium is not installed; running `npx playwright install chromium`");
const result = spawnSync('npx', ['playwright', 'install', 'chromium'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (result.error) {
  console.error(`e2e: could not run npx playwright install: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
