import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { paths } from '../src/app/paths';
import { expectNoAxeViolations } from './support/axe';
import { waitForStoredSignIn } from './support/demo';
import { DEMO_PASSWORD, PERSONAS } from './support/personas';
import { expect, test } from './support/test';
import { dataRows, main } from './support/views';

/**
 * The console in Swedish, as a browser set to sv-SE opens it: every view of each family of personas,
 * with no English text of the catalogs left on the page and axe clean; the language picker on the
 * sign-in page and in the header; Swedish dates on an object page; Swedish order in Extended Search.
 * The expected words are read from the catalog files (the console's own loader is not used).
 */
test.use({ locale: 'sv-SE' });

const LOCALES_DIR = join(import.meta.dirname, '..', 'src', 'i18n', 'locales');
const catalog = (locale: string): Record<string, string> =>
  Object.assign({}, ...readdirSync(join(LOCALES_DIR, locale)).map((f) => JSON.parse(readFileSync(join(LOCALES_DIR, locale, f), 'utf8')) as Record<string, string>));
const EN = catalog('en');
const SV = catalog('sv');
const sv = (key: string): string => {
  const text = SV[key];
  if (text === undefined) throw new Error(`no Swedish message ${key}`);
  return text;
};

/**
 * Names that stay as they are in every language: the seed's role names and other product names, and
 * data the backend holds under its own names (connectors named by their administrator, processes
 * named by the server).
 */
const NAMES = [...new Set(PERSONAS.flatMap((p) => p.roles)), 'Active Directory', 'Card printer', 'E-mail (SMTP)', 'Batch order'];

/**
 * English texts that would give a page away as untranslated: messages of two words or more, without
 * arguments, that read differently in Swedish, and every state's and view's name (one word or more).
 */
const ENGLISH_ONLY = [
  ...new Set(
    Object.entries(EN)
      .filter(([key, en]) => !en.includes('{') && SV[key] !== en && (/\S\s+\S/.test(en) || /^(status|nav|right)\./.test(key)))
      .map(([, en]) => en)
      .filter((en) => !NAMES.some((name) => name.includes(en))),
  ),
];
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whole words only: "Admin" is English, "Administration" is not. */
const ENGLISH_PATTERNS = ENGLISH_ONLY.map((en) => ({ en, pattern: new RegExp(`(?<![\\p{L}\\d])${escape(en)}(?![\\p{L}\\d])`, 'u') }));

/** Fails naming each English catalog text that the page shows, or names in an accessible name, title or placeholder. */
async function expectNoEnglish(page: Page, where: string): Promise<void> {
  const shown = await page.evaluate(() => {
    const texts = [document.body.innerText, document.title];
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-description]')) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
        const value = el.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    for (const option of document.querySelectorAll('option')) texts.push(option.textContent ?? '');
    return texts.join('\n');
  });
  expect(
    ENGLISH_PATTERNS.filter(({ pattern }) => pattern.test(shown)).map(({ en }) => en),
    `English on ${where}`,
  ).toEqual([]);
}

async function signInInSwedish(page: Page, username: string): Promise<void> {
  await page.goto(paths.login());
  await expect(page.getByRole('heading', { level: 1, name: sv('login.title') })).toBeVisible();
  await page.getByLabel(sv('login.username'), { exact: true }).fill(username);
  await page.getByLabel(sv('login.password'), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: sv('login.submit'), exact: true }).click();
  await expect(nav(page)).toBeVisible();
  await waitForStoredSignIn(page);
}

const nav = (page: Page): Locator => page.getByRole('navigation', { name: sv('nav.label') });

/** Waits until the view (or tab) has stopped loading: no "Laddar…" left (a grid's loading row included). */
async function settled(page: Page): Promise<void> {
  await expect(main(page).locator('.loading')).toHaveCount(0, { timeout: 10_000 });
  await expect(main(page).getByText(sv('app.loading'), { exact: true })).toHaveCount(0, { timeout: 10_000 });
}

/** Opens a view from the menu and checks it and each of its tabs: Swedish only, axe clean. */
async function tourView(page: Page, navKey: string): Promise<void> {
  const label = sv(navKey);
  await nav(page).getByRole('link', { name: label, exact: true }).click();
  await expect(main(page).getByRole('heading', { level: 1 })).toHaveText(label);
  await settled(page);
  await expectNoEnglish(page, label);
  await expectNoAxeViolations(page, `${label} (sv)`);
  const tabs = main(page).getByRole('tab');
  const count = await tabs.count();
  for (let i = 1; i < count; i++) {
    const tab = tabs.nth(i);
    const name = (await tab.innerText()).trim();
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await settled(page);
    await expectNoEnglish(page, `${label} › ${name}`);
    await expectNoAxeViolations(page, `${label} › ${name} (sv)`);
  }
}

/** One persona of each family of roles (ACCESS.md), with the views its menu offers. */
const TOURS: [family: string, username: string, views: string[]][] = [
  ['registration officers', 'registration-officer', ['nav.search', 'nav.tasks', 'nav.batchOrders', 'nav.admin']],
  ['approvers and card production', 'multi-role', ['nav.search', 'nav.tasks', 'nav.batchOrders']],
  ['helpdesk', 'helpdesk', ['nav.search', 'nav.tasks']],
  ['administrators', 'bootstrap-administrator', ['nav.admin', 'nav.roles', 'nav.users']],
  ['self-service', 'self-service-user', ['nav.selfService']],
  ['self-service credentials', 'virtual-smart-card-user', ['nav.selfService']],
  ['Digital ID', 'server-administrator', ['nav.digitalId']],
  ['Digital ID users', 'mobile-id-administrator', ['nav.digitalId']],
];

