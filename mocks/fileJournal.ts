/**
 * The journal of `npm run mock-api --data DIR`: every change appended to `DIR/journal.jsonl` as one
 * line, written before the request is answered, and replayed on start, so a restart keeps what was
 * done. The first line names the organisation the changes were made on (size, seed, data version);
 * a journal of another one is refused rather than misread. A damaged line (a crash mid-write leaves
 * one at the end) is skipped with a warning; nothing else is lost.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_SEED } from './db/schema';
import type { Journal, Op } from './db/store';
import { DATA_VERSION } from './demo/journal';

export const JOURNAL_FILE = 'journal.jsonl';

export class JournalMismatch extends Error {}

export function fileJournal(dir: string, persons: number, warn: (message: string) => void = console.warn): Journal & { file: string; replayed: number } {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, JOURNAL_FILE);
  const meta = `${persons}/${DEMO_SEED}/${DATA_VERSION}`;
  const header = () => `${JSON.stringify({ journalOf: meta })}\n`;
  const ops: Op[] = [];
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const first = lines.shift() ?? '';
    let of: unknown;
    try {
      of = (JSON.parse(first) as { journalOf?: unknown }).journalOf;
    } catch {
      of = undefined;
    }
    if (of !== meta) {
      throw new JournalMismatch(
        `${file} holds changes made on another organisation (${String(of ?? 'unreadable')}; this one is ${meta}). Start with the same size, or with --reset to start over.`,
      );
    }
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const op = JSON.parse(line) as Op;
        if (!op || typeof op !== 'object' || typeof op.kind !== 'string') throw new Error('not a change');
        ops.push(op);
      } catch {
        warn(`${file}, line ${i + 2}: damaged, skipped (${line.slice(0, 60)}${line.length > 60 ? '…' : ''}).`);
      }
    });
    // A line cut off mid-write: the next change starts on a line of its own.
    if (text.length && !text.endsWith('\n')) appendFileSync(file, '\n');
  } else writeFileSync(file, header());
  return {
    file,
    replayed: ops.length,
    load: () => ops,
    append: (op) => appendFileSync(file, `${JSON.stringify(op)}\n`),
    clear: () => {
      ops.length = 0;
      writeFileSync(file, header());
    },
  };
}
