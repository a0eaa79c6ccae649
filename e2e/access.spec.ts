import { expect, test } from './support/test';
import { paths } from '../src/app/paths';
import { expectLoginPage, signIn } from './support/auth';
import { PERSONAS } from './support/personas';
import { apiGet, expectViewWithData, main, mainNav, recordApiRequests, VIEWS } from './support/views';

/**
 * One test per demo persona: the Main navigation, the header, every view (allowed: h1 and data;
 * refused: "Access denied" naming the right, nothing of the view, no call to its endpoint), the API
 * answer for every view's endpoint, and sign-out.
 */
test.describe('access per persona', () => {
  // Each test walks all eight views, several of them through a full page load.
  test.describe.configure({ timeout: 60_000 });

  for (const who of PERSONAS) {
    test(`${who.username}: sees exactly ${['Start', ...who.nav].join(', ')}`, async ({ page }) => {
      const api = recordApiRequests(page);
      await signIn(page, who.username);

      // Header: who is signed in, with which roles.
      await expect(page.getByTestId('display-name')).toContainText(who.displayName);
      const roles = page.getByTestId('roles');
      for (const role of who.roles) await expect(roles).toContainText(role);
      await expect(roles).toContainText(who.roles.join(', '));

      // Main navigation: exactly Start plus the table's links, nothing else.
      const expectedNav = ['Start', ...who.nav].sort();
      const navLinks = mainNav(page).getByRole('link');
      await expect
        .poll(async () => (await navLinks.allInnerTexts()).map((s) => s.trim()).sort(), { message: 'Main navigation links' })
        .toEqual(expectedNav);
      await expect(mainNav(page).locator('a, button, [role="link"]')).toHaveCount(expectedNav.length);

      const allowed = VIEWS.filter((v) => who.nav.includes(v.label));
      const denied = VIEWS.filter((v) => !who.nav.includes(v.label));

      // Allowed views, opened from the navigation: h1, data, and the endpoint was called.
      // A view that fails is recorded and reported at the end, so one broken view does not hide the
      // checks of the others (the test still fails).
      const brokenViews: string[] = [];
      const broken = new Set<string>();
      for (const v of allowed) {
        await test.step(`opens ${v.label}`, async () => {
          try {
            await mainNav(page).getByRole('link', { name: v.label, exact: true }).click();
            await expect(page).toHaveURL(v.path);
            await expectViewWithData(page, v, who);
            expect(api.saw(v.endpoint), `${v.endpoint} requested for ${v.label}`).toBe(true);
          } catch (e) {
            broken.add(v.label);
            const shown = await main(page).innerText().catch(() => '');
            brokenViews.push(`${v.label}: ${(e as Error).message.split('\n')[0]} — the page shows: ${shown.replace(/\s+/g, ' ').slice(0, 160)}`);
          }
        });
      }

      // Refused views, typed as a URL: Access denied naming the right, nothing of the view, no request.
      for (const v of denied) {
        await test.step(`is refused ${v.label}`, async () => {
          api.clear();
          await page.goto(v.path);
          const m = main(page);
          await expect(m.getByRole('heading', { level: 1 })).toHaveText('Access denied');
          await expect(m).toContainText(`This view needs the right “${v.right}”, and none of your roles grants it.`);
          await expect(m.getByRole('heading', { name: v.label, exact: true })).toHaveCount(0);
          await expect(m.getByRole('grid')).toHaveCount(0);
          await expect(m.getByRole('table')).toHaveCount(0);
          await expect(mainNav(page).getByRole('link', { name: v.label, exact: true })).toHaveCount(0);
          // The shell is fully there (session answered), so the guard has decided: no call to the view's endpoint.
          await expect(mainNav(page).getByRole('link')).toHaveCount(who.nav.length + 1);
          expect(api.paths, `requests while ${v.path} was refused`).not.toContain(v.endpoint);
          expect(api.saw('/api/v1/session'), 'the request recorder sees the page\'s API calls').toBe(true);
        });
      }

      // The backend agrees: 200 where allowed, 403 problem+json naming the missing right elsewhere.
      await test.step('API answers match the rights', async () => {
        for (const v of VIEWS) {
          const answer = await apiGet(page, v.endpoint);
          if (who.nav.includes(v.label)) {
            expect(answer.status, `GET ${v.endpoint}`).toBe(200);
          } else {
            expect(answer.status, `GET ${v.endpoint}`).toBe(403);
            expect(answer.contentType, `GET ${v.endpoint}`).toContain('application/problem+json');
            expect(answer.body, `GET ${v.endpoint}`).toMatchObject({ status: 403, missingRight: v.right });
          }
        }
      });

      // Sign out; the session is gone on the server and nothing of the data comes back.
      await test.step('signs out', async () => {
        // The last allowed view that works (a broken one is already reported above).
        const lastAllowed = allowed.filter((v) => !broken.has(v.label)).at(-1);
        if (lastAllowed) {
          await mainNav(page).getByRole('link', { name: lastAllowed.label, exact: true }).click();
          await expectViewWithData(page, lastAllowed, who);
        }
        await mainNav(page).getByRole('link', { name: 'Start', exact: true }).click();
        await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Start');

        await page.getByRole('button', { name: 'Sign out', exact: true }).click();
        await expectLoginPage(page);
        await expect(page).toHaveURL(/\/login$/);
        expect((await apiGet(page, '/api/v1/session')).status).toBe(401);

        const back = lastAllowed ?? { path: paths.start(), endpoint: '' };
        api.clear();
        await page.goBack();
        await expectLoginPage(page);
        if (back.path !== '/') await expect(page).toHaveURL(paths.login(back.path));
        await expect(page.getByRole('grid')).toHaveCount(0);
        expect(api.paths, 'requests after going back').not.toContain(back.endpoint);
        await expect(page.getByText(who.displayName)).toHaveCount(0);

        await page.goto(back.path);
        await expectLoginPage(page);
        if (back.path !== '/') await expect(page).toHaveURL(paths.login(back.path));
        await expect(page.getByRole('grid')).toHaveCount(0);
        await expect(page.getByText(who.displayName)).toHaveCount(0);
        if (lastAllowed) expect((await apiGet(page, lastAllowed.endpoint)).status).toBe(401);
      });

      expect(brokenViews, 'allowed views that did not show their h1 and data').toEqual([]);
    });
  }
});
