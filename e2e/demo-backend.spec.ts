import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { signIn } from './support/auth';
import { apiGet, main, mainNav } from './support/views';

/**
 * The demo's backend runs in a worker, one per browser: a SharedWorker where the browser has one, else
 * a dedicated worker per tab that meet in the journal and hand the batch runner to one of them. Both
 * ways, pages of one browser see one organisation and a running order is worked once.
 */

interface Order {
  id: string;
  version: number;
  status: string;
  itemCount: number;
  processedCount: number;
  items: { id: string; attempts: number; status: string }[];
}

/** Creates a production order of `count` Approved cards through the API, in the page, and runs it. */
async function runProduction(page: Page, count: number): Promise<Order> {
  return page.evaluate(async (n) => {
    const headers = { 'Content-Type': 'application/json', 'X-Requested-With': 'prime-console' };
    const cards = (await (await fetch(`/api/v1/cards?status=Approved&pageSize=${n}`)).json()) as { items: { id: string }[] };
    const created = (await (
      await fetch('/api/v1/batch-orders', { method: 'POST', headers: { ...headers, 'Idempotency-Key': crypto.randomUUID() }, body: JSON.stringify({ type: 'produce-cards', ids: cards.items.map((c) => c.id) }) })
    ).json()) as Order;
    const run = await fetch(`/api/v1/batch-orders/${created.id}/actions/run`, { method: 'POST', headers: { ...headers, 'If-Match': `"${created.version}"` } });
    return (await run.json()) as Order;
  }, count);
}

const order = async (page: Page, id: string) => (await apiGet(page, `/api/v1/batch-orders/${id}`)).body as Order;

/** Every item was produced (or failed) exactly once: one attempt, one production in its history. */
async function expectWorkedOnce(page: Page, finished: Order): Promise<void> {
  expect(finished.processedCount).toBe(finished.itemCount);
  expect(finished.items.map((i) => i.attempts)).toEqual(finished.items.map(() => 1));
  for (const item of finished.items.slice(0, 20)) {
    const history = (await apiGet(page, `/api/v1/cards/${item.id}/history?pageSize=100`)).body as { items: { action: string; detail?: string }[] };
    expect(history.items.filter((h) => h.action === 'produce' && h.detail?.startsWith(`Batch order ${finished.id}`)), item.id).toHaveLength(1);
  }
}

async function twoSignedInPages(context: BrowserContext, page: Page): Promise<Page> {
  await signIn(page, 'card-production-administrator');
  const second = await context.newPage();
  await second.goto('/');
  await expect(mainNav(second)).toBeVisible();
  return second;
}

for (const mode of ['SharedWorker', 'dedicated workers'] as const) {
  test.describe(`the demo backend with ${mode}`, () => {
    test.beforeEach(async ({ context }) => {
      // Chrome on Android and other browsers without SharedWorker: each tab starts its own worker.
      if (mode === 'dedicated workers') await context.addInitScript(() => Reflect.deleteProperty(window, 'SharedWorker'));
    });

    test('a change made in one page shows in the other without reload; an order resumed by both is worked once', async ({ context, page }) => {
      test.setTimeout(90_000);
      const second = await twoSignedInPages(context, page);
      const started = await runProduction(page, 60);
      expect(started.status).toBe('Running');

      // The second page never loaded Batch Orders: opening it from the navigation asks the backend.
      await mainNav(second).getByRole('link', { name: 'Batch Orders' }).click();
      await expect(main(second).getByRole('row', { name: started.id })).toBeVisible();
      // Both pages reload while it runs: each resumes it, and it is worked once.
      await Promise.all([page.reload(), second.reload()]);
      await expect.poll(async () => (await order(second, started.id)).status, { timeout: 30_000 }).toBe('Finished');
      await expectWorkedOnce(page, await order(page, started.id));
    });

    test('closing every page during a run and opening one later resumes it', async ({ context, page }) => {
      test.setTimeout(90_000);
      await signIn(page, 'card-production-administrator');
      const started = await runProduction(page, 60);
      await page.close();
      const later = await context.newPage();
      await later.goto('/batch-orders');
      await expect(mainNav(later)).toBeVisible();
      await expect.poll(async () => (await order(later, started.id)).status, { timeout: 30_000 }).toBe('Finished');
      await expectWorkedOnce(later, await order(later, started.id));
    });
  });
}
