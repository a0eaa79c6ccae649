import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { expect, test } from './support/test';
import { paths } from '../src/app/paths';
import { expectLoginPage, signIn } from './support/auth';
import { DEMO } from './support/demoData';
import { persona, type ViewLabel } from './support/personas';
import {
  actionDialog,
  actionPanel,
  arrowDownToRow,
  expectObjectPage,
  historyRow,
  objectStatus,
  openSearchFor,
  postAction,
  relatedGrid,
  resultGrid,
  SEARCH_TYPES,
  tabTo,
  textField,
  type SearchTypeLabel,
} from './support/search';
import { dataRows, expectViewWithData, main, mainNav, resultCount, view } from './support/views';

test.describe('accessibility (axe, WCAG 2.2 AA)', () => {
  test('login page', async ({ page }) => {
    await page.goto(paths.login());
    await expectLoginPage(page);
    await expect(page.getByRole('heading', { name: 'Demo personas' })).toBeVisible();
    await expectNoAxeViolations(page, 'the login page');
  });

  test('login page with field and form errors', async ({ page }) => {
    await page.goto(paths.login());
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByText('Enter your password.')).toBeVisible();
    await expectNoAxeViolations(page, 'the login page with field errors');
    await page.getByLabel('Username', { exact: true }).fill('nobody');
    await page.getByLabel('Password', { exact: true }).fill('wrong');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('The username or password is not correct.');
    await expectNoAxeViolations(page, 'the login page with a sign-in error');
  });

  test('Start', async ({ page }) => {
    await signIn(page, 'registration-officer');
    await expect(main(page).getByRole('heading', { level: 2, name: 'What do you want to do?' })).toBeVisible();
    await expect(main(page).getByRole('link', { name: /Extended Search/ })).toBeVisible();
    await expectNoAxeViolations(page, 'Start');
  });

  const VIEW_PERSONAS: [ViewLabel, string][] = [
    ['Extended Search', 'registration-officer'],
    ['Open Tasks', 'registration-officer'],
    ['Batch Orders', 'registration-officer'],
    ['Admin', 'registration-officer'],
    ['Roles', 'user-administrator'],
    ['User Administration', 'user-administrator'],
    ['Self-Service', 'self-service-user'],
    ['Digital ID', 'mobile-id-administrator'],
  ];
  for (const [label, username] of VIEW_PERSONAS) {
    test(`${label} (as ${username})`, async ({ page }) => {
      const v = view(label);
      await signIn(page, username);
      await mainNav(page).getByRole('link', { name: label, exact: true }).click();
      await expect(page).toHaveURL(v.path);
      // Wait for the view to settle (a view that fails to render is still scanned as it is shown).
      await expect(main(page).getByRole('heading', { level: 1 })).not.toHaveText('');
      await expect(page.getByRole('status').filter({ hasText: 'Loading…' })).toHaveCount(0);
      await expectNoAxeViolations(page, `${label} as ${username}`);
      await expectViewWithData(page, v, persona(username));
    });
  }

  test('Access denied', async ({ page }) => {
    await signIn(page, 'self-service-user');
    await page.goto(paths.admin());
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Access denied');
    await expectNoAxeViolations(page, 'Access denied');
  });

  test('Page not found', async ({ page }) => {
    await signIn(page, 'self-service-user');
    await page.goto('/nope');
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expectNoAxeViolations(page, 'Page not found');
  });

  test('Something went wrong: a view whose code fails to load', async ({ page, context, consoleGuard }) => {
    // The Admin view's code cannot be fetched (as after a deployment replaced the chunks).
    consoleGuard.allow(/Failed to load resource: net::ERR_FAILED|dynamically imported module|error during render|\[[0-9a-f]{8}\]/);
    await context.route(/\/assets\/AdminPage-[^/]+\.js$/, (route) => route.abort('failed'));
    await signIn(page, 'service-administrator');
    await mainNav(page).getByRole('link', { name: 'Admin', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Something went wrong');
    await expect(page.getByText(/^Reference: [0-9a-f]{8}$/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to Start' })).toBeVisible();
    await expect(page.getByText(/AdminPage|at \S+\.js|TypeError/)).toHaveCount(0); // no stack trace
    await expectNoAxeViolations(page, 'the error page inside the shell');
    // One main landmark, one element with id="main" (the skip link's target), whatever the view did.
    await expect(page.getByRole('main'), 'main landmarks on the error page inside the shell').toHaveCount(1);
    await expect(page.locator('[id="main"]'), 'elements with id="main" on the error page inside the shell').toHaveCount(1);
  });

  // Extended Search with results, one type at a time (each has its own criteria and columns).
  for (const type of Object.keys(SEARCH_TYPES) as SearchTypeLabel[]) {
    test(`Extended Search with results: ${type}`, async ({ page }) => {
      await signIn(page, 'registration-officer');
      await openSearchFor(page, type);
      await expect(resultCount(page)).toHaveText(`${DEMO.totals[type].toLocaleString('en')} results`);
      await expect(dataRows(resultGrid(page, type)).first()).toBeVisible();
      await expectNoAxeViolations(page, `Extended Search with ${type} results`);
    });
  }

  test('Extended Search with a text search and a status filter (Persons)', async ({ page }) => {
    await signIn(page, 'registration-officer');
    await page.goto(`/search?q=${DEMO.surname.text}&status=Active`);
    await expect(textField(page, 'Persons')).toHaveValue(DEMO.surname.text);
    await expect(dataRows(resultGrid(page, 'Persons')).first()).toBeVisible();
    await expectNoAxeViolations(page, 'Extended Search with criteria');
  });

  test('object page: a person', async ({ page }) => {
    const target = DEMO.officerTarget;
    await signIn(page, 'registration-officer');
    await page.goto(paths.object('persons', target.id));
    await expectObjectPage(page, target.name, 'Active');
    await expect(dataRows(relatedGrid(page, 'Cards'))).toHaveCount(1);
    await expectNoAxeViolations(page, `the person page of ${target.name}`);
  });

  test('object page: a card', async ({ page }) => {
    const card = DEMO.officerTarget.card;
    await signIn(page, 'registration-officer');
    await page.goto(paths.object('cards', card.id));
    await expectObjectPage(page, `Card ${card.number}`, 'Active');
    await expect(dataRows(relatedGrid(page, 'Certificates'))).toHaveCount(card.certificates);
    await expectNoAxeViolations(page, `the page of card ${card.number}`);
  });

  test('action dialog: open, with the missing reason, and stale', async ({ page }) => {
    const card = DEMO.officerTarget.card;
    await signIn(page, 'registration-officer');
    await page.goto(paths.object('cards', card.id));
    await expectObjectPage(page, `Card ${card.number}`, 'Active');

    await actionPanel(page).getByRole('button', { name: 'Lock card', exact: true }).click();
    const lock = actionDialog(page, 'Lock card');
    await expect(lock.getByRole('heading', { name: 'What will happen' })).toBeVisible();
    await expectNoAxeViolations(page, 'the Lock card dialog');
    await lock.getByRole('button', { name: 'Confirm: Lock card' }).click();
    await expect(lock.getByText('Choose a reason.', { exact: true })).toBeVisible();
    await expectNoAxeViolations(page, 'the Lock card dialog with "Choose a reason."');
    await lock.getByRole('button', { name: 'Cancel' }).click();
    await expect(lock).toHaveCount(0);

    // Changed meanwhile (through the API, in this page's backend): the stale message and its reload button.
    expect((await postAction(page, 'cards', card.id, 'lock', '"1"', { reason: 'Stolen' })).status).toBe(200);
    await actionPanel(page).getByRole('button', { name: 'Deactivate card', exact: true }).click();
    const deactivate = actionDialog(page, 'Deactivate card');
    await deactivate.getByRole('combobox', { name: 'Reason' }).selectOption('Temporary leave');
    await deactivate.getByRole('button', { name: 'Confirm: Deactivate card' }).click();
    await expect(deactivate.getByRole('button', { name: 'Reload the object' })).toBeVisible();
    await expectNoAxeViolations(page, 'the Deactivate card dialog with the stale message');
  });

  test('Reset demo data dialog', async ({ page }) => {
    await signIn(page, 'self-service-user');
    await page.getByRole('button', { name: 'Reset demo data' }).click();
    await expect(page.getByRole('alertdialog', { name: 'Reset demo data?' })).toBeVisible();
    await expectNoAxeViolations(page, 'the Reset demo data dialog');
  });
});

test.describe('keyboard', () => {
  test('sign in and open Extended Search with the keyboard only', async ({ page }) => {
    await page.goto(paths.login());
    const username = page.getByLabel('Username', { exact: true });
    const password = page.getByLabel('Password', { exact: true });
    await expect(username).toBeVisible();
    // Start from the page heading (as after reading it), not from the field's autofocus.
    await page.getByRole('heading', { level: 1, name: 'Sign in to PRIME Console' }).click();
    await expect(username).not.toBeFocused();

    await tabTo(page, username, 3);
    await page.keyboard.type('registration-officer');
    await page.keyboard.press('Tab');
    await expect(password).toBeFocused();
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    await expect(mainNav(page)).toBeVisible();
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Start');

    const search = mainNav(page).getByRole('link', { name: 'Extended Search', exact: true });
    // From wherever focus is after sign-in, Tab reaches the Main navigation, Start first.
    await tabTo(page, mainNav(page).getByRole('link', { name: 'Start', exact: true }), 10);
    await page.keyboard.press('Tab');
    await expect(search).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(paths.search());
    await expectViewWithData(page, view('Extended Search'), persona('registration-officer'));
  });
});

test.describe('keyboard only: lock a card', () => {
  /** Whatever has focus: its role and name, for messages and checks. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'body';
      return `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''} "${(el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '').trim().slice(0, 60)}"`;
    });

  test('from sign-in to a locked card with Tab, arrows, Enter and Space only', async ({ page }) => {
    const officer = persona('registration-officer');
    const target = DEMO.officerTarget;
    // No mouse from here on: a click would be a mistake of the test.
    await page.goto(paths.login());
    const username = page.getByLabel('Username', { exact: true });
    await expect(username).toBeVisible();
    await tabTo(page, username, 5);
    await page.keyboard.type(officer.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    await expect(mainNav(page)).toBeVisible();

    // Extended Search from the Main navigation.
    await tabTo(page, mainNav(page).getByRole('link', { name: 'Extended Search', exact: true }), 15);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(paths.search());
    await expect(resultCount(page)).toHaveText(`${DEMO.totals.Persons.toLocaleString('en')} results`);

    // Type the surname and submit with Enter.
    const text = textField(page, 'Persons');
    await tabTo(page, text, 10);
    await page.keyboard.type(DEMO.surname.text);
    await expect(text, 'every typed character stays in the field').toHaveValue(DEMO.surname.text);
    await page.keyboard.press('Enter');
    await expect(resultCount(page)).toHaveText(`${DEMO.surname.count} results`);

    // Into the grid, down to the person, Enter.
    const grid = resultGrid(page, 'Persons');
    await tabTo(page, grid, 15);
    await arrowDownToRow(page, target.personalId, DEMO.surname.count);
    await page.keyboard.press('Enter');
    await expectObjectPage(page, target.name, 'Active');

    // The Cards section: Tab into its grid (one card), Enter opens it.
    const cards = relatedGrid(page, 'Cards');
    await tabTo(page, cards, 20);
    await arrowDownToRow(page, target.card.number, 3);
    await page.keyboard.press('Enter');
    await expectObjectPage(page, `Card ${target.card.number}`, 'Active');

    // "Lock card" with Space; the dialog takes focus.
    const lockButton = actionPanel(page).getByRole('button', { name: 'Lock card', exact: true });
    await tabTo(page, lockButton, 40);
    await page.keyboard.press('Space');
    const dialog = actionDialog(page, 'Lock card');
    await expect(dialog).toBeVisible();
    await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement)), { message: 'focus moves into the dialog' }).toBe(true);

    // Confirm without a reason: the error; then choose one with the arrow keys and confirm with Enter.
    const confirm = dialog.getByRole('button', { name: 'Confirm: Lock card' });
    await tabTo(page, confirm, 10);
    await page.keyboard.press('Enter');
    await expect(dialog.getByText('Choose a reason.', { exact: true })).toBeVisible();
    const reason = dialog.getByRole('combobox', { name: 'Reason' });
    await tabTo(page, reason, 10);
    await page.keyboard.press('ArrowDown'); // the first reason: Lost
    await expect(reason).toHaveValue('Lost');
    await tabTo(page, confirm, 10);
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);

    await expect(objectStatus(page)).toHaveText('Locked');
    await expect(historyRow(page, 'Lock card').getByRole('gridcell')).toHaveText([officer.displayName, 'Lock card', 'Active → Locked', 'Lost', 'Done']);
    // The dialog's trigger ("Lock card") is gone with the new state; focus must still land somewhere
    // in the page, not on <body> (where the next Tab starts over at the top of the document).
    expect(await focused(page), 'focus after the dialog closed').not.toBe('body');
  });
});
