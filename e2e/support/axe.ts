import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** One line per violation and node: rule, impact, help, and the selector of the element. */
function describeViolations(violations: AxeResults['violations']): string {
  return violations
    .map((v) =>
      [
        `${v.id} [${v.impact ?? 'n/a'}]: ${v.help} (${v.helpUrl})`,
        ...v.nodes.map((n) => `    at ${n.target.join(' >> ')}\n       ${n.failureSummary?.replace(/\n/g, '\n       ') ?? ''}`),
      ].join('\n'),
    )
    .join('\n');
}

/** Runs axe on the page as it is now (WCAG 2.2 AA) and fails with one line per violation and node. */
export async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = describeViolations(results.violations);
  if (report) console.log(`axe violations on ${what}:\n${report}`);
  expect(results.violations, `axe violations on ${what}:\n${report}`).toEqual([]);
}
