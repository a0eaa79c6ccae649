import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { paths } from '../src/app/paths';
import { signIn, signOut } from './support/auth';
import { waitForStoredSignIn } from './support/demo';
import { arrowDownToRow, historyGrid, historyRow, objectStatus, tabTo } from './support/search';
import { apiGet, dataRows, main, mainNav, resultCount } from './support/views';

/**
 * Batch Orders: the list, the new-order steps (type → objects → review → start) and the order page
 * (progress, failed items, repeat, complete), for the personas that may and may not use them.
 *
 * The expectations are derived from the deterministic demo seed (mocks/db/seed.ts, DEMO_SEED) and the
 * batch rules (mocks/domain/batch.ts), not read off the screen:
 * - the seed has 12 past orders (bo-0001 … bo-0012), so a test's first new order is bo-0013;
 * - with 2,000 generated persons, 85 cards are Approved. A production fails when
 *   hash(`${cardId}#${attempt}`) % 100 < 3 (about 3%): on the first attempt exactly 4 of the 85 fail
 *   (card-000049, card-001259, card-001559, card-001628, all "The card printer reported a feed
 *   error."), on the second attempt none of those 4 fails, so Repeat production ends with 85 produced;
 * - the first Approved card by number, NV00400024 (card-000024), is produced on the first attempt;
 * - among the Active "Kowalski" persons (21, sorted Andreas, Anna, Claire, …), Anna (p-001448) has
 *   only an Active card, so she may get a new card request, while Sanne (p-000972) has card
 *   NV00400929 in state Requested, so a Request multiple cards order skips her with the reason
 *   "Already has card NV00400929 (Requested).";
 * - with 11,000 generated persons, 9,390 persons are Active (the reload test's order, which runs for
 *   several seconds in 50-item chunks).
 */
// Twelve past orders of the default tenant and one of Nordvik Labs come first.
const FIRST_NEW_ORDER = 'bo-0014';
const APPROVED_CARDS = 85;
const FAILING_FIRST_TIME = ['NV00400049', 'NV00401259', 'NV00401559', 'NV00401628'];
const FEED_ERROR = 'The card printer reported a feed error.';
const PRODUCED = { id: 'card-000024', number: 'NV00400024' };
const REPEATED = { id: 'card-000049', number: 'NV00400049' };
const PRODUCER = 'Sofia Åberg';
const ANNA = { row: 'Kowalski, Anna', name: 'Anna Kowalski' };
const CLAIRE = { row: 'Kowalski, Claire' };
const SANNE = { row: 'Kowalski, Sanne', name: 'Sanne Kowalski', skip: 'Already has card NV00400929 (Requested).' };
const ACTIVE_PERSONS_11K = 9_390;

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations
    .map((v) => `${v.id} [${v.impact ?? 'n/a'}]: ${v.help}\n${v.nodes.map((n) => `    at ${n.target.join(' >> ')}`).join('\n')}`)
    .join('\n');
  expect(results.violations, `axe violations on ${what}:\n${report}`).toEqual([]);
}

