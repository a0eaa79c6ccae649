/**
 * Prints the facts of the 2,000-person demo organisation that e2e/support/demoData.ts and
 * EXPECTED_TASKS (personas.ts) write down, straight from the seed and the backend's own rules:
 *
 *   npx tsx e2e/support/derive-demo-data.ts
 *
 * Not a test and not imported by one: the specs keep the figures as literal data, so a change of the
 * seed shows up as a failing expectation instead of silently moving along with it.
 */
import { principalOf } from '../../src/access/model';
import type { SearchType } from '../../src/api/types';
import { DEMO_ACCOUNTS } from '../../src/access/personas';
import { generateDb } from '../../mocks/db/seed';
import { DEFAULT_TENANT_ID } from '../../mocks/db/schema';
import { search } from '../../mocks/domain/search';
import { mayWorkOn } from '../../mocks/domain/tasks';
import { personInTenant } from '../../mocks/domain/tenancy';
import { SMALL_DEMO_PERSONS } from './test';

const db = generateDb({ persons: SMALL_DEMO_PERSONS });
const find = (type: SearchType, q: string, filters: Record<string, string> = {}) =>
  search(db, type, { tenantId: DEFAULT_TENANT_ID, q: q.toLowerCase(), filters, sort: null, page: 1, pageSize: 200 }) as { total: number; items: Record<string, unknown>[] };
const certificatesOf = (cardId: string) => db.certificates.filter((c) => c.cardId === cardId).map((c) => `${c.type}:${c.status}`);

console.log('persons:', db.persons.size, '(demo accounts:', DEMO_ACCOUNTS.length, ')');
const types: SearchType[] = ['persons', 'cards', 'temporary-cards', 'requests', 'certificates', 'mobile-ids', 'virtual-smart-cards', 'software-tokens'];
console.log('totals:', Object.fromEntries(types.map((t) => [t, find(t, '').total])));

console.log('\nOpen Tasks per persona (Open or Postponed, decided with the persona\'s permissions):');
for (const a of DEMO_ACCOUNTS) {
  const principal = principalOf(a.roles);
  const tasks = db.tasks.filter((t) => (t.status === 'Open' || t.status === 'Postponed') && mayWorkOn(principal, t.type) && personInTenant(db, t.subjectId, DEFAULT_TENANT_ID));
  if (tasks.length) console.log(' ', a.username, tasks.length);
}

const kowalski = find('persons', 'Kowalski');
console.log('\n"Kowalski":', kowalski.total);
kowalski.items.forEach((p, i) => {
  const cards = db.cards.filter((c) => c.personId === p.id).map((c) => `${c.id} ${c.number} ${c.status} [${certificatesOf(c.id).join(', ')}]`);
  console.log(`  ${i + 1}. ${p.id} ${p.personalId} ${p.displayName} ${p.status} ${p.type}: ${cards.join('; ')}`);
});

for (const [label, type, q, filters] of [
  ['Issued cards', 'cards', '', { status: 'Issued' }],
  ['Active cards', 'cards', '', { status: 'Active' }],
  ['Active persons', 'persons', '', { status: 'Active' }],
  ['"berg" Active cards', 'cards', 'berg', { status: 'Active' }],
] as const) {
  const r = find(type, q, filters);
  const first = r.items[0]!;
  const holder = (first.holder as { displayName: string } | undefined)?.displayName;
  console.log(`\n${label}: ${r.total}; first: ${first.id} ${String(first.number ?? first.displayName)}${holder ? ` (${holder})` : ''}`,
    type === 'cards' ? `[${certificatesOf(String(first.id)).join(', ')}]` : '');
}
