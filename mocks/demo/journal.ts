/**
 * The demo's journal of changes, kept in IndexedDB by the backend worker (a worker has no
 * localStorage). Every change is numbered; the worker answers a request only once the changes it made
 * are written (`flush`), so a reload right after a change always finds it. Changes of background work
 * (a batch run) are gathered and written every few hundred milliseconds. Puts of the same row are
 * compacted to the last one.
 */
import { createStore as idbStore, delMany, getMany, setMany } from 'idb-keyval';
import { DEMO_SEED } from '../db/schema';
import type { Journal, Op } from '../db/store';

export const JOURNAL_DB = 'prime-console-demo';
const JOURNAL_KEY = 'journal';
const SEQ_KEY = 'journal-seq';
const META_KEY = 'journal-of';
/**
 * The changes are replayed on top of a generated organisation, so they hold only for the one they
 * were made on: its size, the seed, and this data version (raise it when the generator or the shape
 * of a change changes). A journal of another is dropped, never misread.
 */
export const DATA_VERSION = 2;

/** Where the journal is kept: IndexedDB in the browser (idb-keyval), a Map in the tests. */
export interface KeyValue {
  getMany(keys: string[]): Promise<unknown[]>;
  setMany(entries: [string, unknown][]): Promise<void>;
  delMany(keys: string[]): Promise<void>;
}

export function indexedDbStorage(): KeyValue {
  const db = idbStore(JOURNAL_DB, 'journal');
  return { getMany: (k) => getMany(k, db), setMany: (e) => setMany(e, db), delMany: (k) => delMany(k, db) };
}

const isOp = (op: unknown): op is Op => !!op && typeof op === 'object' && typeof (op as { kind?: unknown }).kind === 'string';

export interface WorkerJournal extends Journal {
  /** Resolves once every change recorded so far is written. */
  flush(): Promise<void>;
  /** Records a change another backend made (dedicated workers, one per tab), so this one's writes keep it. */
  receive(op: Op): void;
  /** Told of every change this backend records. */
  onAppend: ((op: Op) => void) | null;
}

export async function indexedDbJournal(persons: number, warn: (message: string) => void = () => undefined, storage: KeyValue = indexedDbStorage()): Promise<WorkerJournal> {
  const meta = `${persons}/${DEMO_SEED}/${DATA_VERSION}`;
  const [stored, storedSeq, storedMeta] = await storage.getMany([JOURNAL_KEY, SEQ_KEY, META_KEY]);
  let ops: Op[] = [];
  let seq = 0;
  if (stored === undefined) {
    // Nothing kept yet: a first visit, or after Reset demo data.
  } else if (storedMeta !== meta) {
    warn(`The demo changes kept in this browser were made on another demo organisation (${String(storedMeta ?? 'an older version')}, this one is ${meta}); they were dropped and the organisation starts fresh.`);
    await storage.delMany([JOURNAL_KEY, SEQ_KEY, META_KEY]);
  } else if (!Array.isArray(stored) || !stored.every(isOp)) {
    warn('The demo changes kept in this browser could not be read (damaged); they were dropped and the organisation starts fresh.');
    await storage.delMany([JOURNAL_KEY, SEQ_KEY, META_KEY]);
  } else {
    ops = stored;
    seq = typeof storedSeq === 'number' ? storedSeq : ops.length;
  }
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();

  const compact = () => {
    const last = new Map<string, number>();
    ops.forEach((op, i) => op.kind === 'put' && last.set(`${op.collection}:${op.value.id}`, i));
    // A session that ended needs neither its start nor its end.
    const ended = new Set(ops.filter((op) => op.kind === 'session.delete').map((op) => (op as { id: string }).id));
    ops = ops.filter(
      (op, i) =>
        (op.kind !== 'put' || last.get(`${op.collection}:${op.value.id}`) === i) &&
        !((op.kind === 'session.create' || op.kind === 'session.delete') && ended.has(op.id)),
    );
  };
  const write = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!dirty) return writing;
    dirty = false;
    compact();
    const snapshot = [...ops];
    const at = seq;
    // One write at a time, in order: a later write never lands before an earlier one.
    writing = writing.then(() =>
      storage.setMany([[JOURNAL_KEY, snapshot], [SEQ_KEY, at], [META_KEY, meta]]).catch(() => {
        dirty = true;
      }),
    );
    return writing;
  };

  const record = (op: Op) => {
    ops.push(op);
    seq += 1;
    dirty = true;
    timer ??= setTimeout(() => void write(), 300);
  };
  const journal: WorkerJournal = {
    onAppend: null,
    load: () => ops,
    append: (op) => {
      record(op);
      journal.onAppend?.(op);
    },
    receive: record,
    flush: write,
    clear: () => {
      ops = [];
      seq = 0;
      dirty = false;
      if (timer) clearTimeout(timer);
      timer = null;
      writing = writing.then(() => storage.delMany([JOURNAL_KEY, SEQ_KEY, META_KEY]));
    },
  };
  return journal;
}
