import { generateDb, type AuditEntry, type Db, type SeedOptions } from './seed';

/**
 * Every change to the demo data is an operation in a journal on top of the generated base. The browser
 * keeps the journal (so a reload keeps the changes); "Reset demo data" drops it. Tests start clean.
 */
export type Op =
  | { kind: 'session.create'; id: string; accountId: string; at: string }
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
    case 'session.create':
      db.sessions.set(op.id, { accountId: op.accountId, createdAt: op.at });
      break;
    case 'session.delete':
      db.sessions.delete(op.id);
      break;
    case 'audit':
      db.audit.push(op.entry);
      break;
  }
}

export class Store {
  db: Db;
  constructor(
    private readonly journal: Journal = memoryJournal(),
    private readonly options: SeedOptions = {},
  ) {
    this.db = this.rebuild();
  }

  private rebuild(): Db {
    const db = generateDb(this.options);
    for (const op of this.journal.load()) applyOp(db, op);
    return db;
  }

  /** Applies a change and records it in the journal. */
  commit(op: Op): void {
    applyOp(this.db, op);
    this.journal.append(op);
  }

  /** Back to the generated organisation: drops every recorded change. */
  reset(): void {
    this.journal.clear();
    this.db = this.rebuild();
  }

  audit(entry: Omit<AuditEntry, 'id' | 'at'>): void {
    this.commit({
      kind: 'audit',
      entry: { id: `a-${this.db.audit.length + 1}`, at: new Date().toISOString(), ...entry },
    });
  }
}
