import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { paths } from '../src/app/paths';
import { signIn } from './support/auth';
import { tabTo } from './support/search';
import { main } from './support/views';

/**
 * The Admin view: services, connectors, system log, processes and synchronisation runs, as the
 * Service administrator (every permission) and the Bootstrap administrator (the right Admin only).
 *
 * From the seed (mocks/db/seed.ts, mocks/db/seed-admin.ts): every service but PACS export runs;
 * the jobs "CRL download", "PACS export" and "Certificate expiry notifications" run; the HR import
 * connector is disabled; four past synchronisation runs, the third with two errors. A synchronisation
 * run registers 3 persons, updates 2 and deactivates 1, with one error (mocks/domain/admin.ts).
 */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const ALL_TABS = ['Services', 'Tenants', 'Connectors', 'System log', 'Processes', 'Synchronisation'];

async function expectNoAxeViolations(page: Page, what: string) {
  // React Aria's live announcer (it reads toasts out) renders an empty `div role=img` labelled by the
  // toast while one is shown; it is invisible and not part of this view.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude('[role="log"][aria-live]').analyze();
  const report = results.violations
    .map((v) => `${v.id} [${v.impact ?? 'n/a'}]: ${v.help}\n${v.nodes.map((n) => `    at ${n.target.join(' >> ')}`).join('\n')}`)
    .join('\n');
  expect(results.violations, `axe violations on ${what}:\n${report}`).toEqual([]);
}

