import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { signIn, signOut, submitLogin } from './support/auth';
import { EXPECTED_TASKS } from './support/personas';
import { actionDialog, actionPanel, arrowDownToRow, expectObjectPage, postAction, search, tabTo } from './support/search';
import { dataRows, main, mainNav, recordApiRequests, resultCount } from './support/views';

/**
 * Open Tasks: the queue, a task page and its decisions (approve, reject with a reason, postpone),
 * separation of duties, the contractor's second approval, and the open-task count in the navigation.
 *
 * The tasks are written down as literal data, derived once from the deterministic seed
 * (mocks/db/seed.ts, DEMO_SEED 20261127, `generateDb({ persons: 2000 })`: every card in state
 * Requested has an approval task; contractors' cards need two approvals) — not read off the screen.
 * Each subject name below matches exactly one task of the approver's queue. If the seed changes,
 * re-derive them with `npx tsx` over generateDb rather than copying what the page shows.
 */
const APPROVER = 'Lars Engström';
/** The approver's own person (mocks/db/personas.ts). */
const APPROVER_PERSON = { id: 'p-000005', personalId: 'E010005' };

const TASKS = {
  /** The newest task of the queue (first row by the default sort, Created newest first). */
  newest: { id: 't-000063', subject: 'Jukka Haugen', card: { id: 'card-000728', number: 'NV00400728' } },
  /** An employee's card: one approval decides it. */
  employee: {
    id: 't-000151',
    subject: 'Nils Olsen',
    personalId: 'E011630',
    orgUnit: 'IT Operations',
    organization: 'Nordvik AB',
    requester: 'Petra Lefebvre',
    requesterEmail: 'petra.lefebvre@nordvik.example',
    card: { id: 'card-001560', number: 'NV00401560', type: 'Employee', validTo: 'May 19, 2027' },
  },
  reject: { id: 't-000133', subject: 'Frida Holmqvist', card: { id: 'card-001394', number: 'NV00401394' } },
  postpone: { id: 't-000150', subject: 'Søren Fischer' },
  /** A contractor's card: two approvers must approve. */
  contractor: {
    id: 't-000161',
    subject: 'Greta Kelly',
    personalId: 'C011693',
    organization: 'Kallström Konsult AB',
    card: { id: 'card-001622', number: 'NV00401622', type: 'Contractor' },
  },
  stale: { id: 't-000090', subject: 'Mattias Murphy' },
  decidedMeanwhile: { id: 't-000085', subject: 'Lukas Öberg' },
} as const;

/** The approver's queue: 110 card approvals, 14 of them Postponed; the oldest is Mette Karlsson's. */
const QUEUE = { total: 110, pages: 5, postponed: 14, oldest: 'Mette Karlsson' };
/** Helpdesk: six PRIME user activations, all requested by the user administrator. */
const HELPDESK = { total: 6, subject: 'Ida Engström', requester: 'Mette Jensen', requesterEmail: 'mette.jensen@nordvik.example' };

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations
    .map((v) => `${v.id} [${v.impact ?? 'n/a'}]: ${v.help}\n${v.nodes.map((n) => `    at ${n.target.join(' >> ')}`).join('\n')}`)
    .join('\n');
  expect(results.violations, `axe violations on ${what}:\n${report}`).toEqual([]);
}

// ── The views, as a person sees them ──────────────────────────────────────────────────────────────

const heading = (page: Page): Locator => main(page).getByRole('heading', { level: 1 });
const queueGrid = (page: Page): Locator => main(page).getByRole('grid', { name: 'Open Tasks', exact: true });
const filters = (page: Page): Locator => main(page).getByRole('search', { name: 'Filter tasks' });
const subjectField = (page: Page): Locator => filters(page).getByRole('searchbox', { name: 'Subject name', exact: true });
const typeFilter = (page: Page): Locator => filters(page).getByRole('combobox', { name: 'Task type', exact: true });
const statusFilter = (page: Page): Locator => filters(page).getByRole('combobox', { name: 'Status', exact: true });
const queueRow = (page: Page, subject: string): Locator => dataRows(queueGrid(page)).filter({ hasText: subject });
/** The open-task count beside "Open Tasks" in the Main navigation. */
const taskCount = (page: Page): Locator => mainNav(page).getByRole('img', { name: /^[\d,]+ open tasks?$/ });
const section = (page: Page, name: string): Locator => main(page).getByRole('region', { name, exact: true });
const decisionPanel = (page: Page): Locator => main(page).getByRole('complementary', { name: 'Your decision' });
const decisionsGrid = (page: Page): Locator => main(page).getByRole('grid', { name: 'Decisions so far', exact: true });
const taskStatus = (page: Page): Locator => main(page).locator('header.identity .badge');
const dialog = (page: Page, title: string): Locator => page.getByRole('alertdialog', { name: title, exact: true });
const toast = (page: Page, text: string): Locator => page.getByText(text, { exact: true });

