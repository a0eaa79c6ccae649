import type { Permission } from '../../access/model';
import type { BatchOrderType, PersonRef } from '../../api/types';
import { formatDate, t, tDynamic, type MessageKey, type StatusName } from '../../i18n';
import type { ColumnDef } from '../../ui/DataTable';
import { StatusBadge, statusLabel } from '../../ui/StatusBadge';

/** A row of the object table: every source collection has `id` and `status`; the rest is read per source. */
export type SourceRow = { id: string; status: string } & Record<string, unknown>;

export type Source = 'cards' | 'temporary-cards' | 'persons' | 'users';

export interface SourceConfig {
  path: string;
  /** The objects with their count, e.g. "{count} cards" (one and other). */
  noun: MessageKey;
  textLabel: MessageKey;
  /** The name of the table the objects are ticked in. */
  tableLabel: MessageKey;
  statuses: readonly StatusName[];
  /** The second criterion (card type, person type), when the collection has one. */
  kindFilter?: { label: MessageKey; options: [string, MessageKey][] };
  columns: ColumnDef<SourceRow>[];
  /** The item's name as the order will list it. */
  label: (row: SourceRow) => string;
}

export interface OrderTypeConfig {
  type: BatchOrderType;
  /** The permission the backend checks for this order type. */
  permission: Permission;
  /** Where an action needs another permission than the type's (repeating a production: card:repeat-production). */
  actionPermissions?: Partial<Record<'run' | 'cancel' | 'repeat-failed' | 'complete', Permission>>;
  source: Source;
  /** The state the criteria start with: the one ready for this order. */
  defaultStatus: StatusName | '';
  /** Production orders say "Start production" and "Repeat production". */
  production: boolean;
  /** Whether "all N matching" can be ordered by criteria (the backend has no criteria for accounts). */
  byCriteria: boolean;
  /** What will happen, line by line. */
  effects: MessageKey[];
  /** The rule by which objects are skipped, in words. */
  skipRule: MessageKey | null;
  /** Why an object as seen in the table would be skipped, or null when it is ready. */
  skipReason: (row: SourceRow) => string | null;
}

const holder = (r: SourceRow) => (r.holder as PersonRef | null | undefined)?.displayName ?? '–';
const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const kinds: [string, MessageKey][] = [
  ['employee', 'type.employee'],
  ['contractor', 'type.contractor'],
  ['visitor', 'type.visitor'],
];
const badge = (r: SourceRow) => <StatusBadge status={r.status} />;

export const SOURCES: Record<Source, SourceConfig> = {
  cards: {
    path: '/cards',
    tableLabel: 'search.type.cards',
    noun: 'batch.noun.cards',
    textLabel: 'search.text.cards',
    statuses: ['Approved', 'Failed', 'Registered', 'Requested', 'Rejected', 'Aborted', 'Issued', 'Active', 'Inactive', 'Locked', 'Expired'],
    kindFilter: { label: 'search.cardType', options: kinds },
    columns: [
      { id: 'number', header: 'col.cardNumber', cell: (r) => text(r.number), isRowHeader: true },
      { id: 'holder', header: 'col.holder', cell: holder },
      { id: 'type', header: 'col.type', cell: (r) => tDynamic(`type.${text(r.type)}`, text(r.type)) },
      { id: 'status', header: 'col.status', cell: badge },
      { id: 'validTo', header: 'col.validTo', cell: (r) => (r.validTo ? formatDate(text(r.validTo)) : '–') },
    ],
    label: (r) => text(r.number),
  },
  'temporary-cards': {
    path: '/temporary-cards',
    tableLabel: 'search.type.temporary-cards',
    noun: 'batch.noun.temporary-cards',
    textLabel: 'search.text.temporary-cards',
    statuses: ['Requested', 'Failed', 'Unassigned', 'Assigned', 'Expired', 'Locked', 'Aborted'],
    columns: [
      { id: 'number', header: 'col.cardNumber', cell: (r) => text(r.number), isRowHeader: true },
      { id: 'holder', header: 'col.holder', cell: holder },
      { id: 'status', header: 'col.status', cell: badge },
      { id: 'validTo', header: 'col.validTo', cell: (r) => (r.validTo ? formatDate(text(r.validTo)) : '–') },
    ],
    label: (r) => text(r.number),
  },
  persons: {
    path: '/persons',
    tableLabel: 'search.type.persons',
    noun: 'batch.noun.persons',
    textLabel: 'search.text.persons',
    statuses: ['Active', 'Registered', 'Inactive', 'Locked'],
    kindFilter: { label: 'search.personType', options: kinds },
    columns: [
      { id: 'name', header: 'col.name', cell: (r) => `${text(r.lastName)}, ${text(r.firstName)}`, isRowHeader: true },
      { id: 'personalId', header: 'col.personalId', cell: (r) => text(r.personalId) },
      { id: 'orgUnit', header: 'col.orgUnit', cell: (r) => text(r.orgUnit) },
      { id: 'type', header: 'col.type', cell: (r) => tDynamic(`type.${text(r.type)}`, text(r.type)) },
      { id: 'status', header: 'col.status', cell: badge },
    ],
    label: (r) => text(r.displayName),
  },
  users: {
    path: '/users',
    tableLabel: 'batch.source.users',
    noun: 'batch.noun.users',
    textLabel: 'users.filter',
    statuses: [],
    columns: [
      { id: 'username', header: 'col.username', cell: (r) => text(r.username), isRowHeader: true },
      { id: 'displayName', header: 'col.name', cell: (r) => text(r.displayName) },
      { id: 'status', header: 'col.status', cell: badge },
      { id: 'roles', header: 'col.roles', cell: (r) => (Array.isArray(r.roles) ? r.roles.join(', ') : '') },
    ],
    label: (r) => text(r.username),
  },
};