const tabs = (page: Page) => main(page).getByRole('tablist', { name: 'Admin areas' }).getByRole('tab');
const tab = (page: Page, name: string) => main(page).getByRole('tab', { name, exact: true });
const panel = (page: Page) => main(page).getByRole('tabpanel');
/** The row whose header starts with the name (a connector's header also holds its state, a run's its source). */
const row = (page: Page, name: string) =>
  panel(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}(\\s|$)`) }) });
// Toasts are alertdialogs too; a confirmation is named by its question.
const dialog = (page: Page) => page.getByRole('alertdialog', { name: /\?$/ });

test.describe('Admin as the Service administrator', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'service-administrator');
  });

  test('restarts a service and kills a process, each confirmed; the system log shows each step', async ({ page }) => {
    test.slow(); // Five axe runs and a restart that takes its seconds.
    await page.goto(paths.admin());
    await expect(main(page).getByRole('heading', { level: 1, name: 'Admin' })).toBeVisible();
    await expect(tabs(page)).toHaveText(ALL_TABS);
    await expect(tab(page, 'Services')).toHaveAttribute('aria-selected', 'true');
    const engine = row(page, 'Process engine');
    await expect(engine.getByText('Running', { exact: true })).toBeVisible();
    await expect(row(page, 'PACS export').getByRole('button')).toHaveText(['Start']);
    await expectNoAxeViolations(page, 'the Services tab');

    await engine.getByRole('button', { name: 'Restart Process engine' }).click();
    await expect(dialog(page).getByRole('heading', { name: 'Restart Process engine?' })).toBeVisible();
    await expect(dialog(page)).toContainText('will stop and start again');
    await expectNoAxeViolations(page, 'the restart dialog');
    await dialog(page).getByRole('button', { name: 'Restart', exact: true }).click();
    await expect(dialog(page)).toHaveCount(0);
    // It passes through Stopping and Starting (the badge polls) before it runs again.
    await expect(engine.getByText(/^(Stopping|Starting)$/)).toBeVisible();
    await expect(engine.getByRole('button')).toHaveCount(0);
    await expect(engine.getByText('Running', { exact: true })).toBeVisible({ timeout: 10_000 });
    await expect(engine).toContainText('by service-administrator');
    await expect(engine.getByRole('button')).toHaveText(['Stop', 'Restart']);

    await tab(page, 'Processes').click();
    await expect(page).toHaveURL(/[?&]tab=processes/);
    const crl = row(page, 'CRL download');
    await expect(crl.getByRole('progressbar', { name: 'Progress of CRL download' })).toHaveAttribute('value', '40');
    await expectNoAxeViolations(page, 'the Processes tab');
    await crl.getByRole('button', { name: 'Kill CRL download' }).click();
    await expect(dialog(page).getByRole('heading', { name: 'Kill CRL download?' })).toBeVisible();
    await expectNoAxeViolations(page, 'the kill dialog');
    await dialog(page).getByRole('button', { name: 'Kill', exact: true }).click();
    await expect(row(page, 'CRL download')).toHaveCount(0);
    await expect(row(page, 'PACS export')).toBeVisible();

    await tab(page, 'System log').click();
    await expect(page).toHaveURL(/[?&]tab=system-log/);
    const log = panel(page).getByRole('grid', { name: 'System log' });
    await expect(log.getByRole('row').filter({ hasText: 'service-restart' }).filter({ hasText: 'Process engine' })).toHaveCount(1);
    await expect(log.getByRole('row').filter({ hasText: 'process-kill' }).filter({ hasText: 'CRL download' })).toHaveCount(1);
    await expectNoAxeViolations(page, 'the System log tab');

    // Filters live in the URL: reload keeps the tab and the filter.
    await panel(page).getByLabel('Action', { exact: true }).fill('process-kill');
    await panel(page).getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/action=process-kill/);
    await expect(log.getByRole('row')).toHaveCount(2); // header + one entry
    await page.reload();
    await expect(tab(page, 'System log')).toHaveAttribute('aria-selected', 'true');
    await expect(panel(page).getByLabel('Action', { exact: true })).toHaveValue('process-kill');
    await expect(panel(page).getByRole('grid', { name: 'System log' }).getByRole('row')).toHaveCount(2);
    const download = page.waitForEvent('download');
    await panel(page).getByRole('button', { name: 'Export CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/^system-log-.*\.csv$/);
    await expect(panel(page).getByRole('status').filter({ hasText: '1 entry exported.' })).toBeVisible();
  });

  test('configures a connector with field errors, keeps what was typed, saves and tests the connection', async ({ page }) => {
    await page.goto(`${paths.admin()}?tab=connectors`);
    const pacs = row(page, 'PACS (physical access)');
    await expect(pacs).toContainText('pacs.nordvik.example:8443');
    await expectNoAxeViolations(page, 'the Connectors tab');
    await pacs.getByRole('button', { name: 'Configure PACS (physical access)' }).click();
    const form = page.getByRole('dialog', { name: 'Configure PACS (physical access)' });
    await expect(form.getByLabel('Port')).toHaveValue('8443');
    await form.getByLabel('Port').fill('70000');
    await form.getByLabel('Host').fill('pacs.nowhere.invalid');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByText('Enter a port from 1 to 65535.')).toBeVisible();
    await expect(form.getByLabel('Port')).toBeFocused();
    await expect(form.getByLabel('Port')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('Host')).toHaveValue('pacs.nowhere.invalid');
    await expectNoAxeViolations(page, 'the connector dialog with errors');
    await form.getByLabel('Port').fill('8443');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form).toHaveCount(0);
    await expect(pacs).toContainText('pacs.nowhere.invalid:8443');
    await pacs.getByRole('button', { name: 'Test connection of PACS (physical access)' }).click();
    await expect(pacs.getByRole('status')).toContainText('Failed. Could not resolve the host pacs.nowhere.invalid.');
    await row(page, 'Corporate directory (AD)').getByRole('button', { name: /^Test connection/ }).click();
    await expect(row(page, 'Corporate directory (AD)').getByRole('status')).toContainText('Connected.');

    // Secrets are write-only: the password field is empty and says a secret is kept.
    await row(page, 'E-mail (SMTP)').getByRole('button', { name: 'Configure E-mail (SMTP)' }).click();
    const mail = page.getByRole('dialog', { name: 'Configure E-mail (SMTP)' });
    await expect(mail.getByLabel('Password')).toHaveValue('');
    await expect(mail.getByText('A secret is set. Leave empty to keep it.')).toBeVisible();
    await mail.getByRole('button', { name: 'Go back' }).click();

    await tab(page, 'System log').click();
    await expect(panel(page).getByRole('grid', { name: 'System log' }).getByRole('row').filter({ hasText: 'connector-configure' }).filter({ hasText: 'host: pacs.nordvik.example → pacs.nowhere.invalid' })).toHaveCount(1);
  });

  test('starts a synchronisation that runs as Batch sync and shows its result', async ({ page }) => {
    await page.goto(`${paths.admin()}?tab=sync`);
    await expect(panel(page).getByRole('row')).toHaveCount(5); // header + 4 seeded runs
    await expect(row(page, 'sync-0003')).toContainText('2 errors');
    await expectNoAxeViolations(page, 'the Synchronisation tab');
    await panel(page).getByRole('button', { name: 'Start synchronisation' }).click();
    await expect(dialog(page).getByRole('heading', { name: 'Start a synchronisation?' })).toBeVisible();
    await dialog(page).getByRole('button', { name: 'Start synchronisation' }).click();
    const run = row(page, 'sync-0005');
    await expect(run).toContainText('as batch-sync');
    await expect(run.getByText('Finished', { exact: true })).toBeVisible({ timeout: 15_000 });
    await expect(run.getByRole('cell')).toContainText([/Finished/, /service-administrator/, '3', '2', '1', '1 error']);
    await expect(panel(page).getByRole('button', { name: 'Start synchronisation' })).toBeEnabled();
  });

  test('kills a process with the keyboard alone', async ({ page }) => {
    await page.goto(`${paths.admin()}?tab=processes`);
    const kill = row(page, 'PACS export').getByRole('button', { name: 'Kill PACS export' });
    await expect(kill).toBeVisible();
    await tab(page, 'Processes').focus();
    await tabTo(page, kill);
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toBeVisible();
    await tabTo(page, dialog(page).getByRole('button', { name: 'Kill', exact: true }), 5);
    await page.keyboard.press('Enter');
    await expect(row(page, 'PACS export')).toHaveCount(0);
    await expect(panel(page).getByRole('heading', { name: 'Processes' })).toBeFocused();
    // Arrow keys move between the tabs, and the URL follows.
    await tab(page, 'Processes').focus();
    await page.keyboard.press('ArrowRight');
    await expect(tab(page, 'Synchronisation')).toHaveAttribute('aria-selected', 'true');
    await expect(page).toHaveURL(/[?&]tab=sync/);
  });
});

test.describe('Admin as the Bootstrap administrator', () => {
  test('sees services, connectors and runs but no System log or Processes tab and no action buttons', async ({ page }) => {
    await signIn(page, 'bootstrap-administrator');
    await page.goto(paths.admin());
    await expect(tabs(page)).toHaveText(['Services', 'Tenants', 'Connectors', 'Synchronisation']);
    await expect(row(page, 'Process engine')).toContainText('Running');
    await expect(panel(page).getByRole('button')).toHaveCount(0);
    await tab(page, 'Connectors').click();
    await expect(row(page, 'Card printer')).toBeVisible();
    await expect(panel(page).getByRole('button', { name: /^(Configure|Test connection)/ })).toHaveCount(0);
    await tab(page, 'Synchronisation').click();
    await expect(row(page, 'sync-0004')).toBeVisible();
    await expect(panel(page).getByRole('button', { name: 'Start synchronisation' })).toHaveCount(0);
    // A typed URL for a hidden tab shows the first tab instead.
    await page.goto(`${paths.admin()}?tab=system-log`);
    await expect(tab(page, 'Services')).toHaveAttribute('aria-selected', 'true');
    await expect(main(page).getByRole('grid', { name: 'System log' })).toHaveCount(0);
  });
});
