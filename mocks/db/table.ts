/** A collection with lookup by id that keeps insertion order (the generated order) for scans. */
export class Table<T extends { id: string }> {
  private readonly rows: T[] = [];
  private readonly index = new Map<string, number>();
  /** Bumped on every put, so caches built over the rows know when they are stale. */
  version = 0;

  constructor(rows: Iterable<T> = []) {
    for (const r of rows) this.put(r);
  }

  get size(): number {
    return this.rows.length;
  }

  get(id: string): T | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.rows[i];
  }

  /** Inserts, or replaces the row with the same id in place. */
  put(row: T): void {
    this.version += 1;
    const i = this.index.get(row.id);
    if (i === undefined) {
      this.index.set(row.id, this.rows.length);
      this.rows.push(row);
    } else this.rows[i] = row;
  }

  /** The rows in order; do not mutate the array (use put). */
  all(): readonly T[] {
    return this.rows;
  }

  filter(pred: (row: T) => boolean): T[] {
    return this.rows.filter(pred);
  }

  find(pred: (row: T) => boolean): T | undefined {
    return this.rows.find(pred);
  }
}
