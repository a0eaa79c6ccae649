import type {
  Card,
  CardRequest,
  Certificate,
  Credential,
  Person,
  PersonRef,
  SearchRow,
  SearchType,
  TemporaryCard,
} from '../../api/types';
import { formatDate, formatDateTime, tDynamic, type MessageKey, type StatusName } from '../../i18n';
import type { ColumnDef } from '../../ui/DataTable';
import { StatusBadge } from '../../ui/StatusBadge';

/** A column of a result table, with the plain text the CSV export writes. */
export interface SearchColumn<T> extends ColumnDef<T> {
  text: (row: T) => string;
}

export interface FilterDef {
  key: string;
  label: MessageKey;
  kind: 'select' | 'date';
  /** A value with a message of its own, or a state (shown by its name in the active language). */
  options?: { value: string; label?: MessageKey }[];
  anyLabel?: MessageKey;
}

export interface SearchTypeConfig {
  type: SearchType;
  label: MessageKey;
  textLabel: MessageKey;
  filters: FilterDef[];
  columns: SearchColumn<AnyRow>[];
}

// The rows of all types share `id` and `status`; each type's columns read their own fields.
type AnyRow = SearchRow<{ id: string; status: string }> & Record<string, unknown>;

const col = <T,>(id: string, header: MessageKey, text: (r: T) => string, opts: { sortable?: boolean; badge?: boolean } = {}): SearchColumn<AnyRow> => ({
  id,
  header,
  text: text as unknown as (r: AnyRow) => string,
  cell: (opts.badge ? (r: T) => <StatusBadge status={text(r)} /> : text) as unknown as (r: AnyRow) => string,
  sortable: opts.sortable ?? false,
});
const holder = (r: { holder?: PersonRef | null }) => r.holder?.displayName ?? '–';
const status = (values: readonly StatusName[]): FilterDef => ({
  key: 'status',
  label: 'search.status',
  kind: 'select',
  anyLabel: 'search.anyStatus',
  options: values.map((v) => ({ value: v })),
});
const typeFilter = (label: MessageKey, values: [string, MessageKey][]): FilterDef => ({
  key: 'type',
  label,
  kind: 'select',
  anyLabel: 'search.anyType',
  options: values.map(([value, l]) => ({ value, label: l })),
});
const PERSON_TYPES: [string, MessageKey][] = [
  ['employee', 'type.employee'],
  ['contractor', 'type.contractor'],
  ['visitor', 'type.visitor'],
];

const credentialColumns = [
  col<SearchRow<Credential>>('label', 'col.label', (c) => c.label, { sortable: true }),
  col<SearchRow<Credential>>('holder', 'col.holder', holder, { sortable: true }),
  col<SearchRow<Credential>>('status', 'col.status', (c) => c.status, { sortable: true, badge: true }),
  col<SearchRow<Credential>>('createdAt', 'col.created', (c) => formatDate(c.createdAt), { sortable: true }),
];
const CREDENTIAL_STATES: readonly StatusName[] = ['Active', 'Inactive', 'Locked', 'Registered'];

