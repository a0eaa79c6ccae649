import { expect, type Locator, type Page } from '@playwright/test';
import { dataRows, main, mainNav, resultCount } from './views';

/**
 * Extended Search and its object pages, as a person sees them: the criteria form, the result grid,
 * the object page's sections, its "What do you want to do?" panel and the action dialog.
 */

/** "Search for" options: the label a person picks, and the `in` value it puts in the URL. */
export const SEARCH_TYPES = {
  Persons: 'persons',
  Cards: 'cards',
  'Temporary cards': 'temporary-cards',
  Requests: 'requests',
  Certificates: 'certificates',
  'Mobile IDs': 'mobile-ids',
  'Virtual smart cards': 'virtual-smart-cards',
  'Software tokens': 'software-tokens',
} as const;
export type SearchTypeLabel = keyof typeof SEARCH_TYPES;

/** The label of the free-text field for each type (it changes with "Search for"). */
export const TEXT_LABEL: Record<SearchTypeLabel, string> = {
  Persons: 'Name, personal id or e-mail',
  Cards: 'Card number or holder',
  'Temporary cards': 'Card number or holder',
  Requests: 'Request or holder',
  Certificates: 'Serial number or holder',
  'Mobile IDs': 'Name or holder',
  'Virtual smart cards': 'Name or holder',
  'Software tokens': 'Name or holder',
};

export const searchForm = (page: Page): Locator => main(page).getByRole('search', { name: 'Extended Search' });
export const searchFor = (page: Page): Locator => searchForm(page).getByRole('combobox', { name: 'Search for', exact: true });
export const statusFilter = (page: Page): Locator => searchForm(page).getByRole('combobox', { name: 'Status', exact: true });
export const textField = (page: Page, type: SearchTypeLabel): Locator =>
  searchForm(page).getByRole('searchbox', { name: TEXT_LABEL[type], exact: true });
export const resultGrid = (page: Page, type: SearchTypeLabel): Locator => main(page).getByRole('grid', { name: type, exact: true });

/** Opens Extended Search from the Main navigation (no page load: the demo organisation stays). */
export async function openSearch(page: Page): Promise<void> {
  await mainNav(page).getByRole('link', { name: 'Extended Search', exact: true }).click();
  await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Extended Search');
  await expect(resultCount(page)).toHaveText(/^[\d,]+ results$/);
}

/**
 * Opens Extended Search for one type by its address (`/search?in=cards`), as a link or bookmark does.
 * Tests that are not about switching "Search for" start here: switching it with results on screen is
 * covered (and currently fails) in search.spec.ts, "switching Search for …".
 */
export async function openSearchFor(page: Page, type: SearchTypeLabel): Promise<void> {
  await page.goto(`/search?in=${SEARCH_TYPES[type]}`);
  await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Extended Search');
  await expect(searchFor(page)).toHaveValue(SEARCH_TYPES[type]);
  await expect(resultCount(page)).toHaveText(/^[\d,]+ results$/);
}

/** The URL's query as a plain object. */
export const urlQuery = (page: Page): Record<string, string> => Object.fromEntries(new URL(page.url()).searchParams);

/**
 * Fills the criteria a person would (the type only when it is not already chosen), then presses
 * Search and waits for the result grid. Each criterion is given the time a person takes between two
 * fields: the next one is set once the page has rendered the previous one (its control shows it and
 * the URL holds it). The page writes a criterion into the URL from its last render, so a second change
 * before that render overwrites the first (see the report of e2e/search.spec.ts).
 */
export async function search(
  page: Page,
  criteria: { type?: SearchTypeLabel; text?: string; status?: string },
): Promise<void> {
  const type = criteria.type ?? 'Persons';
  const expected: Record<string, string> = {};
  if ((await searchFor(page).inputValue()) !== SEARCH_TYPES[type]) {
    await searchFor(page).selectOption({ label: type });
    await expect(textField(page, type)).toBeVisible();
    expected.in = SEARCH_TYPES[type];
  }
  if (criteria.status) {
    await statusFilter(page).selectOption({ label: criteria.status });
    await expect(statusFilter(page)).toHaveValue(criteria.status);
    expected.status = criteria.status;
  }
  if (criteria.text !== undefined) {
    const field = textField(page, type);
    await field.fill(criteria.text);
    await expect.poll(() => urlQuery(page).q ?? '').toBe(criteria.text.trim());
    await expect(field).toHaveValue(criteria.text);
    if (criteria.text.trim()) expected.q = criteria.text.trim();
  }
  await expect.poll(() => urlQuery(page), { message: 'the URL holds every criterion before Search' }).toMatchObject(expected);
  await searchForm(page).getByRole('button', { name: 'Search', exact: true }).click();
  await expect(resultGrid(page, type)).toBeVisible();
  // The grid mounts with its first rows and the rest follow in a transition (aria-busy meanwhile):
  // a test that moves through the rows waits for all of them.
  await expect(page.locator('main .results[aria-busy]')).toHaveCount(0);
  expect(urlQuery(page), 'the URL after Search').toMatchObject(expected);
}

