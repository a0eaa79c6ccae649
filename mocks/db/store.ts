import { forLog } from '../domain/text';
import { Throttle } from '../domain/throttle';
import { generateDb, generateDbAsync, type SeedOptions } from './seed';
import { DEFAULT_TENANT_ID, type AuditEntry, type Collections, type Db, type SessionRow } from './schema';

/**
 * Every change to the demo data is an operation in a journal on top of the generated base. The browser
 * keeps the journal (so a reload keeps the changes); "Reset demo data" drops it. Tests start clean.
 */
type PutOp = { [K in keyof Collections]: { kind: 'put'; collection: K; value: Collections[K] } }[keyof Collections];

export type Op =
  | PutOp
  | { kind: 'session.create'; id: string; accountId: string; at: string; tenantId?: string }
  | { kind: 'session.delete'; id: string }
  | { kind: 'audit'; entry: AuditEntry };

export interface Journal {
  load(): Op[];
  append(op: Op): void;
  clear(): void;
}

export function memoryJournal(): Journal {
  let ops: Op[] = [];
  return {
    load: () => ops,
    append: (op) => void ops.push(op),
    clear: () => {
      ops = [];
    },
  };
}

function applyOp(db: Db, op: Op): void {
  switch (op.kind) {
    case 'put':
      // The union of collections is correlated by the op's shape; TypeScript cannot follow it here.
      (db[op.collection] as unknown as { put(v: unknown): void }).put(op.value);
      break;
    case 'session.create':
      db.sessions.set(op.id, { accountId: op.accountId, createdAt: op.at, tenantId: op.tenantId ?? DEFAULT_TENANT_ID });
      break;
    case 'session.delete':
      db.sessions.delete(op.id);
      break;
    case 'audit':
      db.audit.push(op.entry);
      break;
  }
}

/** Guessing protection. Not journaled: a reload forgets it, as a restarted server would. */
/** Failed sign-ins in a row that lock a username out. */
export const SIGN_IN_TRIES = 10;

function createGuards() {
  return {
    /** Wrong current passwords at step-up, per account: 5 in a row lock step-up for a minute, then longer. */
    stepUp: new Throttle({ maxFailures: 5, lockMs: 60_000, maxLockMs: 3_600_000 }),
    /**
     * Failed sign-ins, per username as typed (known or not, so a lock-out never tells which exist):
     * 10 in a row lock that username for 5 minutes, then 10, 20… up to an hour. Other usernames are not affected.
     */
    signIn: new Throttle({ maxFailures: SIGN_IN_TRIES, lockMs: 5 * 60_000, maxLockMs: 3_600_000 }),
  };
}

/** A session ends after this long without a request, unless the backend is told otherwise. */
export const DEFAULT_SESSION_IDLE_MS = 30 * 60_000;

export class Store {
  db: Db;
  guards = createGuards();
  /** How long a session lasts without a request (`--session-idle`, the demo's setting, tests). */
  sessionIdleMs = DEFAULT_SESSION_IDLE_MS;
  /** When each session was last used; kept in memory (a restart counts from the session's start). */
  private readonly lastSeen = new Map<string, number>();
  /** Sessions told to end sooner (end-to-end tests of one session, beside others on the same server). */
  private readonly idleOf = new Map<string, number>();
  /** Bumped on every change, so caches (sorted indexes) know when to rebuild. */
  revision = 0;
  constructor(
    private readonly journal: Journal = memoryJournal(),
    private readonly options: SeedOptions = {},
    base?: Db,
  ) {
    this.db = base ? this.replay(base) : this.rebuild();
  }

  /** Builds the organisation in chunks without blocking the page, then replays the journal. */
  static async create(journal: Journal, options: SeedOptions = {}): Promise<Store> {
    return new Store(journal, options, await generateDbAsync(options));
  }

  private replay(db: Db): Db {
    for (const op of this.journal.load()) applyOp(db, op);
    return db;
  }

  private rebuild(): Db {
    return this.replay(generateDb(this.options));
  }

  /**
   * Background work (the batch runner): whether this backend runs it, and what to wake when it should
   * look again (it became the leader, or another backend's change arrived).
   */
  readonly background: { leader: boolean; wake: (() => void)[] } = { leader: true, wake: [] };

  /** Applies a change and records it in the journal. */
  commit(op: Op): void {
    applyOp(this.db, op);
    this.journal.append(op);
    this.revision += 1;
  }

  /** Applies a change made elsewhere (another tab of the demo) without recording it again. */
  receive(op: Op): void {
    applyOp(this.db, op);
    this.revision += 1;
  }

  /** Stores a changed row of a collection. */
  put<K extends keyof Collections>(collection: K, value: Collections[K]): void {
    this.commit({ kind: 'put', collection, value } as PutOp);
  }

  /** Forgets every failed try (the API tests start each test without lock-outs). */
  forgetGuards(): void {
    this.guards = createGuards();
  }

  /**
   * The session of a request, its idle time restarted; or `expired` (and ended, so it stays ended)
   * when it was not used for longer than `sessionIdleMs`; or null when there is no such session.
   */
  useSession(id: string, now = Date.now()): SessionRow | 'expired' | null {
    const session = this.db.sessions.get(id);
    if (!session) return null;
    const last = this.lastSeen.get(id) ?? Date.parse(session.createdAt);
    if (now - last > (this.idleOf.get(id) ?? this.sessionIdleMs)) {
      this.lastSeen.delete(id);
      this.idleOf.delete(id);
      this.commit({ kind: 'session.delete', id });
      return 'expired';
    }
    this.lastSeen.set(id, now);
    return session;
  }

  /** This one session ends after `ms` without use; false when there is no such session. */
  setSessionIdle(id: string, ms: number): boolean {
    if (!this.db.sessions.has(id)) return false;
    this.idleOf.set(id, ms);
    return true;
  }

  /** Ends every session of the account but `keep` (the caller's own, after its own password change). */
  endSessions(accountId: string, keep?: string): number {
    const ids = [...this.db.sessions].filter(([id, s]) => s.accountId === accountId && id !== keep).map(([id]) => id);
    for (const id of ids) this.commit({ kind: 'session.delete', id });
    return ids.length;
  }

  /** Back to the generated organisation: drops every recorded change. */
  reset(): void {
    this.journal.clear();
    this.lastSeen.clear();
    this.idleOf.clear();
    this.db = this.rebuild();
    this.guards = createGuards();
    this.revision += 1;
  }

  /** Records an audit entry; the texts a caller could have sent are cleaned and capped (`forLog`). */
  audit(entry: Omit<AuditEntry, 'id' | 'at'>): void {
    const clean: Omit<AuditEntry, 'id' | 'at'> = {
      ...entry,
      actor: forLog(entry.actor, 100),
      target: forLog(entry.target),
      ...(entry.detail !== undefined ? { detail: forLog(entry.detail, 1000) } : {}),
      ...(entry.object !== undefined ? { object: forLog(entry.object, 100) } : {}),
    };
    this.commit({
      kind: 'audit',
      entry: { id: `a-${this.db.audit.length + 1}`, at: new Date().toISOString(), ...clean },
    });
  }
}
