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

/** What is wrong with one field of a request. */
export type FieldErrorCode = 'required' | 'too-long' | 'invalid' | 'taken' | 'duplicate' | 'incorrect' | 'unknown' | 'too-many';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  missingRight?: Right;
  missingPermission?: Permission;
  errors?: Record<string, string>;
  correlationId?: string;
  /** A stable name of the problem, e.g. `session-expired` (401); the console shows its own text for it. */
  code?: string;
  /** Per field of `errors`, a stable name of what is wrong with it (`required`, `taken`…). */
  errorCodes?: Record<string, FieldErrorCode>;
  /** 412: the version the object has now. */
  currentVersion?: number;
  /** 409: the state the object is in now. */
  currentStatus?: string;
  /** 403 from User Administration: the rule of role administration that refuses the change. */
  rule?: 'own-account' | 'administrative-role' | 'last-bootstrap-administrator';
  /** 429: seconds until another try is taken (also the `Retry-After` header). */
  retryAfter?: number;
}

export interface SessionInfo {
  user: { id: string; username: string; displayName: string };
  /** Technical references of the roles, e.g. `BaseRoleOfficer`. */
  roles: string[];
  rights: Right[];
  permissions: Permission[];
  /** The tenant the session was opened in; everything the session sees belongs to it. */
  tenant: { id: string; name: string };
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
  /** The person's tenant; absent means the default tenant. */
  tenantId?: string;
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
export type ServiceAction = 'start' | 'stop' | 'restart';
export interface Service {
  id: string;
  name: string;
  state: ServiceState;
  /** When the service entered its current state. */
  since: string;
  version: number;
  /** Seconds since it started, while Running; null otherwise. */
  uptimeSeconds: number | null;
  /** Who made the last change (a username), or null for the installation. */
  changedBy: string | null;
  /** What this caller may do now (state and permissions). */
  allowedActions: ServiceAction[];
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
  /** The accounts of the caller's tenant that hold the role. */
  holders: RoleHolder[];
}

/** Registered (imported, never activated) → Active by activate; Active → Inactive by deactivate; Inactive → Active by reactivate. */
export type UserStatus = 'Registered' | 'Active' | 'Inactive';
export interface User {
  id: string;
  username: string;
  displayName: string;
  status: UserStatus;
  roles: string[];
  version: number;
  /** What the caller may do with this account now. */
  allowedActions: UserAction[];
}

export interface SelfServiceMe {
  person: Person;
  cards: SelfServiceCard[];
  certificates: Certificate[];
  credentials: Credential[];
  registration: SelfServiceRegistration;
  securityPassword: SelfServiceRegistration;
  /** Whether a new card may be requested now (no card is already requested or waiting to be activated). */
  mayRequestCard: boolean;
}

export interface DigitalIdOverview {
  mobileIds: Record<CredentialStatus, number>;
  virtualSmartCards: Record<CredentialStatus, number>;
  softwareTokens: Record<CredentialStatus, number>;
  /** Approved servers. */
  servers: number;
  pendingServerRegistrations: number;
  pendingServerCertificateRequests: number;
  serverCertificates: Record<ServerCertificateStatus, number>;
  /** Issued (Valid) certificates whose installation is not confirmed yet. */
  certificatesAwaitingInstallation: number;
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

// ---- Admin ----

export type ConnectorType = 'directory' | 'ca' | 'pacs' | 'printer' | 'email' | 'hr-import';
/** Non-secret settings; which fields a connector has depends on its type (see openapi). */
export type ConnectorSettings = Record<string, string | number | boolean>;
export interface ConnectorTestResult {
  ok: boolean;
  message: string;
  checkedAt: string;
  latencyMs: number;
}
export interface Connector {
  id: string;
  type: ConnectorType;
  name: string;
  enabled: boolean;
  settings: ConnectorSettings;
  /** Which write-only secrets have a value; the values are never sent. */
  secretsSet: Record<string, boolean>;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
  lastTest: ConnectorTestResult | null;
}
export interface ConnectorInput {
  enabled: boolean;
  settings: ConnectorSettings;
  /** A value replaces the secret; a missing one keeps it. */
  secrets?: Record<string, string>;
}

export type AuditValues = Record<string, string | number | boolean | null>;
export interface AuditLogEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: 'success' | 'denied' | 'failed';
  detail?: string;
  object?: string;
  before?: AuditValues;
  after?: AuditValues;
}

export type ProcessKind = 'job' | 'batch-order' | 'sync-run';
export interface Process {
  id: string;
  name: string;
  kind: ProcessKind;
  owner: string;
  startedAt: string;
  /** 0–100. */
  progress: number;
  allowedActions: 'kill'[];
}

export type SyncRunStatus = 'Running' | 'Finished' | 'Killed';
export interface SyncRun {
  id: string;
  status: SyncRunStatus;
  source: string;
  startedAt: string;
  finishedAt: string | null;
  /** The administrator who started it. */
  startedBy: string;
  /** The system account it runs as. */
  runAs: string;
  progress: number;
  created: number;
  updated: number;
  deactivated: number;
  errors: { identity: string; message: string }[];
}

// ---- Roles and User Administration ----

export interface RoleHolder {
  id: string;
  username: string;
  displayName: string;
}

export const USER_ACTIONS = ['assign-role', 'de-assign-role', 'activate', 'reactivate', 'deactivate', 'reset-password'] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

export interface UserRole {
  /** Technical reference, e.g. `BaseRoleOfficer`. */
  id: string;
  name: string;
  /** Why the caller may not de-assign this role now (the lock-out rule), or absent. */
  blockedBecause?: string;
}

/** One PRIME user account as User Administration shows it. */
export interface UserDetail {
  id: string;
  username: string;
  displayName: string;
  personId: string;
  email: string | null;
  orgUnit: string | null;
  status: UserStatus;
  roles: UserRole[];
  version: number;
  allowedActions: UserAction[];
  /** Actions the caller's permissions allow but a rule blocks now, with the reason (e.g. deactivating oneself). */
  blockedActions: { action: UserAction; reason: string }[];
  /** Roles the caller may assign to this account now; never a system role such as Batch sync. */
  assignableRoles: { id: string; name: string }[];
  /** Roles the caller's permission covers but a rule withholds here (administrative roles it does not fully hold), with why. */
  withheldRoles: { id: string; name: string; reason: string }[];
  /** When a password reset link was last sent, or null. */
  passwordResetAt: string | null;
}

export interface UserActionInput {
  /** assign-role, de-assign-role: the role's technical reference. */
  role?: string;
  /** deactivate: why, optional. */
  reason?: string;
}

/** reset-password: the account, and where the one-time reset link went. The password itself is never shown or stored readable. */
export interface PasswordResetResult {
  user: UserDetail;
  sentTo: string;
}

// ---- Tenants ----

/** A tenant as the sign-in picker shows it (public). */
export interface TenantChoice {
  id: string;
  name: string;
  /** A data URL (PNG, JPEG or SVG). */
  logo: string | null;
}

/** A tenant as the Admin view lists it. */
export interface Tenant {
  id: string;
  name: string;
  description: string;
  logo: string | null;
  createdAt: string;
  version: number;
}

/** The body of POST /admin/tenants. */
export interface TenantInput {
  name: string;
  description?: string;
  /** A data URL: image/png, image/jpeg or image/svg+xml, at most 100 kB. */
  logo?: string | null;
}

// ---- Self-service user ----

export type SelfServiceCardAction = 'activate' | 'renew' | 'lock' | 'change-pin' | 'unblock-pin' | 'unblock-pin-offline';

/** One of my cards: what I may do with it now, and whether its PIN is blocked (never the PIN itself). */
export interface SelfServiceCard extends Card {
  allowedActions: SelfServiceCardAction[];
  /** Reasons (lock) and effects (e.g. certificates revoked) of each allowed action. */
  actionDetails: Partial<Record<SelfServiceCardAction, ActionDetail>>;
  pinBlocked: boolean;
}

/** Whether I am registered for self-service (registration) or have a security password, and since when. */
export interface SelfServiceRegistration {
  registered: boolean;
  at: string | null;
}

/** The answer to an offline PIN unblock: the response to type at the card, 16 hex digits in groups of 4. */
export interface UnblockResponse {
  response: string;
  card: SelfServiceCard;
}

/** The answer to POST /self-service/card-requests. */
export interface SelfServiceCardRequestResult {
  requestId: string;
  card: SelfServiceCard;
}

// ---- Self-service visitor, mobile ID, software tokens, virtual smart cards ----

export type InvitationResponse = 'pending' | 'accepted' | 'denied';
export type InvitationAction = 'accept' | 'deny' | 'invite';
export interface InvitationParticipant {
  email: string;
  /** The person's name when the organisation knows the address. */
  displayName: string | null;
  response: InvitationResponse;
}
/** A meeting invitation as its invitee sees it. */
export interface Invitation {
  id: string;
  title: string;
  organiser: PersonRef;
  location: string;
  startsAt: string;
  endsAt: string;
  /** The meeting has ended: nothing can be answered or added any more. */
  over: boolean;
  myResponse: InvitationResponse;
  participants: InvitationParticipant[];
  version: number;
  allowedActions: InvitationAction[];
}
export interface InviteParticipantsInput {
  emails: string[];
}

/** A certificate of a credential, as its holder sees it. */
export interface CredentialCertificate {
  id: string;
  type: CertificateType;
  status: CertificateStatus;
  validTo: string;
}

export type MobileIdAction = 'activate' | 'confirm';
export interface SelfMobileId extends Credential {
  certificates: CredentialCertificate[];
  /** When the current activation code expires; null when none was asked for. */
  activationExpiresAt: string | null;
  allowedActions: MobileIdAction[];
}
/** A new activation code: shown as text and as a QR code; a new one replaces it. */
export interface MobileIdActivation {
  activationCode: string;
  expiresAt: string;
  qrPayload: string;
  mobileId: SelfMobileId;
}

export type SoftwareTokenAction = 'accept-terms' | 'recover' | 'revoke';
export interface SelfSoftwareToken extends Credential {
  certificates: CredentialCertificate[];
  /** When the last passphrase was shown; the passphrase itself is never answered again. */
  passphraseIssuedAt: string | null;
  allowedActions: SoftwareTokenAction[];
}
/** The answer of accepting the terms or recovering: the passphrase, shown this once. */
export interface SoftwareTokenPassphrase {
  passphrase: string;
  softwareToken: SelfSoftwareToken;
}

export type VscAction = 'provision-certificates' | 'reset-pin' | 'lock';
export interface SelfVirtualSmartCard extends Credential {
  certificates: CredentialCertificate[];
  pinChangedAt: string | null;
  allowedActions: VscAction[];
}

/** Sensitive changes repeat the current password (step-up). */
export interface StepUpInput {
  currentPassword: string;
}
export interface VscResetPinInput extends StepUpInput {
  newPin: string;
}
export interface VscLockInput extends StepUpInput {
  reason: string;
  /** Keep the encryption certificate valid so old encrypted mail can still be read. */
  keepEncryptionCertificate?: boolean;
}

// ---- Digital ID ----

/** A person as a Digital ID officer sees them in search results and pickers. */
export interface DigitalIdPerson {
  id: string;
  displayName: string;
  personalId: string;
  email: string;
  orgUnit: string;
  type: PersonType;
  status: PersonStatus;
}

/** The person's PRIME account (login), when they have one. */
export interface DigitalIdAccount {
  id: string;
  username: string;
}

export type MobileIdUserAction = 'enable' | 'disable' | 'lock';
export interface MobileIdUserRow {
  person: DigitalIdPerson;
  account: DigitalIdAccount | null;
  /** Holds the Mobile ID user role (PcmRolePersonalMobileUser). */
  mobileIdUser: boolean;
  mobileIds: Credential[];
  allowedActions: MobileIdUserAction[];
  /** Reasons to choose from when locking; empty when lock is not allowed. */
  lockReasons: string[];
}

export type SoftwareTokenUserAction = 'enable' | 'start-request';
export interface SoftwareTokenUserRow {
  person: DigitalIdPerson;
  account: DigitalIdAccount | null;
  /** Holds the Software token user role (PstmRoleSelfServiceUser). */
  softwareTokenUser: boolean;
  softwareTokens: Credential[];
  allowedActions: SoftwareTokenUserAction[];
}

export type ServerStatus = 'Pending approval' | 'Approved' | 'Rejected';
export interface Server {
  id: string;
  commonName: string;
  sanDns: string[];
  sanIps: string[];
  location: string;
  responsibles: PersonRef[];
  status: ServerStatus;
  requestedBy: PersonRef;
  createdAt: string;
  decidedBy: PersonRef | null;
  decidedAt: string | null;
  rejectReason: string | null;
  version: number;
  allowedActions: 'request-certificate'[];
}

export interface ServerInput {
  commonName: string;
  sanDns: string[];
  sanIps: string[];
  location: string;
  responsibles: string[];
}

export type ServerCertificateStatus = 'Pending approval' | 'Rejected' | 'Valid' | 'Revoked' | 'Expired';
export type ServerCertificateFormat = 'pkcs10' | 'pkcs12';
export type ServerCertificateAction = 'revoke' | 'renew' | 'confirm-installation';
export interface ServerCertificate {
  id: string;
  server: { id: string; commonName: string };
  format: ServerCertificateFormat;
  status: ServerCertificateStatus;
  commonName: string;
  sanDns: string[];
  sanIps: string[];
  keyAlgorithm: string | null;
  serialNumber: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** The server administrator confirmed the certificate is installed on the server. */
  installedAt: string | null;
  requestedBy: PersonRef;
  createdAt: string;
  decidedBy: PersonRef | null;
  decidedAt: string | null;
  rejectReason: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
  /** The certificate this one renews. */
  renewalOf: string | null;
  version: number;
  allowedActions: ServerCertificateAction[];
  /** Reasons to choose from when revoking; empty when revoke is not allowed. */
  revokeReasons: string[];
}

export type ServerCertificateInput =
  | { serverId: string; format: 'pkcs10'; csr: string }
  | { serverId: string; format: 'pkcs12' };

/** The answer to a certificate request: the PKCS#12 password is in it once and never again. */
export interface ServerCertificateCreated {
  certificate: ServerCertificate;
  p12Password: string | null;
}

export type DigitalIdApprovalKind = 'server-registration' | 'server-certificate';
/** Why this approver may not decide (separation of duties): their own request, or a server they are responsible for. */
export type DigitalIdApprovalBlock = 'own-request' | 'responsible';
export interface DigitalIdApproval {
  /** The id of the server or certificate waiting for approval. */
  id: string;
  kind: DigitalIdApprovalKind;
  version: number;
  createdAt: string;
  requestedBy: PersonRef;
  server: Server;
  certificate: ServerCertificate | null;
  allowedActions: ('approve' | 'reject')[];
  blockedBecause: DigitalIdApprovalBlock | null;
  rejectReasons: string[];
}
