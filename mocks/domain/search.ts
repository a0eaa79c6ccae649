/**
 * Extended Search over the store: one description per object type (what the free text matches, which
 * filters and sort fields it takes), with text keys and sort orders cached until the rows change, so a
 * query over 100,000 persons is a single scan of prepared strings.
 */
import type { Card, CardRequest, Certificate, Credential, Person, PersonRef, SearchType, TemporaryCard } from '../../src/api/types';
import { DEFAULT_TENANT_ID, type Db, type RequestRecord } from '../db/schema';
import type { Table } from '../db/table';
import { STATES } from './lifecycle';
import { tenantOfPerson } from './tenancy';
import { collator } from './collation';

type Row = { id: string };

interface Filter<T> {
  values?: readonly string[];
  /** Validates a free value (e.g. a date); returns an error message or null. */
  check?: (v: string) => string | null;
  test: (row: T, v: string) => boolean;
}

interface TypeSpec<T extends Row> {
  table: (db: Db) => Table<T>;
  /** Tables whose change makes the cached text stale (e.g. a holder's name). */
  dependsOn: (db: Db) => Table<Row>[];
  text: (row: T, db: Db) => string;
  /** The row's tenant (a person's own, or its holder's), cached with the text. */
  tenant: (row: T, db: Db) => string;
  filters: Record<string, Filter<T>>;
  sort: Record<string, (row: T, db: Db) => string>;
  defaultSort: string;
  out: (row: T, db: Db) => unknown;
}

const holderRef = (db: Db, personId: string | null): PersonRef | null => {
  if (!personId) return null;
  const p = db.persons.get(personId);
  return p ? { id: p.id, displayName: p.displayName } : null;
};
const holderName = (db: Db, personId: string | null) => (personId ? (db.persons.get(personId)?.displayName ?? '') : '');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateCheck = (v: string) => (ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)) ? null : 'Use a date as YYYY-MM-DD.');
const eq = <T>(get: (r: T) => string) => (r: T, v: string) => get(r) === v;

const credentialSpec = (): TypeSpec<Credential> => ({
  table: (db) => db.credentials,
  dependsOn: (db) => [db.persons],
  text: (c, db) => `${c.label} ${holderName(db, c.personId)}`.toLowerCase(),
  tenant: (c, db) => tenantOfPerson(db, c.personId),
  filters: { status: { values: ['Registered', 'Active', 'Inactive', 'Locked'], test: eq((c) => c.status) } },
  sort: { label: (c) => c.label, status: (c) => c.status, createdAt: (c) => c.createdAt, holder: (c, db) => holderName(db, c.personId) },
  defaultSort: 'createdAt',
  out: (c, db) => ({ ...c, holder: holderRef(db, c.personId) }),
});

