/**
 * The demo's journal of changes, kept in IndexedDB by the backend worker (a worker has no
 * localStorage). Every change is numbered; the worker answers a request only once the changes it made
 * are written (`flush`), so a reload right after a change always finds it. Changes of background work
 * (a batch run) are gathered and written every few hundred milliseconds. Puts of the same row are
 * compacted to the last one.
 */
import { createStore as idbStore, delMany, getMany, setMany } from 'idb-keyval';
import type { Journal, Op } from '../db/store';

export const JOURNAL_DB = 'prime-console-demo';
const JOURNAL_KEY = 'journal';
const SEQ_KEY = 'journal-seq';

export interface WorkerJournal extends Journal {
  /** Resolves once every change recorded so far is written. */
  flush(): Promise<void>;
  /** Records a change another backend made (dedicated workers, one per tab), so this one's writes keep it. */
  receive(op: Op): void;
  /** Told of every change this backend records. */
  onAppend: ((op: Op) => void) | null;
}

export async function indexedDbJournal(): Promise<WorkerJournal> {
  const db = idbStore(JOURNAL_DB, 'journal');
  const [stored, storedSeq] = (await getMany<unknown>([JOURNAL_KEY, SEQ_KEY], db)) as [Op[] | undefined, number | undefined];
  let ops: Op[] = Array.isArray(stored) ? stored : [];
  let seq = typeof storedSeq === 'number' ? storedSeq : 0;
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
      setMany([[JOURNAL_KEY, snapshot], [SEQ_KEY, at]], db).catch(() => {
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
      writing = writing.then(() => delMany([JOURNAL_KEY, SEQ_KEY], db));
    },
  };
  return journal;
}