// ── What a person sees ───────────────────────────────────────────────────────────────────────────
const h1 = (page: Page) => main(page).getByRole('heading', { level: 1 });
const stepHeading = (page: Page) => main(page).getByRole('heading', { level: 2, name: /^Step \d of 3:/ });
const typeRadios = (page: Page) => main(page).getByRole('group', { name: 'What should the order do?' }).getByRole('radio');
const button = (page: Page, name: string | RegExp) => main(page).getByRole('button', { name, exact: typeof name === 'string' });
const criteria = (page: Page) => main(page).getByRole('search', { name: 'Criteria' });
const objectsGrid = (page: Page, name: 'Cards' | 'Persons') => main(page).getByRole('grid', { name, exact: true });
const ordersGrid = (page: Page) => main(page).getByRole('grid', { name: 'Batch Orders', exact: true });
const outcome = (page: Page) => main(page).locator('.bo-outcome');
const progressBar = (page: Page) => main(page).getByRole('progressbar', { name: 'Progress' });
const progressText = (page: Page) => main(page).locator('.bo-progress-text');
const failedGrid = (page: Page) => main(page).getByRole('grid', { name: 'Failed items', exact: true });
const skippedGrid = (page: Page) => main(page).getByRole('grid', { name: 'Skipped items', exact: true });
const actions = (page: Page) => main(page).getByRole('complementary', { name: 'What do you want to do?' });
const dialog = (page: Page, name: string) => page.getByRole('alertdialog', { name, exact: true });
const rowOf = (grid: Locator, text: string) => dataRows(grid).filter({ hasText: text });
/** The selection of the objects step ("2 selected", "All 85 cards matching the criteria are selected."). */
const selection = (page: Page) => main(page).getByRole('group', { name: /^Step 2 of 3/ }).getByRole('status').filter({ hasText: /selected/ });
/** A fact of the review (Order type, Objects). */
const fact = (page: Page, term: string) =>
  main(page).locator('.fact').filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) }).getByRole('definition');
/** Ticks a row as a person does: a click on its checkbox (the first cell). */
const tick = async (grid: Locator, text: string) => {
  await rowOf(grid, text).getByRole('gridcell').first().click();
  await expect(rowOf(grid, text).getByRole('checkbox')).toBeChecked();
};
const accessDenied = 'This view needs the right “Batch Orders”, and none of your roles grants it.';


async function openBatchOrders(page: Page) {
  await mainNav(page).getByRole('link', { name: 'Batch Orders', exact: true }).click();
  await expect(h1(page)).toHaveText('Batch Orders');
  await expect(dataRows(ordersGrid(page)).first()).toBeVisible();
}

async function startNewOrder(page: Page) {
  await main(page).getByRole('link', { name: 'New batch order', exact: true }).click();
  await expect(page).toHaveURL('/batch-orders/new');
  await expect(stepHeading(page)).toHaveText('Step 1 of 3: Order type');
}

/** The order types offered, in order. */
const offeredTypes = async (page: Page) => (await typeRadios(page).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).labels?.[0]?.textContent ?? ''))) as string[];

