import { expect, type Locator, type Page } from '@playwright/test';
import { paths } from '../../src/app/paths';
import type { Persona, ViewLabel } from './personas';
import { DEMO_ACCOUNT_PERSONS, EXPECTED_TASKS } from './personas';
import { SMALL_DEMO_PERSONS } from './test';

/**
 * Every view behind a right (ACCESS.md, "Views and the right each needs"): its path, nav label (= h1),
 * the right named when it is refused, and the API endpoint that feeds it. Literal data, not the app's
 * route table.
 */
export interface View {
  label: ViewLabel;
  path: string;
  right: string;
  endpoint: string;
}

export const VIEWS: readonly View[] = [
  { label: 'Extended Search', path: paths.search(), right: 'Extended Search', endpoint: '/api/v1/persons' },
  { label: 'Open Tasks', path: paths.tasks(), right: 'Open Tasks', endpoint: '/api/v1/tasks' },
  { label: 'Batch Orders', path: paths.batchOrders(), right: 'Batch Orders', endpoint: '/api/v1/batch-orders' },
  { label: 'Admin', path: paths.admin(), right: 'Admin', endpoint: '/api/v1/admin/services' },
  { label: 'Roles', path: paths.roles(), right: 'Roles', endpoint: '/api/v1/roles' },
  { label: 'User Administration', path: paths.users(), right: 'User Administration', endpoint: '/api/v1/users' },
  { label: 'Self-Service', path: paths.selfService(), right: 'Self-Service', endpoint: '/api/v1/self-service/me' },
  { label: 'Digital ID', path: paths.digitalId(), right: 'Digital ID', endpoint: '/api/v1/digital-id/overview' },
];

export function view(label: ViewLabel): View {
  return VIEWS.find((v) => v.label === label)!;
}

export const mainNav = (page: Page): Locator => page.getByRole('navigation', { name: 'Main' });
/** The page's main landmark (the outer one, should a view ever nest another). */
export const main = (page: Page): Locator => page.locator('main#main').first();

/** The "N results" status of a paged view (Pager). */
export const resultCount = (page: Page): Locator => main(page).getByRole('navigation', { name: 'Pages' }).getByRole('status');

/** Rows of a React Aria grid that carry data (they have a row header; the empty state has none). */
export const dataRows = (grid: Locator): Locator => grid.getByRole('row').filter({ has: grid.page().getByRole('rowheader') });

/**
 * Waits until the current view shows its h1 and real data from its endpoint: at least one data row of
 * its table, the person's own details on Self-Service, the number tiles on Digital ID, and for Open
 * Tasks exactly what EXPECTED_TASKS says of this persona.
 */
export async function expectViewWithData(page: Page, v: View, who: Persona): Promise<void> {
  const m = main(page);
  await expect(m.getByRole('heading', { level: 1 })).toHaveText(v.label);
  switch (v.label) {
    case 'Extended Search': {
      const grid = m.getByRole('grid', { name: 'Persons' });
      await expect(dataRows(grid).first()).toBeVisible();
      // Every person of the 2,000-person demo organisation (the result grid is virtualised: only the
      // rows in view are in the DOM, so the count shown is what is checked).
      await expect(resultCount(page)).toHaveText(`${(SMALL_DEMO_PERSONS + DEMO_ACCOUNT_PERSONS).toLocaleString('en')} results`);
      break;
    }
    case 'Open Tasks': {
      const expected = EXPECTED_TASKS[who.username];
      if (!expected) throw new Error(`EXPECTED_TASKS has no entry for ${who.username}, who may open Open Tasks`);
      const grid = m.getByRole('grid', { name: 'Open Tasks' });
      if (expected === 'empty') {
        await expect(grid).toContainText('No open tasks.');
        await expect(dataRows(grid)).toHaveCount(0);
      } else {
        await expect(dataRows(grid).first()).toBeVisible();
        await expect(resultCount(page)).toHaveText(`${expected.count} results`);
        const types = await grid.getByRole('rowheader').allInnerTexts();
        expect(types.length).toBeGreaterThan(0);
        for (const type of types) expect(expected.types, `task rows for ${who.username}`).toContain(type.trim());
        await expect(grid).not.toContainText('No open tasks.');
      }
      break;
    }
    case 'Batch Orders': {
      const grid = m.getByRole('grid', { name: 'Batch Orders' });
      await expect(dataRows(grid).first()).toBeVisible();
      await expect(grid.getByRole('rowheader').first()).toHaveText(/^bo-\d{4}$/);
      break;
    }
    case 'Admin': {
      // A plain table: each row carries its own Start/Stop/Restart buttons.
      const table = m.getByRole('table', { name: 'Services' });
      await expect(dataRows(table).first()).toBeVisible();
      await expect(table.getByRole('rowheader', { name: 'Process engine' })).toBeVisible();
      break;
    }
    case 'Roles': {
      const grid = m.getByRole('grid', { name: 'Roles' });
      await expect(dataRows(grid).first()).toBeVisible();
      await expect(grid.getByRole('rowheader').filter({ hasText: /^Registration officer/ })).toBeVisible();
      break;
    }
    case 'User Administration': {
      const grid = m.getByRole('grid', { name: 'User Administration' });
      await expect(dataRows(grid).first()).toBeVisible();
      await expect(grid.getByRole('rowheader').first()).not.toBeEmpty();
      break;
    }
    case 'Self-Service': {
      const details = m.getByRole('region', { name: 'My details' });
      await expect(details).toContainText(who.displayName);
      await expect(dataRows(m.getByRole('grid', { name: 'My cards' })).first()).toBeVisible();
      break;
    }
    case 'Digital ID': {
      await expect(m.getByRole('term').filter({ hasText: 'Registered servers' })).toBeVisible();
      const tiles = m.getByRole('definition');
      await expect(tiles).toHaveCount(2);
      for (const tile of await tiles.all()) await expect(tile).toHaveText(/^\d[\d\s,.\u00a0\u202f]*$/);
      await expect(m.getByRole('table', { name: 'Credentials by state' }).getByRole('rowheader', { name: 'Mobile IDs' })).toBeVisible();
      break;
    }
  }
}

export interface ApiAnswer {
  status: number;
  contentType: string;
  body: unknown;
}

/** A GET from inside the signed-in page, as the app itself would make it (cookies included). */
export async function apiGet(page: Page, endpoint: string): Promise<ApiAnswer> {
  return page.evaluate(async (url) => {
    const res = await fetch(url, { credentials: 'include', headers: { Accept: 'application/json, application/problem+json' } });
    const contentType = res.headers.get('Content-Type') ?? '';
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, contentType, body };
  }, endpoint);
}

/** Records the pathnames of the API requests the page makes, for "was this endpoint called?" checks. */
export function recordApiRequests(page: Page): { paths: string[]; clear: () => void; saw: (endpoint: string) => boolean } {
  const seen: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.startsWith('/api/')) seen.push(url.pathname);
  });
  return {
    paths: seen,
    clear: () => void seen.splice(0, seen.length),
    saw: (endpoint) => seen.includes(endpoint),
  };
}