export const SEARCH_TYPES: Record<SearchType, TypeSpec<Row>> = {
  persons: {
    table: (db) => db.persons,
    dependsOn: () => [],
    text: (p: Person) => `${p.displayName} ${p.personalId} ${p.email}`.toLowerCase(),
    tenant: (p: Person) => p.tenantId ?? DEFAULT_TENANT_ID,
    filters: {
      status: { values: STATES.person, test: eq((p: Person) => p.status) },
      type: { values: ['employee', 'contractor', 'visitor'], test: eq((p: Person) => p.type) },
      orgUnit: { test: eq((p: Person) => p.orgUnit) },
    },
    sort: {
      lastName: (p: Person) => `${p.lastName} ${p.firstName}`,
      firstName: (p: Person) => p.firstName,
      personalId: (p: Person) => p.personalId,
      email: (p: Person) => p.email,
      orgUnit: (p: Person) => p.orgUnit,
      type: (p: Person) => p.type,
      status: (p: Person) => p.status,
      createdAt: (p: Person) => p.createdAt,
    },
    defaultSort: 'lastName',
    out: (p: Person) => p,
  } as TypeSpec<Person> as unknown as TypeSpec<Row>,
  cards: {
    table: (db) => db.cards,
    dependsOn: (db) => [db.persons],
    text: (c: Card, db) => `${c.number} ${holderName(db, c.personId)}`.toLowerCase(),
    tenant: (c: Card, db) => tenantOfPerson(db, c.personId),
    filters: {
      status: { values: STATES.card, test: eq((c: Card) => c.status) },
      type: { values: ['employee', 'contractor', 'visitor'], test: eq((c: Card) => c.type) },
      validFrom: { check: dateCheck, test: (c: Card, v) => c.validTo.slice(0, 10) >= v },
      validTo: { check: dateCheck, test: (c: Card, v) => c.validTo.slice(0, 10) <= v },
    },
    sort: {
      number: (c: Card) => c.number,
      holder: (c: Card, db) => holderName(db, c.personId),
      type: (c: Card) => c.type,
      status: (c: Card) => c.status,
      validTo: (c: Card) => c.validTo,
    },
    defaultSort: 'number',
    out: (c: Card, db) => ({ ...c, holder: holderRef(db, c.personId) }),
  } as TypeSpec<Card> as unknown as TypeSpec<Row>,
  'temporary-cards': {
    table: (db) => db.temporaryCards,
    dependsOn: (db) => [db.persons],
    text: (t: TemporaryCard, db) => `${t.number} ${holderName(db, t.personId)}`.toLowerCase(),
    // The pool of unassigned temporary cards is the default tenant's service desk.
    tenant: (t: TemporaryCard, db) => tenantOfPerson(db, t.personId),
    filters: { status: { values: STATES['temporary-card'], test: eq((t: TemporaryCard) => t.status) } },
    sort: { number: (t: TemporaryCard) => t.number, status: (t: TemporaryCard) => t.status, validTo: (t: TemporaryCard) => t.validTo, holder: (t: TemporaryCard, db) => holderName(db, t.personId) },
    defaultSort: 'number',
    out: (t: TemporaryCard, db) => ({ ...t, holder: holderRef(db, t.personId) }),
  } as TypeSpec<TemporaryCard> as unknown as TypeSpec<Row>,
  requests: {
    table: (db) => db.requests,
    dependsOn: (db) => [db.persons],
    text: (r: RequestRecord, db) => `${r.id} ${holderName(db, r.personId)}`.toLowerCase(),
    tenant: (r: RequestRecord, db) => tenantOfPerson(db, r.personId),
    filters: { status: { values: ['Requested', 'Approved', 'Rejected', 'Aborted'], test: eq((r: RequestRecord) => r.status) } },
    sort: { createdAt: (r: RequestRecord) => r.createdAt, status: (r: RequestRecord) => r.status, holder: (r: RequestRecord, db) => holderName(db, r.personId) },
    defaultSort: 'createdAt',
    out: (r: RequestRecord, db): CardRequest & { holder: PersonRef | null } => {
      const { requestedById, ...rest } = r;
      return { ...rest, requestedBy: holderRef(db, requestedById) ?? { id: requestedById, displayName: 'Unknown person' }, holder: holderRef(db, r.personId) };
    },
  } as TypeSpec<RequestRecord> as unknown as TypeSpec<Row>,
  certificates: {
    table: (db) => db.certificates,
    dependsOn: (db) => [db.persons],
    text: (c: Certificate, db) => `${c.serialNumber} ${holderName(db, c.personId)}`.toLowerCase(),
    tenant: (c: Certificate, db) => tenantOfPerson(db, c.personId),
    filters: {
      status: { values: STATES.certificate, test: eq((c: Certificate) => c.status) },
      type: { values: ['authentication', 'signature', 'encryption'], test: eq((c: Certificate) => c.type) },
    },
    sort: { serialNumber: (c: Certificate) => c.serialNumber, type: (c: Certificate) => c.type, status: (c: Certificate) => c.status, validTo: (c: Certificate) => c.validTo, holder: (c: Certificate, db) => holderName(db, c.personId) },
    defaultSort: 'serialNumber',
    out: (c: Certificate, db) => ({ ...c, holder: holderRef(db, c.personId) }),
  } as TypeSpec<Certificate> as unknown as TypeSpec<Row>,
  'mobile-ids': credentialSpec() as unknown as TypeSpec<Row>,
  'virtual-smart-cards': credentialSpec() as unknown as TypeSpec<Row>,
  'software-tokens': credentialSpec() as unknown as TypeSpec<Row>,
};

const KIND_OF: Partial<Record<SearchType, Credential['kind']>> = {
  'mobile-ids': 'mobile-id',
  'virtual-smart-cards': 'virtual-smart-card',
  'software-tokens': 'software-token',
};