/** POSTs an order from inside the page, as another client would (the answer's status and body). */
function postOrder(page: Page, body: unknown, key: string) {
  return page.evaluate(
    async ({ body, key }) => {
      const res = await fetch('/api/v1/batch-orders', {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'prime-console', 'Idempotency-Key': key, Accept: 'application/json, application/problem+json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    { body, key },
  );
}

test.describe('Batch Orders', () => {
  test('card production administrator produces all Approved cards, repeats the failed ones and completes the order', async ({ page }) => {
    // Sign-in twice, five axe scans and two runs: more than the default budget on a busy machine.
    test.setTimeout(120_000);
    await signIn(page, 'card-production-administrator');
    await openBatchOrders(page);
    await expect(resultCount(page)).toHaveText('12 results');
    await expectNoAxeViolations(page, 'the Batch Orders list');

    await startNewOrder(page);
    // The persona's only batch permission is card:produce: one type, already chosen.
    expect(await offeredTypes(page)).toEqual(['Produce cards']);
    await expect(typeRadios(page).first()).toBeChecked();
    await button(page, 'Next: choose objects').click();

    await expect(stepHeading(page)).toHaveText('Step 2 of 3: Objects');
    await expect(criteria(page).getByRole('combobox', { name: 'Status' })).toHaveValue('Approved');
    await expect(resultCount(page)).toHaveText(`${APPROVED_CARDS} results`);
    await expect(dataRows(objectsGrid(page, 'Cards')).first()).toBeVisible();
    // Nothing chosen yet: the step says so and stays.
    await button(page, 'Next: review').click();
    await expect(main(page).getByRole('alert')).toHaveText('Choose at least one object: tick it in the table, or select all matching.');
    await expect(stepHeading(page)).toHaveText('Step 2 of 3: Objects');
    await button(page, `Select all ${APPROVED_CARDS} matching`).click();
    await expect(selection(page)).toHaveText(`All ${APPROVED_CARDS} cards matching the criteria are selected.`);
    await expect(main(page).getByRole('alert')).toHaveCount(0);
    await button(page, 'Next: review').click();

    await expect(stepHeading(page)).toHaveText('Step 3 of 3: Review and start');
    await expect(fact(page, 'Objects')).toHaveText(`${APPROVED_CARDS} cards — all matching: status Approved`);
    await expect(main(page).getByText('None of the chosen objects is known to be skipped.')).toBeVisible();
    await expect(main(page).getByText(/^Only Approved and Failed cards are produced/)).toBeVisible();
    await button(page, 'Start production').click();

    // The order page: it ran (in 50-card chunks) and finished with the printer's failures, each explained.
    await expect(page).toHaveURL(`/batch-orders/${FIRST_NEW_ORDER}`);
    await expect(h1(page)).toHaveText(`Batch order ${FIRST_NEW_ORDER}`);
    await expect(progressBar(page)).toBeVisible();
    await expect(outcome(page)).toHaveText('Finished: 81 succeeded, 4 failed, 0 skipped. Repeat the failed ones, or complete the order.');
    await expect(progressText(page)).toHaveText(`${APPROVED_CARDS} of ${APPROVED_CARDS} · 4 failed`);
    await expect(progressBar(page)).toHaveAttribute('value', String(APPROVED_CARDS));
    await expect(progressBar(page)).toHaveAttribute('max', String(APPROVED_CARDS));
    await expect(dataRows(failedGrid(page))).toHaveCount(FAILING_FIRST_TIME.length);
    for (const number of FAILING_FIRST_TIME) {
      await expect(rowOf(failedGrid(page), number)).toContainText(FEED_ERROR);
    }
    await expect(main(page).getByRole('heading', { name: 'Failed items (4)' })).toBeVisible();
    await expect(actions(page).getByRole('button')).toHaveText(['Repeat production', 'Complete order']);
    await expectNoAxeViolations(page, 'the order page with failed items');

    // Repeat production: confirmed, then only the 4 failed ones run again, and this time succeed.
    await actions(page).getByRole('button', { name: 'Repeat production' }).click();
    const repeat = dialog(page, `Repeat production ${FIRST_NEW_ORDER}?`);
    await expect(repeat).toContainText('The 4 failed items are produced again. The others stay as they are.');
    await expectNoAxeViolations(page, 'the Repeat production confirmation');
    await repeat.getByRole('button', { name: 'Repeat production' }).click();
    await expect(repeat).toHaveCount(0);
    await expect(outcome(page)).toHaveText(`Finished: ${APPROVED_CARDS} succeeded, 0 failed, 0 skipped. Complete the order to close it.`);
    await expect(failedGrid(page)).toContainText('No failed items.');
    await expect(actions(page).getByRole('button')).toHaveText(['Complete order']);

    // Complete order: confirmed; then nothing is left to do.
    await actions(page).getByRole('button', { name: 'Complete order' }).click();
    const complete = dialog(page, `Complete order ${FIRST_NEW_ORDER}?`);
    await expect(complete).toContainText(`The order is closed with ${APPROVED_CARDS} succeeded, 0 failed and 0 skipped.`);
    await complete.getByRole('button', { name: 'Complete order' }).click();
    await expect(outcome(page)).toHaveText(`Completed: ${APPROVED_CARDS} succeeded, 0 failed, 0 skipped.`);
    await expect(actions(page).getByRole('button')).toHaveCount(0);
    await expect(actions(page)).toContainText('There is nothing to do with this order in its current state.');

    // The list shows it, and its state filter lives in the URL.
    await main(page).getByRole('link', { name: 'Batch Orders', exact: true }).click();
    await expect(rowOf(ordersGrid(page), FIRST_NEW_ORDER)).toContainText(`Completed`);
    await expect(rowOf(ordersGrid(page), FIRST_NEW_ORDER)).toContainText(`processed ${APPROVED_CARDS} of ${APPROVED_CARDS}, 0 failed`);
    await main(page).getByRole('combobox', { name: 'Status' }).selectOption('Finished');
    await expect(page).toHaveURL('/batch-orders?status=Finished');
    await expect(rowOf(ordersGrid(page), FIRST_NEW_ORDER)).toHaveCount(0);
    await expect(dataRows(ordersGrid(page)).first()).toContainText('Finished');
    await expect(ordersGrid(page).getByRole('gridcell', { name: /^(Created|Running|Completed|Cancelled)$/ })).toHaveCount(0);

    // A produced card is Issued, and its history names the producer; a repeated one shows both tries.
    await signOut(page);
    await signIn(page, 'registration-officer');
    await waitForStoredSignIn(page);
    await page.goto(paths.object('cards', PRODUCED.id));
    await expect(h1(page)).toHaveText(`Card ${PRODUCED.number}`);
    await expect(objectStatus(page)).toHaveText('Issued');
    await expect(dataRows(historyGrid(page)).first()).toBeVisible();
    const produced = historyRow(page, 'produce');
    await expect(produced).toContainText(PRODUCER);
    await expect(produced).toContainText('Approved → Issued');
    await expect(produced).toContainText(`Batch order ${FIRST_NEW_ORDER}`);
    await expect(produced).toContainText('Done');

    await page.goto(paths.object('cards', REPEATED.id));
    await expect(h1(page)).toHaveText(`Card ${REPEATED.number}`);
    await expect(objectStatus(page)).toHaveText('Issued');
    const tries = dataRows(historyGrid(page)).filter({ has: page.getByRole('gridcell', { name: 'produce', exact: true }) });
    await expect(tries).toHaveCount(2);
    await expect(tries.nth(0)).toContainText('Failed → Issued');
    await expect(tries.nth(1)).toContainText('Approved → Failed');
    await expect(tries.nth(1)).toContainText(FEED_ERROR);
    await expect(tries.nth(1)).toContainText('Refused');
  });

  test('a failed request keeps the order and its Idempotency-Key: trying again never makes a second order', async ({ page }) => {
    // Three axe scans of the new-order steps (one with a 50-row table of checkboxes).
    test.setTimeout(120_000);
    await signIn(page, 'card-production-administrator');
    await openBatchOrders(page);
    await startNewOrder(page);
    await expectNoAxeViolations(page, 'new order: order type');
    await button(page, 'Next: choose objects').click();
    await button(page, `Select all ${APPROVED_CARDS} matching`).click();
    await expect(selection(page)).toHaveText(`All ${APPROVED_CARDS} cards matching the criteria are selected.`);
    await expectNoAxeViolations(page, 'new order: objects, all matching selected');
    await button(page, 'Next: review').click();
    await expect(stepHeading(page)).toHaveText('Step 3 of 3: Review and start');
    await expectNoAxeViolations(page, 'new order: review');

    // The first answer is lost on the way back (the order is created, the page hears nothing).
    await page.evaluate(() => {
      const original = window.fetch;
      let lost = false;
      window.fetch = async (input, init) => {
        const res = await original(input, init);
        if (!lost && init?.method === 'POST' && String(input).endsWith('/api/v1/batch-orders')) {
          lost = true;
          throw new TypeError('Failed to fetch');
        }
        return res;
      };
    });
    const keys: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/v1/batch-orders') keys.push(req.headers()['idempotency-key'] ?? '');
    });

    await button(page, 'Start production').click();
    const alert = main(page).getByRole('alert');
    await expect(alert).toContainText('No answer came from the server, so it is not known whether the order was created.');
    await expect(alert).toContainText('Your choices are kept.');
    await expect(stepHeading(page)).toHaveText('Step 3 of 3: Review and start');
    await expect(fact(page, 'Objects')).toHaveText(`${APPROVED_CARDS} cards — all matching: status Approved`);
    await expectNoAxeViolations(page, 'new order: review with a failed request');

    await button(page, 'Try again: Start production').click();
    await expect(page).toHaveURL(`/batch-orders/${FIRST_NEW_ORDER}`);
    await expect(outcome(page)).toHaveText('Finished: 81 succeeded, 4 failed, 0 skipped. Repeat the failed ones, or complete the order.');
    expect(keys).toHaveLength(2);
    expect(keys[0], 'an Idempotency-Key is sent').toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1], 'the retry sends the same key').toBe(keys[0]);
    const list = await apiGet(page, '/api/v1/batch-orders?pageSize=50');
    expect((list.body as { total: number }).total, 'one new order, not two').toBe(13);
  });

  test.describe('a large order', { tag: '@demo' }, () => {
    // 11,000 generated persons: 9,390 Active persons, an order that runs for several seconds.
    test.use({ demoPersons: 11_000 });

    test('shows its progress while it runs, and a reload while it runs continues it', async ({ page }) => {
      test.setTimeout(120_000);
      await signIn(page, 'registration-officer');
      await openBatchOrders(page);
      await startNewOrder(page);
      await main(page).getByRole('radio', { name: 'Reset passwords' }).check();
      await button(page, 'Next: choose objects').click();
      await expect(resultCount(page)).toHaveText(`${ACTIVE_PERSONS_11K.toLocaleString('en')} results`);
      await button(page, `Select all ${ACTIVE_PERSONS_11K.toLocaleString('en')} matching`).click();
      await button(page, 'Next: review').click();
      await expect(fact(page, 'Objects')).toHaveText(
        `${ACTIVE_PERSONS_11K.toLocaleString('en')} persons — all matching: status Active`,
      );
      await button(page, 'Run').click();

      await expect(page).toHaveURL(`/batch-orders/${FIRST_NEW_ORDER}`);
      await expect(outcome(page)).toHaveText('Running: the order goes on in the background, also when you leave this page.');
      // Progress while it runs: the count, the failures and, once a rate is seen, the time left.
      const total = ACTIVE_PERSONS_11K.toLocaleString('en');
      await expect(progressText(page)).toHaveText(new RegExp(`^[\\d,]+ of ${total} · 0 failed · about \\d+ (s|min) left$`), { timeout: 10_000 });
      const before = Number((await progressBar(page).getAttribute('value')) ?? '0');
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThan(ACTIVE_PERSONS_11K);

      await page.reload();
      // The reloaded page finds the order running (or, on a busy machine, already through: the run
      // went on while the page loaded), and it goes on to the end.
      await expect(h1(page)).toHaveText(`Batch order ${FIRST_NEW_ORDER}`, { timeout: 20_000 });
      await expect(main(page).locator('header.identity .badge')).toHaveText(/^(Running|Finished)$/);
      await expect(progressText(page)).toHaveText(new RegExp(`^[\\d,]+ of ${total} · 0 failed`));
      await expect(outcome(page)).toHaveText(`Finished: ${total} succeeded, 0 failed, 0 skipped. Complete the order to close it.`, { timeout: 60_000 });
      await expect(progressText(page)).toHaveText(`${total} of ${total} · 0 failed`);
    });
  });

  test('role-batch-officer gives Helpdesk to a user with an Edit roles order; their own account is skipped with the reason', async ({ page }) => {
    await signIn(page, 'role-batch-officer');
    await openBatchOrders(page);
    await startNewOrder(page);
    // Batch Orders with role:assign: Edit roles is offered (with the Registration officer's types).
    expect(await offeredTypes(page)).toContain('Edit roles');
    await main(page).getByRole('radio', { name: 'Edit roles' }).check();
    await button(page, 'Next: choose objects').click();
    const grid = main(page).getByRole('grid', { name: 'User accounts', exact: true });
    for (const username of ['approver', 'role-batch-officer']) {
      await criteria(page).getByRole('searchbox', { name: 'Username or name' }).fill(username);
      await criteria(page).getByRole('button', { name: 'Search' }).click();
      const row = grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: username, exact: true }) });
      await row.getByRole('gridcell').first().click();
      await expect(row.getByRole('checkbox')).toBeChecked();
    }
    await expect(selection(page)).toHaveText('2 selected');
    await main(page).getByRole('group', { name: 'Roles to add' }).getByRole('checkbox', { name: 'Helpdesk', exact: true }).check();
    await button(page, 'Next: review').click();
    await expect(fact(page, 'Roles to add')).toHaveText('Helpdesk');
    await button(page, 'Run').click();

    await expect(page).toHaveURL(`/batch-orders/${FIRST_NEW_ORDER}`);
    await expect(outcome(page)).toHaveText('Finished: 1 succeeded, 0 failed, 1 skipped. Complete the order to close it.');
    await expect(rowOf(skippedGrid(page), 'role-batch-officer').first()).toContainText('You cannot change your own roles; ask another administrator.');
    const approver = (await apiGet(page, '/api/v1/users?q=approver')).body as { items: { username: string; roles: string[] }[] };
    // In the API a role is named by its technical reference.
    expect(approver.items.find((u) => u.username === 'approver')?.roles).toEqual(['BaseRoleOfficer', 'BaseRoleHelpdeskOfficer']);
  });

  test('registration officer is not offered Produce cards, but creates Request multiple cards', async ({ page }) => {
    await signIn(page, 'registration-officer');
    await openBatchOrders(page);
    await startNewOrder(page);
    // card:request, temporary-card:issue and password:reset; neither card:produce nor role:assign.
    expect(await offeredTypes(page)).toEqual(['Request multiple cards', 'Issue multiple temporary cards', 'Reset passwords']);
    await expect(main(page).getByRole('radio', { name: 'Produce cards' })).toHaveCount(0);
    // Nothing chosen: the step says so.
    await button(page, 'Next: choose objects').click();
    await expect(main(page).getByRole('alert')).toHaveText('Choose an order type.');
    // Not only hidden: the backend refuses the order type too.
    const refused = await postOrder(page, { type: 'produce-cards', query: { status: 'Approved' } }, 'e2e-refused-produce');
    expect(refused.status).toBe(403);
    expect(refused.body.missingPermission).toBe('card:produce');
    // …also when it is asked for by address.
    await waitForStoredSignIn(page);
    await page.goto('/batch-orders/new?type=produce-cards');
    await expect(stepHeading(page)).toHaveText('Step 1 of 3: Order type');
    await expect(main(page).getByRole('radio', { name: 'Produce cards' })).toHaveCount(0);

    await main(page).getByRole('radio', { name: 'Request multiple cards' }).check();
    await button(page, 'Next: choose objects').click();
    await expect(criteria(page).getByRole('combobox', { name: 'Status' })).toHaveValue('Active');
    await criteria(page).getByRole('searchbox', { name: 'Name, personal id or e-mail' }).fill('Kowalski');
    await criteria(page).getByRole('button', { name: 'Search' }).click();
    await expect(resultCount(page)).toHaveText('21 results');
    const grid = objectsGrid(page, 'Persons');
    await tick(grid, ANNA.row);
    await tick(grid, SANNE.row);
    await expect(selection(page)).toHaveText('2 selected');
    await button(page, 'Next: review').click();
    await expect(fact(page, 'Objects')).toHaveText('2 persons');
    await expect(main(page).getByText(/^Persons who are not Active, or who already have a card on its way/)).toBeVisible();
    await button(page, 'Run').click();

    await expect(page).toHaveURL(`/batch-orders/${FIRST_NEW_ORDER}`);
    await expect(outcome(page)).toHaveText('Finished: 1 succeeded, 0 failed, 1 skipped. Complete the order to close it.');
    await expect(rowOf(skippedGrid(page), SANNE.name)).toContainText(SANNE.skip);
    await expect(dataRows(skippedGrid(page))).toHaveCount(1);
    await expect(failedGrid(page)).toContainText('No failed items.');
    await expectNoAxeViolations(page, 'the order page with a skipped item');
  });

  test('keyboard only: a registration officer creates and completes a Reset passwords order', async ({ page }) => {
    test.setTimeout(60_000);
    await signIn(page, 'registration-officer');
    await openBatchOrders(page);
    await tabTo(page, main(page).getByRole('link', { name: 'New batch order', exact: true }));
    await page.keyboard.press('Enter');
    await expect(stepHeading(page)).toHaveText('Step 1 of 3: Order type');

    // Radios: Tab into the group, arrows choose.
    await tabTo(page, typeRadios(page).first());
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(main(page).getByRole('radio', { name: 'Reset passwords' })).toBeChecked();
    await tabTo(page, button(page, 'Next: choose objects'));
    await page.keyboard.press('Enter');
    await expect(stepHeading(page)).toHaveText('Step 2 of 3: Objects');
    await expect(stepHeading(page)).toBeFocused();

    await page.keyboard.press('Tab');
    await expect(criteria(page).getByRole('searchbox', { name: 'Name, personal id or e-mail' })).toBeFocused();
    await page.keyboard.type('Kowalski');
    await page.keyboard.press('Enter');
    await expect(resultCount(page)).toHaveText('21 results');

    // The grid: Tab in, arrows move, Space ticks.
    const grid = objectsGrid(page, 'Persons');
    await tabTo(page, grid);
    for (const target of [ANNA.row, CLAIRE.row]) {
      await arrowDownToRow(page, target, 5);
      await page.keyboard.press('Space');
      await expect(rowOf(grid, target)).toHaveAttribute('aria-selected', 'true');
    }
    await expect(selection(page)).toHaveText('2 selected');
    await tabTo(page, button(page, 'Next: review'));
    await page.keyboard.press('Enter');
    await expect(stepHeading(page)).toHaveText('Step 3 of 3: Review and start');
    await expect(stepHeading(page)).toBeFocused();
    await expect(fact(page, 'Objects')).toHaveText('2 persons');

    await tabTo(page, button(page, 'Run'));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/batch-orders/${FIRST_NEW_ORDER}`);
    await expect(h1(page)).toBeFocused();
    await expect(outcome(page)).toHaveText('Finished: 2 succeeded, 0 failed, 0 skipped. Complete the order to close it.');

    await tabTo(page, actions(page).getByRole('button', { name: 'Complete order' }));
    await page.keyboard.press('Enter');
    const complete = dialog(page, `Complete order ${FIRST_NEW_ORDER}?`);
    await expect(complete).toBeVisible();
    await tabTo(page, complete.getByRole('button', { name: 'Complete order' }));
    await page.keyboard.press('Enter');
    await expect(outcome(page)).toHaveText('Completed: 2 succeeded, 0 failed, 0 skipped.');
  });

  test('approver has no Batch Orders: the list, a new order and an order page are refused', async ({ page }) => {
    await signIn(page, 'approver');
    await waitForStoredSignIn(page);
    await expect(mainNav(page).getByRole('link', { name: 'Batch Orders', exact: true })).toHaveCount(0);
    for (const path of ['/batch-orders', '/batch-orders/new', '/batch-orders/bo-0001']) {
      await page.goto(path);
      await expect(h1(page)).toHaveText('Access denied');
      await expect(main(page)).toContainText(accessDenied);
      await expect(main(page).getByRole('grid')).toHaveCount(0);
    }
    const answer = await apiGet(page, '/api/v1/batch-orders/bo-0001');
    expect(answer.status).toBe(403);
  });
});
