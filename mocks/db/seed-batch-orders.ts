/** Past batch orders, each over real objects of the organisation, and the services. Draw from the main stream. */
import type { BatchItem } from '../../src/api/types';
import { PERSONAS } from './personas';
import type { Random } from './prng';
import { BASE_TIME, type BatchOrderRecord, type Db } from './schema';
import { asciiMail, DAY, iso, pad } from './seed-util';

export function seedBatchOrders(db: Db, rnd: Random): void {
  const producers = db.persons.all().slice(0, PERSONAS.length).filter((_, i) => PERSONAS[i]!.roles.some((r) => r === 'BaseRoleProductionAdmin' || r === 'BaseRoleRegistrationOfficer'));
  const orderTypes = ['produce-cards', 'request-cards', 'issue-temporary-cards', 'reset-passwords'] as const;
  const orders: BatchOrderRecord[] = [];
  const cardPool = db.cards.all();
  const personPool = db.persons.all();
  const tempPool = db.temporaryCards.all();
  for (let i = 0; i < 12; i++) {
    const type = rnd.pick(orderTypes);
    const status = rnd.weighted<BatchOrderRecord['status']>([['Completed', 8], ['Finished', 2], ['Cancelled', 1]]);
    const itemCount = rnd.int(5, 120);
    const items: BatchItem[] = [];
    for (let k = 0; k < itemCount; k++) {
      const printed = type === 'produce-cards' || type === 'issue-temporary-cards';
      // Only printing fails (a feed error); the other orders have no such step.
      const failed = printed && status !== 'Cancelled' && rnd.next() < 0.03;
      const pool = type === 'produce-cards' ? cardPool : type === 'issue-temporary-cards' ? tempPool : personPool;
      const source = pool[rnd.int(0, pool.length - 1)]!;
      items.push({
        id: source.id,
        label: 'number' in source ? source.number : source.displayName,
        status: status === 'Cancelled' && k > itemCount / 2 ? 'pending' : failed ? 'failed' : 'done',
        ...(failed ? { reason: 'The card printer reported a feed error.' } : {}),
        attempts: 1,
      });
    }
    const failedCount = items.filter((x) => x.status === 'failed').length;
    const processedCount = items.filter((x) => x.status !== 'pending').length;
    const by = rnd.pick(producers);
    const createdAt = iso(BASE_TIME - (12 - i) * 3 * DAY - rnd.int(0, 80_000) * 1000);
    orders.push({
      id: `bo-${pad(i + 1, 4)}`,
      type,
      status: status === 'Finished' && failedCount === 0 ? 'Completed' : status,
      itemCount,
      processedCount,
      failedCount,
      createdAt,
      createdBy: { id: by.id, displayName: by.displayName },
      version: 1,
      items,
      startedAt: createdAt,
      finishedAt: createdAt,
      idempotencyKey: null,
      requestHash: null,
    });
  }
  // Newest first.
  for (const o of orders.reverse()) db.batchOrders.put(o);
}

/** The services of the installation that Admin starts and stops. */
export function seedServices(db: Db, rnd: Random): void {
  const services = [
    'Process engine', 'CA connector', 'Card printer spooler', 'PACS export', 'E-mail', 'Directory synchronisation', 'Batch order scheduler',
  ];
  services.forEach((name, i) => {
    db.services.put({
      id: `svc-${asciiMail(name.replace(/ /g, ''))}`,
      name,
      state: name === 'PACS export' ? 'Stopped' : 'Running',
      since: iso(BASE_TIME - rnd.int(1, 40) * DAY - i * 3_600_000),
      version: 1,
      changedBy: null,
      plan: [],
      settlesAt: null,
    });
  });
}