/** The number in "N results". */
export async function shownCount(page: Page): Promise<number> {
  const text = (await resultCount(page).innerText()).trim();
  const m = /^([\d,]+) results$/.exec(text);
  if (!m) throw new Error(`The result count reads "${text}"`);
  return Number(m[1]!.replace(/,/g, ''));
}

/** The row of a grid that shows `text` (e.g. a personal id or card number). */
export const rowWith = (grid: Locator, text: string): Locator => dataRows(grid).filter({ hasText: text });

/** Text of the grid row that holds the keyboard focus (empty when focus is outside any row). */
export const focusedRowText = (page: Page): Promise<string> =>
  page.evaluate(() => document.activeElement?.closest('[role="row"]')?.textContent ?? '');

/**
 * Presses ArrowDown until the focused row of the grid contains `text`. Focus must already be in the
 * grid. The grid is virtualised, so rows beyond the view come into the DOM as focus moves.
 */
export async function arrowDownToRow(page: Page, text: string, max = 120): Promise<number> {
  for (let presses = 0; presses <= max; presses++) {
    if ((await focusedRowText(page)).includes(text)) return presses;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`ArrowDown did not reach a row with "${text}" within ${max} presses`);
}

/** Presses Tab until the target has focus; fails if it takes more than `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 40): Promise<number> {
  for (let presses = 0; presses <= max; presses++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false)) {
      return presses;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab did not reach ${target} within ${max} presses`);
}

// ── Object pages ─────────────────────────────────────────────────────────────────────────────────

export const objectTitle = (page: Page): Locator => main(page).getByRole('heading', { level: 1 });
/** The status badge beside the object's h1. */
export const objectStatus = (page: Page): Locator => main(page).locator('header.identity .badge');
export const actionPanel = (page: Page): Locator => main(page).getByRole('complementary', { name: 'What do you want to do?' });
export const actionButtons = (page: Page): Locator => actionPanel(page).getByRole('button');
export const relatedGrid = (page: Page, section: string): Locator => main(page).getByRole('grid', { name: section, exact: true });
export const historyGrid = (page: Page): Locator => relatedGrid(page, 'History');
export const actionDialog = (page: Page, action: string): Locator => page.getByRole('alertdialog', { name: action, exact: true });
export const toast = (page: Page, action: string): Locator => page.getByText(`${action}: done.`, { exact: true });

/** Waits for an object page: h1, status badge, and its history loaded. */
export async function expectObjectPage(page: Page, title: string, status: string): Promise<void> {
  await expect(objectTitle(page)).toHaveText(title);
  await expect(objectStatus(page)).toHaveText(status);
  await expect(dataRows(historyGrid(page)).first()).toBeVisible();
}

/**
 * The History row of an action: Who, What, Change, Reason, Outcome (When is its row header).
 * Rows are newest first; the first row with this action is the latest.
 */
export const historyRow = (page: Page, what: string): Locator =>
  dataRows(historyGrid(page)).filter({ has: page.getByRole('gridcell', { name: what, exact: true }) }).first();

/** What the backend says this person may do on the object now (the panel must show exactly these). */
export async function allowedActions(page: Page, type: string, id: string): Promise<string[]> {
  return page.evaluate(async (url) => {
    const res = await fetch(url, { credentials: 'include', headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
    return ((await res.json()) as { allowedActions: string[] }).allowedActions;
  }, `/api/v1/${type}/${encodeURIComponent(id)}`);
}

/** Runs an action through the API from inside the page (its own in-page backend), as another client would. */
export async function postAction(
  page: Page,
  type: string,
  id: string,
  action: string,
  ifMatch: string | null,
  body: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  return page.evaluate(
    async ({ url, ifMatch, body }) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Requested-With': 'prime-console', Accept: 'application/json, application/problem+json' };
      if (ifMatch !== null) headers['If-Match'] = ifMatch;
      const res = await fetch(url, { method: 'POST', credentials: 'include', headers, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    { url: `/api/v1/${type}/${encodeURIComponent(id)}/actions/${action}`, ifMatch, body },
  );
}