/** The value beside a label in a section's facts. */
const fact = (region: Locator, label: string): Locator =>
  region.locator('.fact').filter({ has: region.page().getByRole('term').getByText(label, { exact: true }) }).getByRole('definition');

/** Opens Open Tasks from the Main navigation (no page load: the demo organisation's changes stay). */
async function openQueue(page: Page, count: number | null = QUEUE.total): Promise<void> {
  await mainNav(page).getByRole('link', { name: 'Open Tasks', exact: true }).click();
  await expect(heading(page)).toHaveText('Open Tasks');
  if (count !== null) await expect(resultCount(page)).toHaveText(`${count} results`);
}

/** Filters the queue by a subject's name and opens its one task. */
async function openTask(page: Page, subject: string, type = 'Card approval'): Promise<void> {
  await subjectField(page).fill(subject);
  await expect(resultCount(page)).toHaveText('1 result');
  await queueRow(page, subject).click();
  await expect(heading(page)).toHaveText(`${type}: ${subject}`);
}

/**
 * Signs out and in as someone else without loading the page again. The demo backend writes its
 * changes to IndexedDB a moment after they happen, so a page load right after a change (a decision,
 * a sign-in) can lose it; these tests move through the app instead of loading pages.
 */
async function switchTo(page: Page, username: string): Promise<void> {
  await signOut(page);
  await submitLogin(page, username);
  await expect(mainNav(page)).toBeVisible();
}

/**
 * Finds the card's holder in Extended Search (Persons, by personal id), opens them and then the card:
 * the card's state as someone with Extended Search sees it. Stays in the page (no reload).
 */
async function expectCardState(page: Page, holder: { personalId: string }, card: { number: string }, status: string): Promise<void> {
  await mainNav(page).getByRole('link', { name: 'Extended Search', exact: true }).click();
  await search(page, { text: holder.personalId });
  await expect(resultCount(page)).toHaveText('1 result');
  await dataRows(main(page).getByRole('grid', { name: 'Persons', exact: true })).filter({ hasText: holder.personalId }).click();
  const cards = main(page).getByRole('grid', { name: 'Cards', exact: true });
  const row = dataRows(cards).filter({ hasText: card.number });
  await expect(row.getByRole('gridcell').nth(0)).toHaveText(status);
  await row.click();
  await expectObjectPage(page, `Card ${card.number}`, status);
}

// ── The queue ─────────────────────────────────────────────────────────────────────────────────────

