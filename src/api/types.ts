/**
 * Types of the API contract (openapi/openapi.yaml). The mock backend builds its responses with these
 * types and a unit test validates those responses against the contract, so the two cannot drift apart.
 */
import type { Permission, Right } from '../access/model';

export interface Collection<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  missingRight?: Right;
  missingPermission?: Permission;
  errors?: Record<string, string>;
  correlationId?: string;
  /** 412: the version the object has now. */
  currentVersion?: number;
  /** 409: the state the object is in now. */
  currentStatus?: string;
}

export interface SessionInfo {
  user: { id: string; username: string; displayName: string };
  /** Technical references of the roles, e.g. `BaseRoleOfficer`. */
  roles: string[];
  rights: Right[];
  permissions: Permission[];
}

export type PersonType = 'employee' | 'contractor' | 'visitor';
export type PersonStatus = 'Registered' | 'Active' | 'Inactive' | 'Locked';

export interface Person {
  id: string;
  personalId: string;
  firstName: string;
  lastName: string;
  displayName: string;
  email: string;
  orgUnit: string;
  organization: string;
  type: PersonType;
  status: PersonStatus;
  createdAt: string;
  version: number;
}

export type CardStatus =
  | 'Registered'
  | 'Requested'
  | 'Approved'
  | 'Rejected'
  | 'Aborted'
  | 'Failed'
  | 'Issued'
  | 'Active'
  | 'Inactive'
  | 'Locked'
  | 'Expired';

export type CardType = 'employee' | 'contractor' | 'visitor';

export interface Card {
  id: string;
  number: string;
  personId: string;
  type: CardType;
  status: CardStatus;
  validFrom: string;
  validTo: string;
  version: number;
}

export type CertificateStatus = 'Issued' | 'Valid' | 'On hold' | 'Revoked' | 'Expired';
export type CertificateType = 'authentication' | 'signature' | 'encryption';

export interface Certificate {
  id: string;
  cardId: string | null;
  personId: string;
  type: CertificateType;
  status: CertificateStatus;
  serialNumber: string;
  validTo: string;
  version: number;
}

export type CredentialStatus = 'Registered' | 'Active' | 'Inactive' | 'Locked';
export interface Credential {
  id: string;
  personId: string;
  kind: 'mobile-id' | 'virtual-smart-card' | 'software-token';
  label: string;
  status: CredentialStatus;
  createdAt: string;
  version: number;
}

export type TaskType = 'card-approval' | 'prime-user-activation' | 'registration-review';
/** Open and Postponed tasks are in the queue; the others are decided or withdrawn and kept for the record. */
export type TaskStatus = 'Open' | 'Postponed' | 'Approved' | 'Rejected' | 'Withdrawn';

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface Task {
  id: string;
  type: TaskType;
  status: TaskStatus;
  createdAt: string;
  requestedBy: PersonRef;
  subject: PersonRef;
  /** How many approvals the request needs (two for contractors' cards), and how many it has. */
  approvalsRequired: number;
  approvals: number;
}

export type TaskDecisionKind = 'approve' | 'reject' | 'postpone';
export interface TaskDecision {
  decision: TaskDecisionKind;
  actor: { username: string; displayName: string };
  at: string;
  reason?: string;
}

/** Why this person may not decide the task (separation of duties), when that is so. */
export type TaskBlock = 'own-request' | 'about-self' | 'already-acted';

export interface TaskDetail extends Task {
  version: number;
  allowedActions: TaskDecisionKind[];
  blockedBecause: TaskBlock | null;
  decisions: TaskDecision[];
  rejectReasons: string[];
  subjectPerson: Pick<Person, 'id' | 'displayName' | 'personalId' | 'email' | 'orgUnit' | 'organization' | 'type' | 'status'>;
  requester: Pick<Person, 'id' | 'displayName' | 'email' | 'orgUnit'> | null;
  request: { id: string; status: RequestStatus; createdAt: string } | null;
  card: { id: string; number: string; type: CardType; status: CardStatus; validTo: string } | null;
}

export type BatchOrderType =
  | 'produce-cards'
  | 'request-cards'
  | 'issue-temporary-cards'
  | 'reset-passwords'
  | 'edit-roles';
/** Running → Finished (every item done or failed) → Completed by the operator; or Cancelled. */
export type BatchOrderStatus = 'Created' | 'Running' | 'Finished' | 'Completed' | 'Cancelled';

export interface BatchOrder {
  id: string;
  type: BatchOrderType;
  status: BatchOrderStatus;
  itemCount: number;
  processedCount: number;
  failedCount: number;
  createdAt: string;
  createdBy: PersonRef;
}

export type ServiceState = 'Running' | 'Stopped' | 'Starting' | 'Stopping';
export interface Service {
  id: string;
  name: string;
  state: ServiceState;
  since: string;
}

