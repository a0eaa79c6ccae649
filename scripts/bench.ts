/**
 * Benchmarks that print figures (they assert nothing; budgets live in `npm test`):
 * 1. backend: search latency over the 100,000-person demo organisation, through the real handlers
 *    (session, authorization, search, JSON) — target p95 ≤ 50 ms for a name or status query;
 * 2. browser: in Chromium against the demo build, at 2,000 and at 100,000 persons: cold start to a
 *    usable sign-in form, a signed-in reload of a search URL to the grid, typing to rendered results
 *    (30 terms), a 5,000-card production run, and the longest main-thread task of each.
 * 3. lighthouse: the Lighthouse performance score (mobile defaults) of the demo's sign-in page at
 *    100,000 persons and of the production build's, with Lighthouse 12.2.3 through npx (not a
 *    dependency: it is large and only this figure needs it).
 * Usage: npm run bench            (the first two; builds the demo first when dist-demo/ is missing)
 *        npm run bench -- backend, -- browser or -- lighthouse (one part)
 */
import { execSync, spawn } from 'node:child_process';
import type { Browser, Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { getResponse } from 'msw';
import { Store } from '../mocks/db/store';
import { freePort } from '../mocks/freePort';
import { createHandlers } from '../mocks/handlers';

const PERSONS = 100_000;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const fmt = (n: number) => n.toFixed(1).padStart(7);

async function backend() {
  const t0 = performance.now();
  const store = new Store(undefined, { persons: PERSONS });
  console.log(`backend: generated ${store.db.persons.size.toLocaleString('en')} persons, ${store.db.cards.size.toLocaleString('en')} cards, ${store.db.certificates.size.toLocaleString('en')} certificates in ${(performance.now() - t0).toFixed(0)} ms`);
  const handlers = createHandlers(store);
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await getResponse(handlers, new Request(`http://localhost/api/v1${path}`, init));
    if (!res) throw new Error(`no handler for ${path}`);
    return res;
  };
  const signIn = await call('/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'prime-console' },
    body: JSON.stringify({ username: 'registration-officer', password: 'demo' }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  const names = ['anna', 'berg', 'lindqvist', 'erik', 'nowak', 'sofia', 'holm', 'virtanen', 'jensen', 'maria'];
  const queries: [string, (i: number) => string][] = [
    ['persons: name', (i) => `/persons?q=${names[i % names.length]}&pageSize=100`],
    ['persons: status', (i) => `/persons?status=${['Active', 'Inactive', 'Locked', 'Registered'][i % 4]}&pageSize=100`],
    ['persons: name + status', (i) => `/persons?q=${names[i % names.length]}&status=Active&pageSize=100`],
    ['persons: sorted by e-mail', (i) => `/persons?sort=email:${i % 2 ? 'asc' : 'desc'}&pageSize=100&page=${1 + (i % 5)}`],
    ['cards: holder name', (i) => `/cards?q=${names[i % names.length]}&pageSize=100`],
    ['cards: status', (i) => `/cards?status=${['Active', 'Locked', 'Issued', 'Requested'][i % 4]}&pageSize=100`],
    ['certificates: status', (i) => `/certificates?status=${['Valid', 'Revoked', 'On hold'][i % 3]}&pageSize=100`],
  ];
  console.log('\nbackend search latency over the 100,000-person organisation (ms; 40 runs each after one warm-up):');
  console.log(`  ${'query'.padEnd(28)}   cold     p50     p95     max`);
  for (const [label, path] of queries) {
    const c0 = performance.now();
    await (await call(path(0), { headers: { Cookie: cookie } })).json();
    const cold = performance.now() - c0;
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const s = performance.now();
      const res = await call(path(i), { headers: { Cookie: cookie } });
      await res.json();
      if (res.status !== 200) throw new Error(`${label}: ${res.status}`);
      times.push(performance.now() - s);
    }
    console.log(`  ${label.padEnd(28)} ${fmt(cold)} ${fmt(pct(times, 50))} ${fmt(pct(times, 95))} ${fmt(Math.max(...times))}`);
  }
  console.log('  target: p95 ≤ 50 ms for a name or status query ("cold" includes building the cached text and sort index once)');
}

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * Serves a build on a free port for the browser figures: the demo (dist-demo, or BENCH_DIST for
 * figures of two builds measured in one run, before and after a change) or the production build.
 * Vite is started directly, not through npx, so stopping it stops the server (npx would leave it
 * running, holding its port); a server that does not answer fails the run rather than measuring nothing.
 */
async function previewServer(kind: 'demo' | 'production' = 'demo') {
  const dist = kind === 'demo' ? (process.env.BENCH_DIST ?? 'dist-demo') : 'dist';
  if (!existsSync(`${dist}/index.html`)) execSync(kind === 'demo' ? 'npm run build:demo' : 'npx vite build', { stdio: 'inherit' });
  const port = await freePort();
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', ...(kind === 'demo' ? ['--mode', 'demo'] : []), '--outDir', dist, '--port', String(port), '--strictPort'], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(base).then((r) => r.ok, () => false)) break;
    if (i === 100) {
      server.kill();
      throw new Error(`vite preview of ${dist} did not answer on ${base}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, stop: () => server.kill() };
}

/** Lighthouse's performance score and its main metrics for one URL (a fresh Chromium profile). */
function lighthouseOf(url: string): { score: number; tbt: number; lcp: number; fcp: number } {
  const chrome = existsSync('/usr/bin/chromium') ? '--chrome-path=/usr/bin/chromium ' : '';
  const out = execSync(
    `npx --yes lighthouse@12.2.3 ${url} --only-categories=performance --output=json --quiet ${chrome}--chrome-flags="--headless=new --no-sandbox --disable-gpu"`,
    { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
  );
  const report = JSON.parse(out) as { categories: { performance: { score: number } }; audits: Record<string, { numericValue: number }> };
  return {
    score: Math.round(report.categories.performance.score * 100),
    tbt: report.audits['total-blocking-time']!.numericValue,
    lcp: report.audits['largest-contentful-paint']!.numericValue,
    fcp: report.audits['first-contentful-paint']!.numericValue,
  };
}

async function lighthouse() {
  const figures: [string, ReturnType<typeof lighthouseOf>, string][] = [];
  {
    // The demo at its default size (100,000 persons: nothing set in localStorage).
    const { base, stop } = await previewServer();
    try {
      figures.push(['demo sign-in page (100,000 persons)', lighthouseOf(`${base}/login`), '≥ 90']);
    } finally {
      stop();
    }
  }
  const production = await previewServer('production');
  try {
    figures.push(['production sign-in page', lighthouseOf(`${production.base}/login`), '≥ 95']);
  } finally {
    production.stop();
  }
  console.log('\nlighthouse 12.2.3, performance (mobile defaults):');
  for (const [label, f, target] of figures) {
    console.log(`  ${label.padEnd(40)} ${String(f.score).padStart(4)}   TBT ${f.tbt.toFixed(0)} ms, LCP ${f.lcp.toFixed(0)} ms, FCP ${f.fcp.toFixed(0)} ms   target ${target}`);
  }
}

// Every page of a bench context records its longest main-thread task (long tasks are those over 50 ms).
// A string, not a function: the TypeScript runner would add helpers the page does not have.
const LONG_TASKS = `(() => {
  window.__longest = 0;
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
})()`;
const longest = (page: Page) => page.evaluate<number>('window.__longest');
const resetLongest = (page: Page) => page.evaluate('window.__longest = 0');

interface DemoFigures {
  persons: number;
  coldToSignIn: number;
  coldLongest: number;
  signInLongest: number;
  reloadToGrid: number;
  reloadLongest: number;
  typingP50: number;
  typingP95: number;
  typingLongest: number;
  batchSeconds: number;
  batchItems: number;
  batchLongest: number;
}

/**
 * A signed-in reload of a search URL to the first cell of the result grid, `runs` times: the median,
 * and the longest main-thread task of any run. The first run lets the browser settle the stored
 * session and caches.
 */
async function signedInReload(page: Page, base: string, runs: number): Promise<{ reloadToGrid: number; reloadLongest: number }> {
  const times: number[] = [];
  let reloadLongest = 0;
  for (let i = 0; i < runs; i++) {
    await page.goto(`${base}/`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 120_000 });
    const r0 = Date.now();
    await page.goto(`${base}/search?in=persons&q=an`);
    await page.getByRole('grid').getByRole('gridcell').first().waitFor({ timeout: 120_000 });
    if (i > 0 || runs === 1) times.push(Date.now() - r0);
    reloadLongest = Math.max(reloadLongest, await longest(page));
  }
  return { reloadToGrid: pct(times, 50), reloadLongest };
}

/** The demo's figures at one organisation size, in a fresh browser context (a cold demo). */
async function demoFigures(b: Browser, base: string, persons: number): Promise<DemoFigures> {
  const ctx = await b.newContext();
  await ctx.addInitScript(`localStorage.setItem('prime-console.demo-persons', '${persons}');`);
  await ctx.addInitScript(LONG_TASKS);
  const page = await ctx.newPage();
  const usable = () => page.getByLabel('Username').and(page.locator(':enabled')).waitFor({ timeout: 120_000 });

  // 1. Cold start: from navigation to a sign-in form that takes input.
  const c0 = Date.now();
  await page.goto(`${base}/login`);
  await usable();
  const coldToSignIn = Date.now() - c0;
  const coldLongest = await longest(page);

  // 2. Signing in (the organisation may still be getting ready).
  await resetLongest(page);
  await page.getByLabel('Username').fill('registration-officer');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 120_000 });
  const signInLongest = await longest(page);

  // 3. A signed-in reload of a search URL, to the first cell of the result grid.
  const { reloadToGrid, reloadLongest } = await signedInReload(page, base, 2);

  // 4. Typing: from the input event to the frame after the result count and the first row changed, 30 terms.
  await resetLongest(page);
  const field = page.getByLabel('Name, personal id or e-mail');
  const terms = ['anna', 'berg', 'lind', 'erik', 'nowak', 'sofia', 'holm', 'virt', 'jens', 'maria', 'olof', 'kari', 'sand', 'ström', 'åberg', 'nils', 'petra', 'greta', 'lars', 'ida', 'karl', 'eva', 'johan', 'lena', 'per', 'sara', 'mats', 'emma', 'ola', 'tove'];
  const times: number[] = [];
  for (const term of terms) {
    await field.fill('');
    await page.getByText(/results$/).first().waitFor();
    await page.waitForTimeout(150);
    // From the input event to the frame after both the result count and the grid's first row changed
    // (the rows may render after the count); if the first row stays the same, the count's change counts.
    const measure = page.evaluate<number>(`new Promise((resolve) => {
      const input = document.querySelector('input[type="search"]');
      const count = () => document.querySelector('.result-count')?.textContent ?? '';
      const firstRow = () => document.querySelector('[role="grid"] [role="rowheader"]')?.textContent ?? '';
      const before = count();
      const rowBefore = firstRow();
      let t0 = 0;
      let countAt = 0;
      let fallback = 0;
      let finished = false;
      input.addEventListener('input', () => (t0 = performance.now()));
      const finish = (end) => {
        if (finished) return;
        finished = true;
        obs.disconnect();
        resolve(end - t0);
      };
      const obs = new MutationObserver(() => {
        if (!t0 || finished) return;
        if (!countAt && count() !== before) {
          countAt = performance.now();
          fallback = setTimeout(() => finish(countAt), 1500);
        }
        if (countAt && firstRow() !== rowBefore) {
          clearTimeout(fallback);
          requestAnimationFrame(() => finish(performance.now()));
        }
      });
      obs.observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
    })`);
    await field.fill(term);
    times.push(await measure);
  }
  const typingLongest = await longest(page);
  await ctx.close();

  // 5. A 5,000-card production run as the card production administrator: duration and the longest
  // main-thread task of the page while it runs.
  const ctx2 = await b.newContext();
  await ctx2.addInitScript(`localStorage.setItem('prime-console.demo-persons', '${persons}');`);
  await ctx2.addInitScript(LONG_TASKS);
  const cpa = await ctx2.newPage();
  await cpa.goto(`${base}/login`);
  await cpa.getByLabel('Username').and(cpa.locator(':enabled')).waitFor({ timeout: 120_000 });
  await cpa.getByLabel('Username').fill('card-production-administrator');
  await cpa.getByLabel('Password').fill('demo');
  await cpa.getByRole('button', { name: 'Sign in' }).click();
  await cpa.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 120_000 });
  const batch = await cpa.evaluate<{ items: number; ms: number; longest: number }>(`(async () => {
    const headers = { 'Content-Type': 'application/json', 'X-Requested-With': 'prime-console' };
    const ids = [];
    for (const status of ['Approved', 'Failed']) {
      for (let page = 1; ids.length < 5000; page++) {
        const r = await (await fetch('/api/v1/cards?status=' + status + '&pageSize=200&page=' + page)).json();
        ids.push(...r.items.map((c) => c.id));
        if (r.items.length < 200) break;
      }
    }
    const chosen = ids.slice(0, 5000);
    const res = await fetch('/api/v1/batch-orders', { method: 'POST', headers: { ...headers, 'Idempotency-Key': 'bench-' + Date.now() }, body: JSON.stringify({ type: 'produce-cards', ids: chosen }) });
    const order = await res.json();
    window.__longest = 0;
    const t0 = performance.now();
    await fetch('/api/v1/batch-orders/' + order.id + '/actions/run', { method: 'POST', headers: { ...headers, 'If-Match': '"' + order.version + '"' } });
    let o;
    do {
      await new Promise((r) => setTimeout(r, 100));
      o = await (await fetch('/api/v1/batch-orders/' + order.id)).json();
    } while (o.status === 'Running' || o.status === 'Waiting');
    return { items: o.itemCount, ms: performance.now() - t0, longest: window.__longest };
  })()`);
  await ctx2.close();
  return {
    persons,
    coldToSignIn,
    coldLongest,
    signInLongest,
    reloadToGrid,
    reloadLongest,
    typingP50: pct(times, 50),
    typingP95: pct(times, 95),
    typingLongest,
    batchSeconds: batch.ms / 1000,
    batchItems: batch.items,
    batchLongest: batch.longest,
  };
}

async function browser() {
  const { chromium } = await import('@playwright/test');
  const { base, stop } = await previewServer();
  try {
    const exe = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
    const b = await chromium.launch({ ...(exe ? { executablePath: exe } : {}), args: LAUNCH_ARGS });
    const small = await demoFigures(b, base, 2_000);
    const large = await demoFigures(b, base, PERSONS);
    await b.close();
    const row = (label: string, f: (d: DemoFigures) => string, target = '') => console.log(`  ${label.padEnd(46)} ${f(small).padStart(10)} ${f(large).padStart(10)}   ${target}`);
    const ms = (n: number) => `${n.toFixed(0)} ms`;
    console.log('\nbrowser: the demo build in Chromium, a fresh browser context per size');
    console.log(`  ${''.padEnd(46)} ${'2,000'.padStart(10)} ${'100,000'.padStart(10)}   target`);
    row('cold start to a usable sign-in form', (d) => ms(d.coldToSignIn));
    row('  longest main-thread task', (d) => ms(d.coldLongest), '≤ 50 ms');
    row('  longest task while signing in', (d) => ms(d.signInLongest), '≤ 50 ms');
    row('signed-in reload of a search URL to the grid', (d) => ms(d.reloadToGrid));
    row('  longest main-thread task', (d) => ms(d.reloadLongest), '≤ 50 ms');
    row('typing to rendered results, p50', (d) => ms(d.typingP50), 'aim 100 ms');
    row('typing to rendered results, p95', (d) => ms(d.typingP95), '≤ 150 ms');
    row('  longest main-thread task', (d) => ms(d.typingLongest), '≤ 50 ms');
    row('5,000-card production run', (d) => `${d.batchSeconds.toFixed(1)} s`);
    row('  longest main-thread task', (d) => ms(d.batchLongest), '≤ 50 ms');
    console.log(`  reload-to-grid at 100,000 ÷ at 2,000: ${(large.reloadToGrid / small.reloadToGrid).toFixed(2)} (target ≤ 1.3)`);
  } finally {
    stop();
  }
}

/**
 * The budgets `npm test` checks (`npm run check:demo`): what is stable on a noisy 2-core machine.
 * The reload at 100,000 persons against the same at 2,000, and a generous ceiling on main-thread tasks
 * at 100,000 (the aim is 50 ms; the ceiling catches the organisation coming back to the page).
 */
async function check() {
  const RATIO = 1.5;
  const CEILING_MS = 250;
  const { chromium } = await import('@playwright/test');
  const { base, stop } = await previewServer();
  const failures: string[] = [];
  try {
    const exe = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
    const b = await chromium.launch({ ...(exe ? { executablePath: exe } : {}), args: LAUNCH_ARGS });
    const figures: Record<number, { reloadToGrid: number; reloadLongest: number; startLongest: number }> = {};
    for (const persons of [2_000, PERSONS]) {
      const ctx = await b.newContext();
      await ctx.addInitScript(`localStorage.setItem('prime-console.demo-persons', '${persons}');`);
      await ctx.addInitScript(LONG_TASKS);
      const page = await ctx.newPage();
      await page.goto(`${base}/login`);
      await page.getByLabel('Username').fill('registration-officer');
      await page.getByLabel('Password').fill('demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 120_000 });
      const startLongest = await longest(page);
      figures[persons] = { ...(await signedInReload(page, base, 4)), startLongest };
      await ctx.close();
    }
    await b.close();
    const small = figures[2_000]!;
    const large = figures[PERSONS]!;
    const ratio = large.reloadToGrid / small.reloadToGrid;
    console.log(`demo budgets: reload to grid ${small.reloadToGrid} ms at 2,000, ${large.reloadToGrid} ms at 100,000 (ratio ${ratio.toFixed(2)}, budget ≤ ${RATIO})`);
    console.log(`  longest main-thread task at 100,000: ${large.startLongest.toFixed(0)} ms from start to signed in, ${large.reloadLongest.toFixed(0)} ms in the reloads (ceiling ${CEILING_MS} ms)`);
    if (ratio > RATIO) failures.push(`reload at 100,000 is ${ratio.toFixed(2)}× the one at 2,000 (budget ${RATIO})`);
    for (const [what, ms] of [['start and sign-in', large.startLongest], ['reload', large.reloadLongest]] as const) {
      if (ms > CEILING_MS) failures.push(`a main-thread task of ${ms.toFixed(0)} ms during ${what} at 100,000 (ceiling ${CEILING_MS} ms)`);
    }
  } finally {
    stop();
  }
  if (failures.length) {
    console.error(`demo budgets exceeded:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
}

const which = process.argv[2];
if (which === 'check') await check();
else if (which === 'lighthouse') await lighthouse();
else {
  if (which !== 'browser') await backend();
  if (which !== 'backend') await browser();
}