test.describe('Open Tasks queue', () => {
  test('filters live in the URL; sorting, paging and the count in the navigation', async ({ page }) => {
    await signIn(page, 'approver');
    await expect(taskCount(page)).toHaveAccessibleName(`${QUEUE.total} open tasks`);
    await openQueue(page);
    await expect(main(page).getByRole('navigation', { name: 'Pages' })).toContainText(`Page 1 of ${QUEUE.pages}`);
    await expect(dataRows(queueGrid(page))).toHaveCount(25);
    await expect(dataRows(queueGrid(page)).first()).toContainText(TASKS.newest.subject);
    // The approver decides card approvals only: the type filter offers nothing else.
    await expect(typeFilter(page).getByRole('option')).toHaveText(['Any type', 'Card approval']);

    await statusFilter(page).selectOption({ label: 'Postponed' });
    await expect(page).toHaveURL(/[?&]status=Postponed/);
    await expect(resultCount(page)).toHaveText(`${QUEUE.postponed} results`);
    for (const status of await queueGrid(page).getByRole('gridcell', { name: /^(Open|Postponed)$/ }).allInnerTexts()) {
      expect(status).toBe('Postponed');
    }

    await statusFilter(page).selectOption({ label: 'Open' });
    // (Wait for the URL: a change made before the previous one reached the URL overwrites it, see useUrlParams.)
    await expect(page).toHaveURL(/[?&]status=Open/);
    await expect(resultCount(page)).toHaveText(`${QUEUE.total - QUEUE.postponed} results`);
    // Typed key by key, every character stays in the field while the URL follows.
    await subjectField(page).pressSequentially(TASKS.contractor.subject, { timeout: 15_000 });
    await expect(subjectField(page)).toHaveValue(TASKS.contractor.subject);
    await expect(resultCount(page)).toHaveText('1 result');
    await expect(page).toHaveURL(/[?&]q=Greta(\+|%20)Kelly/);
    // Two approvals are needed for a contractor's card: "0 of 2".
    await expect(queueRow(page, TASKS.contractor.subject).getByRole('gridcell')).toContainText([TASKS.contractor.subject, '0 of 2', 'Open']);

    // A reload (or a bookmark) keeps the filters.
    await page.reload();
    // (The demo backend builds its organisation again on a page load: give it time on a busy machine.)
    await expect(resultCount(page)).toHaveText('1 result', { timeout: 15_000 });
    await expect(subjectField(page)).toHaveValue(TASKS.contractor.subject);
    await expect(statusFilter(page)).toHaveValue('Open');

    await subjectField(page).fill('nobody has this name');
    await expect(queueGrid(page)).toContainText('No open tasks match these filters.');
    await filters(page).getByRole('button', { name: 'Clear filters' }).click();
    await expect(resultCount(page)).toHaveText(`${QUEUE.total} results`);
    await expect(subjectField(page)).toHaveValue('');
    // Back brings the filters, and the text in the field, back.
    await page.goBack();
    await expect(subjectField(page)).toHaveValue('nobody has this name');
    await expect(statusFilter(page)).toHaveValue('Open');
    await filters(page).getByRole('button', { name: 'Clear filters' }).click();
    await expect(subjectField(page)).toHaveValue('');

    // Sorting by Created, oldest first, and paging.
    await queueGrid(page).getByRole('columnheader', { name: 'Created' }).click();
    await expect(page).toHaveURL(/[?&]sort=createdAt(:|%3A)(asc|desc)/);
    if (!/createdAt(:|%3A)asc/.test(page.url())) await queueGrid(page).getByRole('columnheader', { name: 'Created' }).click();
    await expect(page).toHaveURL(/[?&]sort=createdAt(:|%3A)asc/);
    await expect(dataRows(queueGrid(page)).first()).toContainText(QUEUE.oldest);
    await main(page).getByRole('button', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/[?&]page=2/);
    await expect(main(page).getByRole('navigation', { name: 'Pages' })).toContainText(`Page 2 of ${QUEUE.pages}`);
    await expect(dataRows(queueGrid(page)).first()).not.toContainText(QUEUE.oldest);
  });

  test('helpdesk sees the PRIME user activations, with no card section', async ({ page }) => {
    await signIn(page, 'helpdesk');
    await expect(taskCount(page)).toHaveAccessibleName(`${HELPDESK.total} open tasks`);
    await openQueue(page, HELPDESK.total);
    const types = await queueGrid(page).getByRole('rowheader').allInnerTexts();
    expect(types).toHaveLength(HELPDESK.total);
    for (const type of types) expect(type.trim()).toBe('Activate PRIME user');
    await expect(typeFilter(page).getByRole('option')).toHaveText(['Any type', 'Activate PRIME user']);

    await openTask(page, HELPDESK.subject, 'Activate PRIME user');
    await expect(fact(section(page, 'Request information'), 'Person')).toHaveText(HELPDESK.subject);
    await expect(section(page, 'Card information')).toHaveCount(0);
    await expect(fact(section(page, 'Requester information'), 'Name')).toHaveText(HELPDESK.requester);
    await expect(fact(section(page, 'Requester information'), 'E-mail')).toHaveText(HELPDESK.requesterEmail);
    await expect(decisionPanel(page).getByRole('button')).toHaveText(['Approve', 'Reject', 'Postpone']);
  });

  test('no count and no call to the tasks endpoint for a person without Open Tasks', async ({ page }) => {
    const api = recordApiRequests(page);
    await signIn(page, 'card-production-administrator');
    await expect(mainNav(page).getByRole('link', { name: 'Extended Search', exact: true })).toBeVisible();
    await mainNav(page).getByRole('link', { name: 'Extended Search', exact: true }).click();
    await expect(resultCount(page)).toHaveText(/^[\d,]+ results$/);
    await expect(mainNav(page).getByRole('img')).toHaveCount(0);
    expect(api.paths, 'API calls of a person without Open Tasks').not.toContain('/api/v1/tasks');

    // With the right, the count is there, and the link's name stays "Open Tasks".
    await switchTo(page, 'registration-officer');
    const expected = EXPECTED_TASKS['registration-officer'];
    if (!expected || expected === 'empty') throw new Error('EXPECTED_TASKS: the registration officer has tasks');
    await expect(taskCount(page)).toHaveAccessibleName(`${expected.count} open tasks`);
    await expect(mainNav(page).getByRole('link', { name: 'Open Tasks', exact: true })).toBeVisible();
  });
});

