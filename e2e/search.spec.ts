import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { DEMO_PERSONS_KEY, expect, test } from './support/test';
import { paths } from '../src/app/paths';
import { signIn, submitLogin } from './support/auth';
import { DEMO } from './support/demoData';
import { DEMO_ACCOUNT_PERSONS, persona } from './support/personas';
import {
  actionButtons,
  actionDialog,
  actionPanel,
  allowedActions,
  arrowDownToRow,
  expectObjectPage,
  historyRow,
  objectStatus,
  objectTitle,
  openSearch,
  openSearchFor,
  postAction,
  relatedGrid,
  resultGrid,
  rowWith,
  search,
  SEARCH_TYPES,
  searchFor,
  shownCount,
  statusFilter,
  tabTo,
  TEXT_LABEL,
  textField,
  toast,
  type SearchTypeLabel,
} from './support/search';
import { dataRows, main, mainNav, resultCount } from './support/views';

/** Action names as the console shows them (src/i18n/en.ts), by backend action id. */
const CARD_ACTION: Record<string, string> = {
  activate: 'Activate card',
  deactivate: 'Deactivate card',
  reactivate: 'Reactivate card',
  lock: 'Lock card',
  replace: 'Replace card',
  renew: 'Renew card',
  abort: 'Abort card request',
};
const PERSON_ACTION: Record<string, string> = {
  'request-card': 'Request card',
  'issue-temporary-card': 'Issue temporary card',
  deactivate: 'Deactivate person',
  reactivate: 'Reactivate person',
  lock: 'Lock person',
  'reset-password': 'Reset password',
};

/** The buttons of "What do you want to do?" are exactly what the backend allows, in its order. */
async function expectActionsAsAllowed(page: Page, type: 'cards' | 'persons', id: string, expected: string[]) {
  const allowed = await allowedActions(page, type, id);
  const names = type === 'cards' ? CARD_ACTION : PERSON_ACTION;
  expect(allowed.map((a) => names[a] ?? a), `allowedActions of ${type}/${id}`).toEqual(expected);
  if (expected.length) await expect(actionButtons(page)).toHaveText(expected);
  else {
    await expect(actionPanel(page)).toContainText('There is nothing you can do with this object in its current state.');
    await expect(actionButtons(page)).toHaveCount(0);
  }
}

