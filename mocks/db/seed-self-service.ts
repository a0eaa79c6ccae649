/**
 * Self-service state of the demo: who is registered for self-service, security passwords and the PIN
 * state of cards. Generated after everything else with its own random stream; it adds no cards or
 * certificates, so no id or count of the demo organisation shifts.
 * Secrets are kept as salted hashes only; a card without a PIN record has the initial PIN (123456).
 */
import { createRandom } from './prng';
import type { Db } from './schema';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

export function seedSelfService(db: Db, options: { demoSeed: number; baseTime: number }) {
  const rnd = createRandom(options.demoSeed + 3);
  const account = db.accounts.find((a) => a.username === 'self-service-user');
  if (!account) return;
  const person = db.persons.get(account.personId);
  if (!person) return;
  db.selfService.put({
    id: account.id,
    registered: true,
    registeredAt: iso(options.baseTime - rnd.int(100, 400) * DAY),
    securityPasswordHash: null,
    securityPasswordSetAt: null,
  });
  // Her active card's PIN was entered wrongly too often at a reader: unblocking it is the demo's case.
  const active = db.cards.find((c) => c.personId === person.id && c.status === 'Active');
  if (active) db.pinStates.put({ id: active.id, pinHash: null, pinBlocked: true, changedAt: iso(options.baseTime - rnd.int(1, 5) * DAY) });
}