const notIn = (ready: readonly StatusName[], reason: (status: string) => string) => (r: SourceRow) => ((ready as readonly string[]).includes(r.status) ? null : reason(r.status));

/** The order types, in the order they are offered. Their permissions are the backend's (one per type, and per action where the seed names one). */
export const ORDER_TYPES: readonly OrderTypeConfig[] = [
  {
    type: 'produce-cards',
    permission: 'card:produce',
    actionPermissions: { 'repeat-failed': 'card:repeat-production' },
    source: 'cards',
    defaultStatus: 'Approved',
    production: true,
    byCriteria: true,
    effects: ['batch.effect.produce-cards', 'batch.effect.produceFails', 'batch.effect.background'],
    skipRule: 'batch.skipRule.produce-cards',
    skipReason: notIn(['Approved', 'Failed'], (status) => t('batch.skip.card', { status: statusLabel(status) })),
  },
  {
    type: 'request-cards',
    permission: 'card:request',
    source: 'persons',
    defaultStatus: 'Active',
    production: false,
    byCriteria: true,
    effects: ['batch.effect.request-cards', 'batch.effect.background'],
    skipRule: 'batch.skipRule.request-cards',
    skipReason: notIn(['Active'], (status) => t('batch.skip.person', { status: statusLabel(status) })),
  },
  {
    type: 'issue-temporary-cards',
    permission: 'temporary-card:issue',
    source: 'temporary-cards',
    defaultStatus: 'Requested',
    production: true,
    byCriteria: true,
    effects: ['batch.effect.issue-temporary-cards', 'batch.effect.produceFails', 'batch.effect.background'],
    skipRule: 'batch.skipRule.issue-temporary-cards',
    skipReason: notIn(['Requested', 'Failed'], (status) => t('batch.skip.temporaryCard', { status: statusLabel(status) })),
  },
  {
    type: 'reset-passwords',
    permission: 'password:reset',
    source: 'persons',
    defaultStatus: 'Active',
    production: false,
    byCriteria: true,
    effects: ['batch.effect.reset-passwords', 'batch.effect.background'],
    skipRule: 'batch.skipRule.reset-passwords',
    skipReason: notIn(['Active'], (status) => t('batch.skip.person', { status: statusLabel(status) })),
  },
  {
    type: 'edit-roles',
    permission: 'role:assign',
    source: 'users',
    defaultStatus: '',
    production: false,
    byCriteria: false,
    effects: ['batch.effect.edit-roles', 'batch.effect.background'],
    skipRule: null,
    skipReason: () => null,
  },
];

export function orderTypeConfig(type: BatchOrderType): OrderTypeConfig {
  return ORDER_TYPES.find((c) => c.type === type)!;
}

export const isOrderType = (v: string | null | undefined): v is BatchOrderType => ORDER_TYPES.some((c) => c.type === v);

export const typeLabel = (type: BatchOrderType) => tDynamic(`batch.type.${type}`, type);

/** "85 cards", "1 person": the count with the source's noun. */
export const countOf = (source: Source, count: number) => t(SOURCES[source].noun, { count });

/** "Start production" for production orders, "Run" for the others. */
export const runLabel = (c: OrderTypeConfig) => t(c.production ? 'batch.action.startProduction' : 'batch.action.run');