export const SEARCH_CONFIG: Record<SearchType, SearchTypeConfig> = {
  persons: {
    type: 'persons',
    label: 'search.type.persons',
    textLabel: 'search.text.persons',
    filters: [status(['Active', 'Inactive', 'Registered', 'Locked']), typeFilter('search.personType', PERSON_TYPES)],
    columns: [
      col<Person>('lastName', 'col.name', (p) => `${p.lastName}, ${p.firstName}`, { sortable: true }),
      col<Person>('personalId', 'col.personalId', (p) => p.personalId, { sortable: true }),
      col<Person>('email', 'col.email', (p) => p.email, { sortable: true }),
      col<Person>('orgUnit', 'col.orgUnit', (p) => p.orgUnit, { sortable: true }),
      col<Person>('type', 'col.type', (p) => tDynamic(`type.${p.type}`, p.type), { sortable: true }),
      col<Person>('status', 'col.status', (p) => p.status, { sortable: true, badge: true }),
    ],
  },
  cards: {
    type: 'cards',
    label: 'search.type.cards',
    textLabel: 'search.text.cards',
    filters: [
      status(['Registered', 'Requested', 'Approved', 'Rejected', 'Aborted', 'Failed', 'Issued', 'Active', 'Inactive', 'Locked', 'Expired']),
      typeFilter('search.cardType', PERSON_TYPES),
      { key: 'validFrom', label: 'search.validFrom', kind: 'date' },
      { key: 'validTo', label: 'search.validTo', kind: 'date' },
    ],
    columns: [
      col<SearchRow<Card>>('number', 'col.cardNumber', (c) => c.number, { sortable: true }),
      col<SearchRow<Card>>('holder', 'col.holder', holder, { sortable: true }),
      col<SearchRow<Card>>('type', 'col.type', (c) => tDynamic(`type.${c.type}`, c.type), { sortable: true }),
      col<SearchRow<Card>>('status', 'col.status', (c) => c.status, { sortable: true, badge: true }),
      col<SearchRow<Card>>('validTo', 'col.validTo', (c) => formatDate(c.validTo), { sortable: true }),
    ],
  },
  'temporary-cards': {
    type: 'temporary-cards',
    label: 'search.type.temporary-cards',
    textLabel: 'search.text.temporary-cards',
    filters: [status(['Requested', 'Unassigned', 'Assigned', 'Expired', 'Locked', 'Failed', 'Aborted'])],
    columns: [
      col<SearchRow<TemporaryCard>>('number', 'col.cardNumber', (c) => c.number, { sortable: true }),
      col<SearchRow<TemporaryCard>>('holder', 'col.holder', holder, { sortable: true }),
      col<SearchRow<TemporaryCard>>('status', 'col.status', (c) => c.status, { sortable: true, badge: true }),
      col<SearchRow<TemporaryCard>>('validTo', 'col.validTo', (c) => formatDate(c.validTo), { sortable: true }),
    ],
  },
  requests: {
    type: 'requests',
    label: 'search.type.requests',
    textLabel: 'search.text.requests',
    filters: [status(['Requested', 'Approved', 'Rejected', 'Aborted'])],
    columns: [
      col<SearchRow<CardRequest>>('holder', 'col.holder', holder, { sortable: true }),
      col<SearchRow<CardRequest>>('requestedBy', 'col.requestedBy', (r) => r.requestedBy.displayName),
      col<SearchRow<CardRequest>>('status', 'col.status', (r) => r.status, { sortable: true, badge: true }),
      col<SearchRow<CardRequest>>('createdAt', 'col.created', (r) => formatDateTime(r.createdAt), { sortable: true }),
    ],
  },
  certificates: {
    type: 'certificates',
    label: 'search.type.certificates',
    textLabel: 'search.text.certificates',
    filters: [
      status(['Issued', 'Valid', 'On hold', 'Revoked', 'Expired']),
      typeFilter('search.certType', [
        ['authentication', 'type.authentication'],
        ['signature', 'type.signature'],
        ['encryption', 'type.encryption'],
      ]),
    ],
    columns: [
      col<SearchRow<Certificate>>('serialNumber', 'col.serial', (c) => c.serialNumber, { sortable: true }),
      col<SearchRow<Certificate>>('holder', 'col.holder', holder, { sortable: true }),
      col<SearchRow<Certificate>>('type', 'col.type', (c) => tDynamic(`type.${c.type}`, c.type), { sortable: true }),
      col<SearchRow<Certificate>>('status', 'col.status', (c) => c.status, { sortable: true, badge: true }),
      col<SearchRow<Certificate>>('validTo', 'col.validTo', (c) => formatDate(c.validTo), { sortable: true }),
    ],
  },
  'mobile-ids': { type: 'mobile-ids', label: 'search.type.mobile-ids', textLabel: 'search.text.credentials', filters: [status(CREDENTIAL_STATES)], columns: credentialColumns },
  'virtual-smart-cards': { type: 'virtual-smart-cards', label: 'search.type.virtual-smart-cards', textLabel: 'search.text.credentials', filters: [status(CREDENTIAL_STATES)], columns: credentialColumns },
  'software-tokens': { type: 'software-tokens', label: 'search.type.software-tokens', textLabel: 'search.text.credentials', filters: [status(CREDENTIAL_STATES)], columns: credentialColumns },
};

export const SEARCH_TYPE_LIST = Object.keys(SEARCH_CONFIG) as SearchType[];
export const isSearchType = (v: string): v is SearchType => (SEARCH_TYPE_LIST as string[]).includes(v);