// ── Deciding ──────────────────────────────────────────────────────────────────────────────────────

test.describe('deciding a task', () => {
  test('approve a card approval: the three sections, back to the queue, the card is Approved', async ({ page }) => {
    const task = TASKS.employee;
    await signIn(page, 'approver');
    await openQueue(page);
    await openTask(page, task.subject);
    await expect(page).toHaveURL(`/tasks/${task.id}`);
    await expect(taskStatus(page)).toHaveText('Open');

    const request = section(page, 'Request information');
    await expect(fact(request, 'Person')).toHaveText(task.subject);
    await expect(fact(request, 'Personal id')).toHaveText(task.personalId);
    await expect(fact(request, 'Org unit')).toHaveText(task.orgUnit);
    await expect(fact(request, 'Organisation')).toHaveText(task.organization);
    const card = section(page, 'Card information');
    await expect(fact(card, 'Card number')).toHaveText(task.card.number);
    await expect(fact(card, 'Card type')).toHaveText(task.card.type);
    await expect(fact(card, 'Valid to')).toHaveText(task.card.validTo);
    await expect(fact(card, 'Card status')).toHaveText('Requested');
    const requester = section(page, 'Requester information');
    await expect(fact(requester, 'Name')).toHaveText(task.requester);
    await expect(fact(requester, 'E-mail')).toHaveText(task.requesterEmail);
    await expect(decisionsGrid(page)).toContainText('No decisions yet.');
    await expect(decisionPanel(page).getByRole('button')).toHaveText(['Approve', 'Reject', 'Postpone']);

    await decisionPanel(page).getByRole('button', { name: 'Approve', exact: true }).click();
    const approve = dialog(page, 'Approve the request');
    await expect(approve).toContainText('The card request is approved: the card can be produced.');
    await approve.getByRole('button', { name: 'Confirm: Approve' }).click();
    await expect(toast(page, `Approved: ${task.subject}.`)).toBeVisible();

    // Back in the queue as it was left (filtered by the name): the task is gone, and the count is one less.
    await expect(page).toHaveURL(/\/tasks\?q=Nils/);
    await expect(resultCount(page)).toHaveText('0 results');
    await expect(queueGrid(page)).toContainText('No open tasks match these filters.');
    await expect(taskCount(page)).toHaveAccessibleName(`${QUEUE.total - 1} open tasks`);

    // The card is Approved, as the registration officer sees it in Extended Search.
    await switchTo(page, 'registration-officer');
    await expectCardState(page, task, task.card, 'Approved');
  });

  test('rejecting needs a reason; the page then shows Rejected and the reason', async ({ page }) => {
    const task = TASKS.reject;
    await signIn(page, 'approver');
    await openQueue(page);
    await openTask(page, task.subject);

    await decisionPanel(page).getByRole('button', { name: 'Reject', exact: true }).click();
    const reject = dialog(page, 'Reject the request');
    const reason = reject.getByRole('combobox', { name: 'Reason' });
    await reject.getByRole('button', { name: 'Confirm: Reject' }).click();
    await expect(reject.getByText('Choose why the request is rejected.', { exact: true })).toBeVisible();
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    await expect(reject).toBeVisible();

    await reason.selectOption('Duplicate request');
    await reject.getByRole('button', { name: 'Confirm: Reject' }).click();
    await expect(reject).toHaveCount(0);
    await expect(toast(page, `Rejected: ${task.subject}.`)).toBeVisible();
    await expect(taskStatus(page)).toHaveText('Rejected');
    await expect(fact(section(page, 'Card information'), 'Card status')).toHaveText('Rejected');
    await expect(dataRows(decisionsGrid(page)).getByRole('gridcell')).toHaveText([APPROVER, 'Rejected', 'Duplicate request']);
    await expect(decisionPanel(page)).toContainText('This task is Rejected; there is nothing left to decide.');
    await expect(decisionPanel(page).getByRole('button')).toHaveCount(0);
    await expect(heading(page)).toBeFocused();

    await main(page).getByRole('link', { name: 'Open Tasks' }).click();
    await expect(resultCount(page)).toHaveText('0 results');
    await expect(taskCount(page)).toHaveAccessibleName(`${QUEUE.total - 1} open tasks`);
  });

  test('postponing keeps the task in the queue, marked Postponed', async ({ page }) => {
    const task = TASKS.postpone;
    await signIn(page, 'approver');
    await openQueue(page);
    await openTask(page, task.subject);

    await decisionPanel(page).getByRole('button', { name: 'Postpone', exact: true }).click();
    await expect(dialog(page, 'Postpone the task')).toContainText('The task stays in the queue, marked Postponed');
    await dialog(page, 'Postpone the task').getByRole('button', { name: 'Confirm: Postpone' }).click();
    await expect(toast(page, `Postponed: ${task.subject}. The task stays in the queue.`)).toBeVisible();
    await expect(taskStatus(page)).toHaveText('Postponed');
    await expect(dataRows(decisionsGrid(page)).getByRole('gridcell')).toHaveText([APPROVER, 'Postponed', '']);
    // Still to be decided, by this approver too.
    await expect(decisionPanel(page).getByRole('button')).toHaveText(['Approve', 'Reject', 'Postpone']);

    await main(page).getByRole('link', { name: 'Open Tasks' }).click();
    await expect(resultCount(page)).toHaveText('1 result');
    await expect(queueRow(page, task.subject).getByRole('gridcell').last()).toHaveText('Postponed');
    await filters(page).getByRole('button', { name: 'Clear filters' }).click();
    await expect(resultCount(page)).toHaveText(`${QUEUE.total} results`);
    await statusFilter(page).selectOption({ label: 'Postponed' });
    await expect(resultCount(page)).toHaveText(`${QUEUE.postponed + 1} results`);
    await expect(queueRow(page, task.subject)).toHaveCount(1);
    await expect(taskCount(page)).toHaveAccessibleName(`${QUEUE.total} open tasks`);
  });

  test('a contractor’s card needs two approvers: 1 of 2, no second approval by the same one, Approved by multi-role', async ({ page }) => {
    const task = TASKS.contractor;
    await signIn(page, 'approver');
    await openQueue(page);
    await openTask(page, task.subject);
    await expect(fact(section(page, 'Request information'), 'Approvals')).toHaveText('0 of 2');
    await expect(fact(section(page, 'Card information'), 'Card type')).toHaveText(task.card.type);

    await decisionPanel(page).getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(dialog(page, 'Approve the request')).toContainText('This is approval 1 of 2');
    await dialog(page, 'Approve the request').getByRole('button', { name: 'Confirm: Approve' }).click();
    await expect(toast(page, `Approval 1 of 2 given: ${task.subject}. Another approver must approve too.`)).toBeVisible();

    // Back in the queue: still open, "1 of 2".
    await expect(resultCount(page)).toHaveText('1 result');
    await expect(queueRow(page, task.subject).getByRole('gridcell')).toContainText([task.subject, '1 of 2', 'Open']);
    await expect(taskCount(page)).toHaveAccessibleName(`${QUEUE.total} open tasks`);

    // The same approver cannot give the second approval.
    await queueRow(page, task.subject).click();
    await expect(heading(page)).toHaveText(`Card approval: ${task.subject}`);
    await expect(decisionPanel(page)).toContainText('You have already decided on this request; another approver must give the next decision.');
    await expect(decisionPanel(page).getByRole('button')).toHaveCount(0);
    await expect(dataRows(decisionsGrid(page)).getByRole('gridcell')).toHaveText([APPROVER, 'Approved', '']);
    // Nor through the API: the backend refuses it as separation of duties.
    const again = await postAction(page, 'tasks', task.id, 'approve', '"2"');
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('/problems/separation-of-duties');

    // multi-role (also an approver) gives the second approval: the card is Approved.
    await switchTo(page, 'multi-role');
    await openQueue(page);
    await openTask(page, task.subject);
    await expect(fact(section(page, 'Request information'), 'Approvals')).toHaveText('1 of 2');
    await decisionPanel(page).getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(dialog(page, 'Approve the request')).toContainText('The card request is approved');
    await dialog(page, 'Approve the request').getByRole('button', { name: 'Confirm: Approve' }).click();
    await expect(toast(page, `Approved: ${task.subject}.`)).toBeVisible();
    await expect(resultCount(page)).toHaveText('0 results');
    await expect(taskCount(page)).toHaveAccessibleName(`${QUEUE.total - 1} open tasks`);
    // multi-role also has Extended Search (Card production administrator).
    await expectCardState(page, task, task.card, 'Approved');
  });

  test('separation of duties: a request about the approver shows why, and no buttons', async ({ page }) => {
    // The registration officer requests a card for the approver (Lars Engström).
    // In the page (no reload): a reload right after signing in can lose the demo session (see the note on switchTo).
    await signIn(page, 'registration-officer');
    await mainNav(page).getByRole('link', { name: 'Extended Search', exact: true }).click();
    await search(page, { text: APPROVER_PERSON.personalId });
    await dataRows(main(page).getByRole('grid', { name: 'Persons', exact: true })).filter({ hasText: APPROVER_PERSON.personalId }).click();
    await expect(heading(page)).toHaveText(APPROVER);
    await actionPanel(page).getByRole('button', { name: 'Request card', exact: true }).click();
    await actionDialog(page, 'Request card').getByRole('button', { name: 'Confirm: Request card' }).click();
    await expect(actionDialog(page, 'Request card')).toHaveCount(0);

    await switchTo(page, 'approver');
    await expect(taskCount(page)).toHaveAccessibleName(`${QUEUE.total + 1} open tasks`);
    await openQueue(page, QUEUE.total + 1);
    await openTask(page, APPROVER);
    await expect(fact(section(page, 'Request information'), 'Person')).toHaveText(APPROVER);
    await expect(fact(section(page, 'Requester information'), 'Name')).toHaveText('Karin Nyström');
    await expect(decisionPanel(page)).toContainText('This request is about you; someone else must decide it.');
    await expect(decisionPanel(page).getByRole('button')).toHaveCount(0);
    await expectNoAxeViolations(page, 'a task page with separation of duties');
  });

  test('changed meanwhile (412) keeps the reason and offers a reload; decided meanwhile (409) says by whom and when', async ({ page }) => {
    await signIn(page, 'approver');
    await openQueue(page);

    // Someone postpones the task while it is open here (another client, same backend).
    await openTask(page, TASKS.stale.subject);
    expect((await postAction(page, 'tasks', TASKS.stale.id, 'postpone', '"1"')).status).toBe(200);
    await decisionPanel(page).getByRole('button', { name: 'Reject', exact: true }).click();
    const reject = dialog(page, 'Reject the request');
    await reject.getByRole('combobox', { name: 'Reason' }).selectOption('Identity not verified');
    await reject.getByRole('button', { name: 'Confirm: Reject' }).click();
    await expect(reject.getByRole('alert')).toContainText('Someone changed this task since you opened it.');
    await reject.getByRole('button', { name: 'Reload the task' }).click();
    await expect(taskStatus(page)).toHaveText('Postponed');
    await expect(reject.getByRole('combobox', { name: 'Reason' })).toHaveValue('Identity not verified');
    await reject.getByRole('button', { name: 'Confirm: Reject' }).click();
    await expect(reject).toHaveCount(0);
    await expect(taskStatus(page)).toHaveText('Rejected');

    // Someone approves the task while it is open here.
    await main(page).getByRole('link', { name: 'Open Tasks' }).click();
    await openTask(page, TASKS.decidedMeanwhile.subject);
    expect((await postAction(page, 'tasks', TASKS.decidedMeanwhile.id, 'approve', '"1"')).status).toBe(200);
    await decisionPanel(page).getByRole('button', { name: 'Postpone', exact: true }).click();
    const postpone = dialog(page, 'Postpone the task');
    await postpone.getByRole('button', { name: 'Confirm: Postpone' }).click();
    const alert = postpone.getByRole('alert');
    await expect(alert).toContainText(`Already decided: This task is Approved by ${APPROVER} at `);
    // The time is shown in the person's time zone, not as the backend's ISO string.
    await expect(alert).toContainText(/at \w{3} \d{1,2}, \d{4}, \d{2}:\d{2}\s[AP]M GMT[+-]\d/);
    await expect(alert).not.toContainText(/\d{4}-\d{2}-\d{2}T/);
    await postpone.getByRole('button', { name: 'Cancel' }).click();
    await expect(taskStatus(page)).toHaveText('Approved');
    await expect(decisionPanel(page).getByRole('button')).toHaveCount(0);
  });
});