test.describe('Extended Search', () => {
  test('switching "Search for" with results on screen shows each type\'s criteria, count and grid', async ({ page }) => {
    await signIn(page, 'registration-officer');
    await openSearch(page);
    await expect(resultCount(page)).toHaveText(`${DEMO.totals.Persons.toLocaleString('en')} results`);
    // Every other type in the menu's order, then back to Persons.
    const order = [...(Object.keys(SEARCH_TYPES) as SearchTypeLabel[]).slice(1), 'Persons' as const];
    for (const type of order) {
      await test.step(type, async () => {
        await searchFor(page).selectOption({ label: type });
        await expect(page).toHaveURL(`/search?in=${SEARCH_TYPES[type]}`);
        await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Extended Search');
        await expect(textField(page, type)).toBeVisible();
        await expect(textField(page, type)).toHaveAccessibleName(TEXT_LABEL[type]);
        await expect(resultCount(page)).toHaveText(`${DEMO.totals[type].toLocaleString('en')} results`);
        await expect(dataRows(resultGrid(page, type)).first()).toBeVisible();
      });
    }
  });

  test('typing a surname key by key keeps every character and finds the persons', async ({ page }) => {
    await signIn(page, 'registration-officer');
    await openSearch(page);
    const field = textField(page, 'Persons');
    // The search starts with the keystroke: each term is asked for once, never twice.
    const asked: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname === '/api/v1/persons') asked.push(u.search);
    });
    await field.pressSequentially(DEMO.surname.text);
    await expect(field).toHaveValue(DEMO.surname.text);
    await expect(page).toHaveURL(/[?&]q=Kowalski(&|$)/);
    await expect(resultCount(page)).toHaveText(`${DEMO.surname.count} results`);
    await page.keyboard.press('Enter');
    await expect(field).toHaveValue(DEMO.surname.text);
    await expect(resultCount(page)).toHaveText(`${DEMO.surname.count} results`);
    expect(asked.filter((q) => new URLSearchParams(q).get('q') === DEMO.surname.text)).toHaveLength(1);
    expect(asked.length, asked.join('\n')).toBe(new Set(asked).size);
    // …and asked as the page then shows it: only the term differs from one request to the next.
    const rest = asked.map((q) => {
      const p = new URLSearchParams(q);
      p.delete('q');
      return p.toString();
    });
    expect(new Set(rest).size, asked.join('\n')).toBe(1);
  });

  test('registration officer: finds a person by surname, opens them by keyboard and locks their active card', async ({ page }) => {
    const officer = persona('registration-officer');
    const target = DEMO.officerTarget;
    await signIn(page, officer.username);
    await openSearch(page);

    await search(page, { text: DEMO.surname.text });
    await expect(page).toHaveURL(/\/search\?(.*&)?q=Kowalski(&|$)/);
    await expect(resultCount(page)).toHaveText(`${DEMO.surname.count} results`);
    const grid = resultGrid(page, 'Persons');
    for (const name of await grid.getByRole('rowheader').allInnerTexts()) expect(name).toMatch(/^Kowalski, /);

    // Keyboard: Tab into the grid, arrow down to the person, Enter opens them.
    await tabTo(page, grid, 15);
    await arrowDownToRow(page, target.personalId, DEMO.surname.count);
    await expect(rowWith(grid, target.personalId)).toContainText(target.row);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(paths.object('persons', target.id));
    await expectObjectPage(page, target.name, 'Active');

    // Their Active card, from the Cards section.
    const cards = relatedGrid(page, 'Cards');
    const activeCard = dataRows(cards).filter({ has: page.getByRole('gridcell', { name: 'Active', exact: true }) });
    await expect(activeCard).toHaveCount(1);
    await expect(activeCard.getByRole('rowheader')).toHaveText(target.card.number);
    await activeCard.getByRole('rowheader').click();
    await expect(page).toHaveURL(paths.object('cards', target.card.id));
    await expectObjectPage(page, `Card ${target.card.number}`, 'Active');
    const certificates = relatedGrid(page, 'Certificates');
    await expect(dataRows(certificates)).toHaveCount(target.card.certificates);
    await expect(certificates.getByRole('gridcell', { name: 'Valid', exact: true })).toHaveCount(target.card.certificates);

    // Lock card: what will happen, the reason is required, then done.
    await actionPanel(page).getByRole('button', { name: 'Lock card', exact: true }).click();
    const dialog = actionDialog(page, 'Lock card');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading', { name: 'What will happen' })).toBeVisible();
    await expect(dialog.getByRole('listitem')).toHaveText(['It becomes Locked.', `${target.card.certificates} certificates will be revoked.`]);
    const reason = dialog.getByRole('combobox', { name: 'Reason' });
    await dialog.getByRole('button', { name: 'Confirm: Lock card' }).click();
    await expect(dialog.getByText('Choose a reason.', { exact: true })).toBeVisible();
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    await expect(reason).toHaveAccessibleDescription('Choose a reason.');
    await expect(objectStatus(page)).toHaveText('Active'); // nothing was sent
    await reason.selectOption('Lost');
    await dialog.getByRole('button', { name: 'Confirm: Lock card' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(toast(page, 'Lock card')).toBeVisible();

    await expect(objectStatus(page)).toHaveText('Locked');
    await expect(certificates.getByRole('gridcell', { name: 'Revoked', exact: true })).toHaveCount(target.card.certificates);
    await expect(certificates.getByRole('gridcell', { name: 'Valid', exact: true })).toHaveCount(0);
    await expect(historyRow(page, 'Lock card').getByRole('gridcell')).toHaveText([officer.displayName, 'Lock card', 'Active → Locked', 'Lost', 'Done']);
    await expect(actionPanel(page).getByRole('button', { name: 'Lock card' })).toHaveCount(0);
  });

  test('issuing authority: activates an Issued card, and has no lock (or other) action on an Active card', async ({ page }) => {
    const ia = persona('issuing-authority');
    const issued = DEMO.issuedCards.first;
    await signIn(page, ia.username);
    await openSearchFor(page, 'Cards');

    await search(page, { type: 'Cards', status: 'Issued' });
    await expect(resultCount(page)).toHaveText(`${DEMO.issuedCards.count} results`);
    const grid = resultGrid(page, 'Cards');
    await expect(dataRows(grid).first().getByRole('rowheader')).toHaveText(issued.number);
    await expect(dataRows(grid).first()).toContainText(issued.holder);
    await dataRows(grid).first().getByRole('rowheader').click();
    await expect(page).toHaveURL(paths.object('cards', issued.id));
    await expectObjectPage(page, `Card ${issued.number}`, 'Issued');
    await expectActionsAsAllowed(page, 'cards', issued.id, ['Activate card']);

    await actionButtons(page).getByText('Activate card', { exact: true }).click();
    const dialog = actionDialog(page, 'Activate card');
    await expect(dialog.getByRole('listitem')).toHaveText(['It becomes Active.', `${issued.certificates} certificates become valid.`]);
    await expect(dialog.getByRole('combobox', { name: 'Reason' })).toHaveCount(0); // activation needs no reason
    await dialog.getByRole('button', { name: 'Confirm: Activate card' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(toast(page, 'Activate card')).toBeVisible();
    await expect(objectStatus(page)).toHaveText('Active');
    const certificates = relatedGrid(page, 'Certificates');
    await expect(certificates.getByRole('gridcell', { name: 'Valid', exact: true })).toHaveCount(issued.certificates);
    await expect(historyRow(page, 'Activate card').getByRole('gridcell')).toHaveText([ia.displayName, 'Activate card', 'Issued → Active', '', 'Done']);
    // Now Active: the issuing authority may do nothing more with it (card:activate and card:issue only).
    await expectActionsAsAllowed(page, 'cards', issued.id, []);

    // Another Active card, found by status: no "Lock card", no button at all; the backend refuses a lock.
    const active = DEMO.activeCards.first;
    await main(page).getByRole('list', { name: 'Breadcrumbs' }).getByRole('link', { name: 'Cards', exact: true }).click();
    await expect(page).toHaveURL('/search?in=cards');
    await search(page, { type: 'Cards', status: 'Active' });
    await expect(resultCount(page)).toHaveText(`${(DEMO.activeCards.count + 1).toLocaleString('en')} results`); // + the one just activated
    await rowWith(grid, active.number).getByRole('rowheader').click();
    await expectObjectPage(page, `Card ${active.number}`, 'Active');
    await expect(actionPanel(page).getByRole('button', { name: 'Lock card' })).toHaveCount(0);
    await expectActionsAsAllowed(page, 'cards', active.id, []);
    const refused = await postAction(page, 'cards', active.id, 'lock', '"1"', { reason: 'Lost' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ missingPermission: 'card:lock' });
  });

  test('helpdesk: resets the password of an active person, and History shows it', async ({ page }) => {
    const helpdesk = persona('helpdesk');
    const person = DEMO.activePersons.first;
    await signIn(page, helpdesk.username);
    await openSearch(page);

    await search(page, { status: 'Active' });
    await expect(resultCount(page)).toHaveText(`${DEMO.activePersons.count.toLocaleString('en')} results`);
    const first = dataRows(resultGrid(page, 'Persons')).first();
    await expect(first.getByRole('rowheader')).toHaveText(person.row);
    await first.getByRole('rowheader').click();
    await expect(page).toHaveURL(paths.object('persons', person.id));
    await expectObjectPage(page, person.name, 'Active');
    await expectActionsAsAllowed(page, 'persons', person.id, ['Deactivate person', 'Reset password']);

    await actionPanel(page).getByRole('button', { name: 'Reset password', exact: true }).click();
    const dialog = actionDialog(page, 'Reset password');
    await expect(dialog.getByRole('listitem')).toHaveText(['A new password is sent to the person by e-mail.']);
    await dialog.getByRole('button', { name: 'Confirm: Reset password' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(toast(page, 'Reset password')).toBeVisible();
    await expect(objectStatus(page)).toHaveText('Active');
    await expect(historyRow(page, 'Reset password').getByRole('gridcell')).toHaveText([helpdesk.displayName, 'Reset password', 'Active → Active', '', 'Done']);
  });

  test('the query lives in the URL: reload, Back and a bookmark in a new page restore criteria and results', async ({ page, context }) => {
    await signIn(page, 'registration-officer');
    await openSearchFor(page, 'Cards');
    await search(page, { type: 'Cards', text: DEMO.bergActiveCards.text, status: 'Active' });
    const grid = resultGrid(page, 'Cards');
    await expect(resultCount(page)).toHaveText(`${DEMO.bergActiveCards.count} results`);
    await main(page).getByRole('button', { name: 'Next page' }).click();
    await expect(main(page).getByRole('navigation', { name: 'Pages' })).toContainText('Page 2 of 2');
    // The rows follow the pager in a transition: read them once they are page 2's.
    await expect(main(page).locator('.results[aria-busy]')).toHaveCount(0);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ in: 'cards', q: 'berg', status: 'Active', page: '2' });
    const firstRow = (await dataRows(grid).first().innerText()).replace(/\s+/g, ' ');
    const firstNumber = (await dataRows(grid).first().getByRole('rowheader').innerText()).trim();

    const expectSameSearch = async (p: Page, what: string) => {
      await test.step(what, async () => {
        await expect(searchFor(p)).toHaveValue('cards');
        await expect(textField(p, 'Cards')).toHaveValue('berg');
        await expect(statusFilter(p)).toHaveValue('Active');
        await expect(resultCount(p)).toHaveText(`${DEMO.bergActiveCards.count} results`);
        await expect(main(p).getByRole('navigation', { name: 'Pages' })).toContainText('Page 2 of 2');
        await expect(main(p).locator('.results[aria-busy]')).toHaveCount(0);
        await expect(dataRows(resultGrid(p, 'Cards')).first().getByRole('rowheader')).toHaveText(firstNumber);
        expect((await dataRows(resultGrid(p, 'Cards')).first().innerText()).replace(/\s+/g, ' ')).toBe(firstRow);
      });
    };

    await page.reload();
    await expect(page).toHaveURL(url.href);
    await expectSameSearch(page, 'after a reload');

    // Open a result, then Back.
    await dataRows(grid).first().getByRole('rowheader').click();
    await expect(objectTitle(page)).toHaveText(`Card ${firstNumber}`);
    await page.goBack();
    await expect(page).toHaveURL(url.href);
    await expectSameSearch(page, 'after Back from a result');

    // Change a criterion (a new history entry, page 1), then Back.
    await statusFilter(page).selectOption({ label: 'Locked' });
    await expect(page).toHaveURL(/status=Locked/);
    await expect(page).not.toHaveURL(/page=2/);
    await expect(resultCount(page)).not.toHaveText(`${DEMO.bergActiveCards.count} results`);
    await page.goBack();
    await expect(page).toHaveURL(url.href);
    await expectSameSearch(page, 'after Back from another status');

    // The URL as a bookmark, opened in a new page of the same browser.
    const bookmark = await context.newPage();
    await bookmark.goto(url.pathname + url.search);
    await expectSameSearch(bookmark, 'in a new page from the bookmark');
    await bookmark.close();
  });

  test('Export to CSV writes the header and one row per result', async ({ page }) => {
    await signIn(page, 'registration-officer');
    await openSearch(page);
    await search(page, { text: DEMO.surname.text });
    await expect(resultCount(page)).toHaveText(`${DEMO.surname.count} results`);
    const count = await shownCount(page);
    // The CSV has the grid's columns (their accessible names: the sort icon is aria-hidden).
    const headers = ['Name', 'Personal id', 'E-mail', 'Org unit', 'Type', 'Status'];
    const columns = resultGrid(page, 'Persons').getByRole('columnheader');
    await expect(columns).toHaveCount(headers.length);
    for (const [i, h] of headers.entries()) await expect(columns.nth(i)).toHaveAccessibleName(h);

    const [download] = await Promise.all([page.waitForEvent('download'), main(page).getByRole('button', { name: 'Export to CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^persons-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = (await readFile((await download.path())!, 'utf8')).replace(/^\ufeff/, '');
    const lines = text.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe(headers.join(','));
    expect(lines.length - 1, 'data rows in the CSV').toBe(count);
    for (const line of lines.slice(1)) expect(line).toMatch(/^"Kowalski, [^"]+",[CEV]\d{6},/);
    await expect(main(page).locator('.export').getByRole('status')).toHaveText(`Exported ${count} rows.`);
  });

  test('a change made meanwhile in another page: Deactivate is refused as stale, keeps the reason, and Reload shows the change', async ({ page, context }) => {
    const card = DEMO.officerTarget.card;
    await signIn(page, 'registration-officer');
    const other = await context.newPage();
    for (const p of [page, other]) {
      await p.goto(paths.object('cards', card.id));
      await expectObjectPage(p, `Card ${card.number}`, 'Active');
    }

    // The other page locks the card.
    await actionPanel(other).getByRole('button', { name: 'Lock card', exact: true }).click();
    await actionDialog(other, 'Lock card').getByRole('combobox', { name: 'Reason' }).selectOption('Stolen');
    await actionDialog(other, 'Lock card').getByRole('button', { name: 'Confirm: Lock card' }).click();
    await expect(objectStatus(other)).toHaveText('Locked');

    // This page still shows it Active and tries to deactivate it.
    await expect(objectStatus(page)).toHaveText('Active');
    await actionPanel(page).getByRole('button', { name: 'Deactivate card', exact: true }).click();
    const dialog = actionDialog(page, 'Deactivate card');
    const reason = dialog.getByRole('combobox', { name: 'Reason' });
    await reason.selectOption('Temporary leave');
    await dialog.getByRole('button', { name: 'Confirm: Deactivate card' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Someone changed this object since you opened it.');
    await expect(reason).toHaveValue('Temporary leave');
    await expect(objectStatus(page)).toHaveText('Active');

    await dialog.getByRole('button', { name: 'Reload the object' }).click();
    await expect(objectStatus(page)).toHaveText('Locked');
    await expect(actionPanel(page).getByRole('button', { name: 'Deactivate card' })).toHaveCount(0);
    await other.close();
  });

  test('a change made meanwhile through the API: the stale message keeps the reason, Reload shows the change', async ({ page }) => {
    // The same conflict within one page's backend: the page holds version 1, the API locks the card.
    const card = DEMO.officerTarget.card;
    await signIn(page, 'registration-officer');
    await page.goto(paths.object('cards', card.id));
    await expectObjectPage(page, `Card ${card.number}`, 'Active');

    const locked = await postAction(page, 'cards', card.id, 'lock', '"1"', { reason: 'Stolen' });
    expect(locked.status).toBe(200);
    expect(locked.body).toMatchObject({ status: 'Locked', version: 2 });
    // Without If-Match the backend asks for it; with the old version it refuses as stale.
    expect((await postAction(page, 'cards', card.id, 'deactivate', null, { reason: 'Temporary leave' })).status).toBe(428);

    await expect(objectStatus(page)).toHaveText('Active');
    await actionPanel(page).getByRole('button', { name: 'Deactivate card', exact: true }).click();
    const dialog = actionDialog(page, 'Deactivate card');
    const reason = dialog.getByRole('combobox', { name: 'Reason' });
    await reason.selectOption('Temporary leave');
    await dialog.getByRole('button', { name: 'Confirm: Deactivate card' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(
      /^Someone changed this object since you opened it\. Reload it to see the change; your choices here are kept\.\s*Reload the object$/,
    );
    await expect(reason).toHaveValue('Temporary leave');
    await expect(dialog).toBeVisible();

    await dialog.getByRole('button', { name: 'Reload the object' }).click();
    await expect(objectStatus(page)).toHaveText('Locked');
    await expect(actionPanel(page).getByRole('button', { name: 'Deactivate card' })).toHaveCount(0);
    await expect(actionPanel(page).getByRole('button', { name: 'Lock card' })).toHaveCount(0);
  });
});

test.describe('the demo keeps its changes', () => {
  // The demo backend (mocks/demo/backend.ts) answers a change only once it is written to IndexedDB: "A reload
  // or closed tab must not lose the last changes". A person who signs in, or locks a card, and reloads
  // at once must find the change there.
  test('across an immediate reload: the sign-in, then a locked card', async ({ page }) => {
    const card = DEMO.officerTarget.card;
    await page.goto(paths.login());
    await submitLogin(page, 'registration-officer');
    await expect(mainNav(page)).toBeVisible();
    await page.reload();
    await expect(main(page).getByRole('heading', { level: 1 }), 'still signed in after a reload right after signing in').toHaveText('Start');
    await expect(mainNav(page)).toBeVisible();

    await page.goto(paths.object('cards', card.id));
    await expectObjectPage(page, `Card ${card.number}`, 'Active');
    await actionPanel(page).getByRole('button', { name: 'Lock card', exact: true }).click();
    await actionDialog(page, 'Lock card').getByRole('combobox', { name: 'Reason' }).selectOption('Lost');
    await actionDialog(page, 'Lock card').getByRole('button', { name: 'Confirm: Lock card' }).click();
    await expect(objectStatus(page)).toHaveText('Locked');
    await page.reload();
    await expect(objectTitle(page)).toHaveText(`Card ${card.number}`);
    await expect(objectStatus(page), 'the card is still Locked after a reload right after locking it').toHaveText('Locked');
  });
});

test.describe('Extended Search over the full demo organisation', { tag: '@demo' }, () => {
  // The app's default size: 100,000 generated persons, built when each page loads.
  test.use({ demoPersons: null });
  test.describe.configure({ timeout: 90_000 });

  test('counts 100,022 persons and finds a name', async ({ page }) => {
    // The app renders once the organisation is built: allow for 100,000 persons on a busy machine.
    await page.goto(paths.login());
    await expect(page.getByLabel('Username', { exact: true })).toBeVisible({ timeout: 45_000 });
    expect(await page.evaluate((key) => localStorage.getItem(key), DEMO_PERSONS_KEY)).toBeNull();
    await submitLogin(page, 'registration-officer');
    await expect(mainNav(page)).toBeVisible();
    await mainNav(page).getByRole('link', { name: 'Extended Search', exact: true }).click();
    // The first search over 100,000 persons prepares the backend's text and sort indexes.
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Extended Search', { timeout: 30_000 });
    await expect(resultCount(page)).toHaveText(`${(100_000 + DEMO_ACCOUNT_PERSONS).toLocaleString('en')} results`, { timeout: 30_000 });
    await expect(resultCount(page)).toHaveText('100,022 results');
    await expect(main(page).getByRole('navigation', { name: 'Pages' })).toContainText('Page 1 of 1,001');

    await search(page, { text: DEMO.surname.text });
    const grid = resultGrid(page, 'Persons');
    await expect(dataRows(grid).first()).toBeVisible();
    await expect(resultCount(page)).not.toHaveText('100,022 results', { timeout: 15_000 });
    const count = await shownCount(page);
    expect(count).toBeGreaterThan(DEMO.surname.count);
    expect(count).toBeLessThan(100_000);
    for (const name of await grid.getByRole('rowheader').allInnerTexts()) expect(name).toMatch(/^Kowalski, /);
  });
});
