// @vitest-environment node
// Sessions end after a time without use: the next request is answered 401 `session-expired` (once;
// the session is gone after it), use restarts the idle time, and each expiry is audited.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditLogEntry, Collection, Problem } from '../../src/api/types';
import { DEFAULT_SESSION_IDLE_MS } from '../db/store';
import { contractHarness } from '../contract/harness';

const c = contractHarness({ persons: 300 });
const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-03T09:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
  c.store.sessionIdleMs = DEFAULT_SESSION_IDLE_MS;
});

const signIn = async (username: string) => (await c.signIn(username)).cookie;

describe('a session without use', () => {
  it('lasts 30 minutes by default, counted from the last request', async () => {
    expect(DEFAULT_SESSION_IDLE_MS).toBe(30 * MINUTE);
    const cookie = await signIn('registration-officer');
    vi.advanceTimersByTime(29 * MINUTE);
    expect((await c.call('GET /session', { cookie })).status).toBe(200);
    vi.advanceTimersByTime(29 * MINUTE);
    expect((await c.call('GET /persons', { cookie })).status).toBe(200);
    vi.advanceTimersByTime(31 * MINUTE);
    const ended = await c.call('GET /persons', { cookie });
    expect(ended.status).toBe(401);
    expect(((await ended.json()) as Problem).code).toBe('session-expired');
  });

  it('ends after the configured time; once ended it stays ended, and a write is refused the same way', async () => {
    c.store.sessionIdleMs = 5_000;
    const cookie = await signIn('registration-officer');
    vi.advanceTimersByTime(6_000);
    const card = c.store.db.cards.find((x) => x.status === 'Active')!;
    const write = await c.call('POST /cards/{id}/actions/{action}', { cookie, path: { id: card.id, action: 'lock' }, body: { reason: 'Lost' }, headers: { 'If-Match': `"${card.version}"` } });
    expect(write.status).toBe(401);
    expect(((await write.json()) as Problem).code).toBe('session-expired');
    expect(c.store.db.cards.get(card.id)?.status).toBe('Active');
    const again = await c.call('GET /session', { cookie });
    expect(again.status).toBe(401);
    expect(((await again.json()) as Problem).code).toBe('not-signed-in');
  });

  it('leaves other sessions alone and is audited in the system log', async () => {
    c.store.sessionIdleMs = 5_000;
    const idle = await signIn('registration-officer');
    vi.advanceTimersByTime(3_000);
    const busy = await signIn('service-administrator');
    vi.advanceTimersByTime(3_000);
    expect((await c.call('GET /session', { cookie: busy })).status).toBe(200);
    expect((await c.call('GET /session', { cookie: idle })).status).toBe(401);
    const log = (await c.expectDocumented('GET /admin/system-log', await c.call('GET /admin/system-log', { cookie: busy }), 200)) as Collection<AuditLogEntry>;
    const entry = log.items.find((e) => e.action === 'session-expired');
    expect(entry).toMatchObject({ actor: 'registration-officer', outcome: 'success' });
  });
});

describe('one session told to end sooner (the end-to-end tests of the contract server)', () => {
  it('ends after its own idle time while the others keep the server’s', async () => {
    const short = await signIn('registration-officer');
    const other = await signIn('service-administrator');
    expect(c.store.setSessionIdle(short.split('=')[1]!, 5_000)).toBe(true);
    expect(c.store.setSessionIdle('no-such-session', 5_000)).toBe(false);
    vi.advanceTimersByTime(6_000);
    expect((await c.call('GET /session', { cookie: other })).status).toBe(200);
    expect((await c.call('GET /session', { cookie: short })).status).toBe(401);
  });
});