test.describe('the console in Swedish', () => {
  test('the sign-in page: Swedish, <html lang="sv-SE">, personas described in Swedish, axe clean @demo', async ({ page }) => {
    await page.goto(paths.login());
    await expect(page.getByRole('heading', { level: 1, name: sv('login.title') })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv-SE');
    await expect(page.getByText(sv('roleDesc.BaseRoleOfficer'), { exact: false }).first()).toBeVisible();
    await expectNoEnglish(page, 'the sign-in page');
    await expectNoAxeViolations(page, 'the sign-in page (sv)');
  });

  for (const [family, username, views] of TOURS) {
    test(`a tour of the views of ${family} (${username}) @demo`, async ({ page }) => {
      test.setTimeout(90_000);
      await signInInSwedish(page, username);
      await expectNoEnglish(page, 'Start');
      for (const key of views) await tourView(page, key);
    });
  }

  test('switching language on the sign-in page keeps what is typed and re-words the errors', async ({ page }) => {
    await page.goto(paths.login());
    await page.getByLabel(sv('login.username'), { exact: true }).fill('registration-officer');
    await page.getByRole('button', { name: sv('login.submit'), exact: true }).click();
    await expect(page.getByText(sv('login.passwordRequired'))).toBeVisible();

    await page.getByLabel(sv('language.label'), { exact: true }).selectOption('en');
    await expect(page.getByRole('heading', { level: 1, name: EN['login.title'] })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByLabel(EN['login.username']!, { exact: true })).toHaveValue('registration-officer');
    await expect(page.getByText(EN['login.passwordRequired']!)).toBeVisible();
    await expect(page.getByText(sv('login.passwordRequired'))).toHaveCount(0);

    await page.getByLabel(EN['language.label']!, { exact: true }).selectOption('sv');
    await expect(page.getByRole('heading', { level: 1, name: sv('login.title') })).toBeVisible();
    await expect(page.getByLabel(sv('login.username'), { exact: true })).toHaveValue('registration-officer');
  });

  test('switching language in the header keeps what is typed, and the choice is remembered over a reload', async ({ page }) => {
    await signInInSwedish(page, 'registration-officer');
    await nav(page).getByRole('link', { name: sv('nav.search'), exact: true }).click();
    await settled(page);
    const query = main(page).getByRole('search').getByRole('searchbox').or(main(page).getByRole('search').getByRole('textbox')).first();
    await query.fill('berg');

    await page.getByRole('banner').getByLabel(sv('language.label'), { exact: true }).selectOption('en');
    await expect(page.getByRole('navigation', { name: EN['nav.label'] }).getByRole('link', { name: EN['nav.search'], exact: true })).toBeVisible();
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText(EN['nav.search']!);
    await expect(query).toHaveValue('berg');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    // The browser still says sv-SE; the person's choice wins.
    await page.reload();
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText(EN['nav.search']!);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test('dates on an object page are Swedish', async ({ page }) => {
    await signInInSwedish(page, 'registration-officer');
    const card = await page.evaluate(async () => {
      const res = await fetch('/api/v1/cards?pageSize=1&sort=validTo:asc');
      const body = (await res.json()) as { items: { id: string; validTo: string }[] };
      return body.items[0]!;
    });
    await page.goto(paths.object('cards', card.id));
    await settled(page);
    const swedish = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeZone: 'Europe/Stockholm' }).format(new Date(card.validTo));
    const english = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'Europe/Stockholm' }).format(new Date(card.validTo));
    await expect(main(page)).toContainText(swedish);
    await expect(main(page)).not.toContainText(english);
    // Times name their zone, and months are Swedish throughout the page.
    await expect(main(page)).toContainText(/\d{1,2} (jan\.|feb\.|mars|apr\.|maj|juni|juli|aug\.|sep\.|okt\.|nov\.|dec\.) \d{4} \d{2}:\d{2} CES?T/);
    await expect(main(page)).not.toContainText(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}/);
    await expectNoEnglish(page, 'a card');
  });

  test('Extended Search sorts names in Swedish order: Å, Ä and Ö after Z', async ({ page }) => {
    await signInInSwedish(page, 'registration-officer');
    await page.goto(`${paths.search()}?in=persons&sort=lastName:desc`);
    const grid = main(page).getByRole('grid').first();
    const firstName = () => dataRows(grid).first().getByRole('rowheader').innerText();
    await expect(dataRows(grid).first()).toBeVisible();
    // Descending: in Swedish the Ö names come first.
    await expect.poll(firstName).toMatch(/^Ö/);

    // In English, Ö sorts as O: the list starts elsewhere, with the same data.
    await page.getByRole('banner').getByLabel(sv('language.label'), { exact: true }).selectOption('en');
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText(EN['nav.search']!);
    await expect.poll(firstName).toMatch(/^[A-Z]/);
  });

  test('a refusal of the server reads in Swedish: the console’s words for its code', async ({ page }) => {
    await signInInSwedish(page, 'registration-officer');
    // The server writes English (Content-Language: en); the console shows its own text for the code.
    const answer = await page.evaluate(async () => {
      const res = await fetch('/api/v1/cards?pageSize=500');
      return { status: res.status, language: res.headers.get('Content-Language'), body: (await res.json()) as { code?: string } };
    });
    expect(answer).toMatchObject({ status: 422, language: 'en', body: { code: 'invalid-query' } });
    await page.goto(`${paths.search()}?in=cards&sort=nothing:asc`);
    await expect(main(page).getByText(sv('problem.invalid-query'))).toBeVisible();
    await expectNoEnglish(page, 'a refused search');
  });
});