/** Rows of a type (credentials are one table, split by kind). */
function rowsOf(db: Db, type: SearchType): readonly Row[] {
  const all = SEARCH_TYPES[type].table(db).all();
  const kind = KIND_OF[type];
  return kind ? (all as readonly Credential[]).filter((c) => c.kind === kind) : all;
}

interface Prepared {
  stamp: string;
  rows: readonly Row[];
  texts: string[];
  tenants: string[];
  orders: Map<string, Int32Array>;
}
const cache = new WeakMap<Db, Map<SearchType, Prepared>>();

function prepared(db: Db, type: SearchType): Prepared {
  const spec = SEARCH_TYPES[type];
  const stamp = [spec.table(db), ...spec.dependsOn(db)].map((t) => t.version).join(':');
  let byType = cache.get(db);
  if (!byType) cache.set(db, (byType = new Map()));
  let p = byType.get(type);
  if (!p || p.stamp !== stamp) {
    const rows = rowsOf(db, type);
    p = { stamp, rows, texts: rows.map((r) => spec.text(r, db)), tenants: rows.map((r) => spec.tenant(r, db)), orders: new Map() };
    byType.set(type, p);
  }
  return p;
}

function order(db: Db, type: SearchType, p: Prepared, field: string, locale: string): Int32Array {
  let o = p.orders.get(`${locale}:${field}`);
  if (!o) {
    const key = SEARCH_TYPES[type].sort[field]!;
    const keys = p.rows.map((r) => key(r, db));
    const idx = Array.from(p.rows.keys());
    const { compare } = collator(locale);
    idx.sort((a, b) => compare(keys[a]!, keys[b]!) || (p.rows[a]!.id < p.rows[b]!.id ? -1 : 1));
    o = Int32Array.from(idx);
    p.orders.set(`${locale}:${field}`, o);
  }
  return o;
}

export interface SearchQuery {
  /** Only rows of this tenant are found (the session's tenant). */
  tenantId: string;
  q: string;
  filters: Record<string, string>;
  sort: { field: string; dir: 'asc' | 'desc' } | null;
  /** The language whose collation orders text; English when absent. */
  locale?: string;
  page: number;
  pageSize: number;
}

/** Checks the type's filters; returns field errors (empty when all is well). */
export function checkFilters(type: SearchType, params: URLSearchParams): { filters: Record<string, string>; errors: Record<string, string> } {
  const spec = SEARCH_TYPES[type];
  const filters: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const [name, f] of Object.entries(spec.filters)) {
    const v = params.get(name);
    if (!v) continue;
    if (f.values && !f.values.includes(v)) errors[name] = `${name} must be one of ${f.values.join(', ')}.`;
    else if (f.check && f.check(v)) errors[name] = f.check(v)!;
    else filters[name] = v;
  }
  return { filters, errors };
}

export function sortFields(type: SearchType): string[] {
  return Object.keys(SEARCH_TYPES[type].sort);
}

export function search(db: Db, type: SearchType, query: SearchQuery) {
  const spec = SEARCH_TYPES[type];
  const p = prepared(db, type);
  const sort = query.sort ?? { field: spec.defaultSort, dir: spec.defaultSort === 'createdAt' ? 'desc' : 'asc' };
  const ord = order(db, type, p, sort.field, query.locale ?? 'en');
  // One predicate for all filters, so the scan over every row stays a tight loop.
  const tests = Object.entries(query.filters).map(([name, v]) => {
    const test = spec.filters[name]!.test;
    return (row: Row) => test(row, v);
  });
  const pred = tests.length === 0 ? null : tests.length === 1 ? tests[0]! : (row: Row) => tests.every((f) => f(row));
  const q = query.q;
  const texts = p.texts;
  const tenants = p.tenants;
  const tenantId = query.tenantId;
  const rows = p.rows;
  const start = (query.page - 1) * query.pageSize;
  const end = start + query.pageSize;
  const items: unknown[] = [];
  let total = 0;
  const n = ord.length;
  const asc = sort.dir === 'asc';
  for (let k = 0; k < n; k++) {
    const i = ord[asc ? k : n - 1 - k]!;
    if (tenants[i] !== tenantId) continue;
    if (q && !texts[i]!.includes(q)) continue;
    if (pred && !pred(rows[i]!)) continue;
    if (total >= start && total < end) items.push(spec.out(rows[i]!, db));
    total += 1;
  }
  return { items, total, page: query.page, pageSize: query.pageSize };
}