// ── Accessibility ─────────────────────────────────────────────────────────────────────────────────

test.describe('Open Tasks accessibility (axe, WCAG 2.2 AA)', () => {
  // Two axe scans in a test take their time on a busy machine.
  test.describe.configure({ timeout: 60_000 });

  test('the queue, with rows and with no match', async ({ page }) => {
    await signIn(page, 'approver');
    await openQueue(page);
    await expect(dataRows(queueGrid(page)).first()).toBeVisible();
    await expectNoAxeViolations(page, 'the Open Tasks queue');
    await subjectField(page).fill('nobody has this name');
    await expect(queueGrid(page)).toContainText('No open tasks match these filters.');
    await expectNoAxeViolations(page, 'the Open Tasks queue with no match');
  });

  test('a task page', async ({ page }) => {
    await signIn(page, 'approver');
    await openQueue(page);
    await openTask(page, TASKS.contractor.subject);
    await expect(section(page, 'Requester information')).toBeVisible();
    await expect(decisionPanel(page).getByRole('button')).toHaveCount(3);
    await expectNoAxeViolations(page, 'a card approval task page');
  });

  test('the reject dialog, and with the missing reason', async ({ page }) => {
    await signIn(page, 'approver');
    await openQueue(page);
    await openTask(page, TASKS.contractor.subject);
    await decisionPanel(page).getByRole('button', { name: 'Reject', exact: true }).click();
    const reject = dialog(page, 'Reject the request');
    await expect(reject.getByRole('combobox', { name: 'Reason' })).toBeVisible();
    await expectNoAxeViolations(page, 'the reject dialog');
    await reject.getByRole('button', { name: 'Confirm: Reject' }).click();
    await expect(reject.getByText('Choose why the request is rejected.')).toBeVisible();
    await expectNoAxeViolations(page, 'the reject dialog with "Choose why the request is rejected."');
  });

  test('approve with the keyboard only', async ({ page }) => {
    const task = TASKS.newest;
    await signIn(page, 'approver');
    // No mouse from here on.
    await tabTo(page, mainNav(page).getByRole('link', { name: 'Open Tasks', exact: true }), 15);
    await page.keyboard.press('Enter');
    await expect(resultCount(page)).toHaveText(`${QUEUE.total} results`);

    await tabTo(page, queueGrid(page), 15);
    await arrowDownToRow(page, task.subject, 3);
    await page.keyboard.press('Enter');
    await expect(heading(page)).toHaveText(`Card approval: ${task.subject}`);

    const approveButton = decisionPanel(page).getByRole('button', { name: 'Approve', exact: true });
    await tabTo(page, approveButton, 30);
    await page.keyboard.press('Enter');
    const approve = dialog(page, 'Approve the request');
    await expect(approve).toBeVisible();
    await expect.poll(() => approve.evaluate((d) => d.contains(document.activeElement)), { message: 'focus moves into the dialog' }).toBe(true);
    await tabTo(page, approve.getByRole('button', { name: 'Confirm: Approve' }), 5);
    await page.keyboard.press('Enter');

    await expect(toast(page, `Approved: ${task.subject}.`)).toBeVisible();
    await expect(page).toHaveURL(/\/tasks$/);
    await expect(resultCount(page)).toHaveText(`${QUEUE.total - 1} results`);
    await expect(queueRow(page, task.subject)).toHaveCount(0);
    // Focus is not lost with the page left behind: it is on the queue's heading.
    await expect(heading(page)).toBeFocused();
  });
});