export interface RoleInfo {
  id: string;
  name: string;
  area: 'PRIME' | 'Digital ID';
  description: string;
  designer: string;
  explorer: string;
  rights: Right[];
  permissions: Permission[];
  assignableToPerson: boolean;
}

export type UserStatus = 'Active' | 'Inactive';
export interface User {
  id: string;
  username: string;
  displayName: string;
  status: UserStatus;
  roles: string[];
}

export interface SelfServiceMe {
  person: Person;
  cards: Card[];
  certificates: Certificate[];
  credentials: Credential[];
}

export interface DigitalIdOverview {
  mobileIds: Record<CredentialStatus, number>;
  virtualSmartCards: Record<CredentialStatus, number>;
  softwareTokens: Record<CredentialStatus, number>;
  servers: number;
  pendingServerCertificateRequests: number;
}

/* ---- Extended Search and object pages ---- */

export type SearchType =
  | 'persons'
  | 'cards'
  | 'temporary-cards'
  | 'requests'
  | 'certificates'
  | 'mobile-ids'
  | 'virtual-smart-cards'
  | 'software-tokens';

export type TemporaryCardStatus = 'Requested' | 'Unassigned' | 'Assigned' | 'Expired' | 'Locked' | 'Failed' | 'Aborted';
export interface TemporaryCard {
  id: string;
  number: string;
  personId: string | null;
  status: TemporaryCardStatus;
  validTo: string;
  version: number;
}

export type RequestStatus = 'Requested' | 'Approved' | 'Rejected' | 'Aborted';
export interface CardRequest {
  id: string;
  type: 'card-request';
  status: RequestStatus;
  personId: string;
  cardId: string;
  requestedBy: PersonRef;
  createdAt: string;
  version: number;
}

/** A row of an Extended Search result: the object and, for credentials, its holder. */
export type SearchRow<T> = T & { holder?: PersonRef | null };

/** What an action will do, as codes the console words in the person's language. */
export interface ActionEffect {
  code:
    | 'state'
    | 'certificates-revoked'
    | 'certificates-on-hold'
    | 'certificates-valid'
    | 'cards-locked'
    | 'cards-inactive'
    | 'cards-active'
    | 'credentials-locked'
    | 'credentials-inactive'
    | 'temporary-cards-locked'
    | 'new-card-requested'
    | 'approval-task'
    | 'temporary-card-issued'
    | 'permanent-card-inactive'
    | 'permanent-card-active'
    | 'certificates-renewed'
    | 'password-reset-mail'
    | 'request-aborted';
  count?: number;
  to?: string;
}

export interface ActionDetail {
  /** Reasons to choose from; null when the action takes none. */
  reasons: string[] | null;
  effects: ActionEffect[];
  /** Fields the action needs beyond a reason (e.g. the person a temporary card goes to). */
  needs?: 'personId';
}

export interface ObjectEnvelope {
  version: number;
  allowedActions: string[];
  actionDetails: Record<string, ActionDetail>;
}

export interface PersonDetail extends Person, ObjectEnvelope {
  cards: Card[];
  temporaryCards: TemporaryCard[];
  certificates: Certificate[];
  credentials: Credential[];
  requests: CardRequest[];
}

export interface CardDetail extends Card, ObjectEnvelope {
  holder: PersonRef;
  certificates: { id: string; type: CertificateType; status: CertificateStatus }[];
}

export interface TemporaryCardDetail extends TemporaryCard, ObjectEnvelope {
  holder: PersonRef | null;
  certificates: { id: string; type: CertificateType; status: CertificateStatus }[];
}

export interface CertificateDetail extends Certificate, ObjectEnvelope {
  holder: PersonRef;
  cardNumber: string | null;
}

export interface RequestDetail extends CardRequest, ObjectEnvelope {
  holder: PersonRef;
  card: { id: string; number: string; status: CardStatus };
}

export interface CredentialDetail extends Credential, ObjectEnvelope {
  holder: PersonRef;
}

export interface HistoryEntry {
  id: string;
  objectId: string;
  at: string;
  actor: { username: string; displayName: string };
  action: string;
  outcome: 'success' | 'denied' | 'refused';
  reason?: string;
  before?: string;
  after?: string;
  detail?: string;
}

/* ---- Batch orders ---- */

export type BatchItemStatus = 'pending' | 'done' | 'failed' | 'skipped';
export interface BatchItem {
  id: string;
  label: string;
  status: BatchItemStatus;
  reason?: string;
  attempts: number;
}

export interface BatchOrderDetail extends BatchOrder {
  version: number;
  doneCount: number;
  skippedCount: number;
  startedAt: string | null;
  finishedAt: string | null;
  allowedActions: ('run' | 'cancel' | 'repeat-failed' | 'complete')[];
  items: BatchItem[];
  roles?: { add: string[]; remove: string[] };
}

export interface BatchOrderInput {
  type: BatchOrderType;
  ids?: string[];
  query?: { q?: string; status?: string; type?: string };
  roles?: { add: string[]; remove: string[] };
}
