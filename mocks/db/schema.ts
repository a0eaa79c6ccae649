/**
 * The demo store's shape: every record type, the database of tables, and the constants the seed parts
 * share. A leaf: the seed parts, the domain rules and the handlers import it, and it imports none of them.
 */
import type {
  BatchItem,
  BatchOrder,
  Card,
  CardRequest,
  Certificate,
  Connector,
  Credential,
  HistoryEntry,
  Person,
  Service,
  ServiceState,
  SyncRun,
  TaskDecision,
  TaskStatus,
  TaskType,
  TemporaryCard,
  UserStatus,
} from '../../src/api/types';
import type { CredentialSecretRecord, InvitationRecord } from '../domain/selfServiceCredentials';
import type { ServerCertificateRecord, ServerRecord } from '../domain/digitalId';
import type { Table } from './table';

export interface Account {
  id: string;
  username: string;
  password: string;
  personId: string;
  roles: string[];
  status: UserStatus;
  /** Tenants the account may sign in to: absent means the default tenant only, `*` every tenant. */
  tenantIds?: string[];
  /** Bumped by every change of roles or status (If-Match in User Administration); absent means 1. */
  version?: number;
  /** When a password reset link was last sent. */
  passwordResetAt?: string;
}

export interface TaskRecord {
  id: string;
  type: TaskType;
  status: TaskStatus;
  createdAt: string;
  requestedById: string;
  subjectId: string;
  cardId: string | null;
  requestId: string | null;
  approvalsRequired: number;
  decisions: TaskDecision[];
  version: number;
}

/** A batch order as stored: its items, and the idempotency key it was created with. */
export interface BatchOrderRecord extends BatchOrder {
  version: number;
  items: BatchItem[];
  startedAt: string | null;
  finishedAt: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  roles?: { add: string[]; remove: string[] };
  /** The tenant the order was created in; absent means the default tenant. */
  tenantId?: string;
}

/** A request as stored: the requester by id. */
export interface RequestRecord extends Omit<CardRequest, 'requestedBy'> {
  requestedById: string;
}

export interface SessionRow {
  accountId: string;
  createdAt: string;
  tenantId: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: 'success' | 'denied' | 'failed';
  detail?: string;
  /** The tenant the actor was signed in to; absent means the default tenant. */
  tenantId?: string;
  /** The id of the object acted on, and its non-secret values before and after a change. */
  object?: string;
  before?: Record<string, string | number | boolean | null>;
  after?: Record<string, string | number | boolean | null>;
}

export interface Tenant {
  id: string;
  name: string;
  description: string;
  /** A data URL (PNG, JPEG or SVG, at most 100 kB), shown in the sign-in picker. */
  logo?: string;
  createdAt: string;
  version: number;
}

export interface Db {
  persons: Table<Person>;
  cards: Table<Card>;
  temporaryCards: Table<TemporaryCard>;
  requests: Table<RequestRecord>;
  certificates: Table<Certificate>;
  credentials: Table<Credential>;
  tasks: Table<TaskRecord>;
  batchOrders: Table<BatchOrderRecord>;
  services: Table<ServiceRecord>;
  connectors: Table<ConnectorRecord>;
  jobs: Table<JobRecord>;
  syncRuns: Table<SyncRunRecord>;
  tenants: Table<Tenant>;
  accounts: Table<Account>;
  history: Table<HistoryEntry>;
  /** Self-service registration and security password per account (Self-Service). */
  selfService: Table<SelfServiceRecord>;
  /** PIN state per card, hashed (Self-Service). */
  pinStates: Table<CardPinRecord>;
  invitations: Table<InvitationRecord>;
  credentialSecrets: Table<CredentialSecretRecord>;
  sessions: Map<string, SessionRow>;
  audit: AuditEntry[];
  servers: Table<ServerRecord>;
  serverCertificates: Table<ServerCertificateRecord>;
}

/** The collections that hold rows with ids; changes to them are journalled as puts. */
export type Collections = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- only the key is filtered here; the row type is inferred below
  [K in keyof Db as Db[K] extends Table<any> ? K : never]: Db[K] extends Table<infer R> ? R : never;
};

export const DEMO_SEED = 20261127;
/** The tenant of the generated organisation; records without a tenantId belong to it. */
export const DEFAULT_TENANT_ID = 'tenant-nordvik';
/** Generated data is dated relative to this instant so it is the same on every run. */
export const BASE_TIME = Date.UTC(2026, 10, 1, 8, 0, 0);

/** A service as stored: the states still to pass (a restart stops, then starts) and when the next is due. */
export interface ServiceRecord extends Omit<Service, 'uptimeSeconds' | 'allowedActions'> {
  /** States still ahead, the next one reached at `settlesAt`. */
  plan: ServiceState[];
  settlesAt: string | null;
}

/** A connector as stored, with its secrets (never sent to the console). */
export interface ConnectorRecord extends Omit<Connector, 'secretsSet'> {
  secrets: Record<string, string>;
  tenantId?: string;
}

/** A long-running job of the installation (CRL download, PACS export…). */
export interface JobRecord {
  id: string;
  name: string;
  owner: string;
  startedAt: string;
  progress: number;
  status: 'Running' | 'Killed';
  version: number;
  tenantId?: string;
}

export interface SyncRunRecord extends SyncRun {
  version: number;
  /** When a running run has done its import. */
  settlesAt: string | null;
  tenantId?: string;
}

/** A self-service account's registration and security password (hashed), by account id. */
export interface SelfServiceRecord {
  id: string;
  registered: boolean;
  registeredAt: string | null;
  securityPasswordHash: string | null;
  securityPasswordSetAt: string | null;
}

/** The PIN state of a card, by card id. `pinHash` null: set at the card offline, unknown to the system. */
export interface CardPinRecord {
  id: string;
  pinHash: string | null;
  pinBlocked: boolean;
  changedAt: string;
  /** Wrong PINs in a row since the last right one; the card blocks the PIN at PIN_TRIES. */
  failedTries?: number;
}
