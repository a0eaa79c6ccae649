/**
 * The API's types, generated from the contract (openapi/openapi.yaml → schema.gen.ts, `npm run gen:api`;
 * `npm test` fails when that file is stale). The console, the mock handlers and the contract share
 * them, so none can drift. What is written here is only what the contract cannot say: a generic
 * collection, the names of Extended Search's collections, and a few request shapes by another name.
 */
import type {
  CollectionEnvelope,
  InviteParticipantsRequest,
  paths,
  PersonDetail,
  PersonRef,
  Process,
  SelfServiceUnblockResponse,
  StepUpRequest,
  SyncRun,
  UserDeactivateRequest,
  UserRoleRequest,
  VscLockRequest,
  VscResetPinRequest,
  Problem as GenProblem,
} from './schema.gen';

export type {
  ActionDetail,
  ActionEffect,
  AuditLogEntry,
  AuditValues,
  BatchItem,
  BatchItemStatus,
  BatchOrder,
  BatchOrderDetail,
  BatchOrderInput,
  BatchOrderStatus,
  BatchOrderType,
  Card,
  CardAction,
  CardDetail,
  CardRequest,
  CardStatus,
  CardType,
  Certificate,
  CertificateAction,
  CertificateDetail,
  CertificateStatus,
  CertificateType,
  Connector,
  ConnectorInput,
  ConnectorSettings,
  ConnectorTestResult,
  ConnectorType,
  Credential,
  CredentialCertificate,
  CredentialDetail,
  CredentialStatus,
  DigitalIdAccount,
  DigitalIdApproval,
  DigitalIdApprovalBlock,
  DigitalIdApprovalKind,
  DigitalIdOverview,
  DigitalIdPerson,
  FieldErrorCode,
  HistoryEntry,
  Invitation,
  InvitationAction,
  InvitationParticipant,
  InvitationResponse,
  MobileIdAction,
  MobileIdActivation,
  MobileIdUserAction,
  MobileIdUserRow,
  PasswordResetResult,
  Permission,
  Person,
  PersonAction,
  PersonDetail,
  PersonRef,
  PersonStatus,
  PersonType,
  Process,
  RequestDetail,
  RequestStatus,
  Right,
  RoleHolder,
  RoleInfo,
  SelfMobileId,
  SelfServiceCard,
  SelfServiceCardAction,
  SelfServiceCardRequestResult,
  SelfServiceMe,
  SelfServiceRegistration,
  SelfSoftwareToken,
  SelfVirtualSmartCard,
  Server,
  ServerCertificate,
  ServerCertificateAction,
  ServerCertificateCreated,
  ServerCertificateFormat,
  ServerCertificateInput,
  ServerCertificateStatus,
  ServerInput,
  ServerStatus,
  Service,
  ServiceAction,
  ServiceState,
  SessionInfo,
  SoftwareTokenAction,
  SoftwareTokenPassphrase,
  SoftwareTokenUserAction,
  SoftwareTokenUserRow,
  SyncRun,
  Task,
  TaskBlock,
  TaskDecision,
  TaskDecisionKind,
  TaskDetail,
  TaskStatus,
  TaskType,
  TemporaryCard,
  TemporaryCardAction,
  TemporaryCardDetail,
  TemporaryCardStatus,
  Tenant,
  TenantChoice,
  TenantInput,
  User,
  UserAction,
  UserDetail,
  UserRole,
  UserStatus,
  VscAction,
} from './schema.gen';
export { userActionValues as USER_ACTIONS } from './schema.gen';

/** A page of a collection: the envelope of every list, with its items typed. */
export type Collection<T> = Omit<CollectionEnvelope, 'items'> & { items: T[] };

/** The collections of Extended Search; each is a path of the contract (`GET /persons`…). */
export type SearchType =
  | 'persons'
  | 'cards'
  | 'temporary-cards'
  | 'requests'
  | 'certificates'
  | 'mobile-ids'
  | 'virtual-smart-cards'
  | 'software-tokens';
// Fails to compile when a search collection is not a path of the contract.
const searchPathsExist: `/${SearchType}` extends keyof paths ? true : never = true;
void searchPathsExist;

/** A row of an Extended Search result: the object and, for credentials, its holder. */
export type SearchRow<T> = T & { holder?: PersonRef | null };

/** What every object page gets beside the object: its version, the actions open now, and what they need and do. */
export type ObjectEnvelope = Pick<PersonDetail, 'version' | 'actionDetails'> & { allowedActions: string[] };

/**
 * The settings of a connector of any type, read by name: forms, summaries and checks go through the
 * type's list of fields (every type's settings are one of these).
 */
export type SettingValues = Record<string, string | number | boolean>;

/** A problem as the server sends it; its code is one the contract lists. */
export type ServerProblem = GenProblem;
export type ProblemCode = NonNullable<ServerProblem['code']>;
/** Codes the console gives an answer that carries no problem of the server's: no connection, a proxy's error page. */
export type ConsoleProblemCode = 'network-error' | 'server-error' | 'request-failed';
/** A problem as the console holds it: the server's, or one it made for an answer without one. */
export type Problem = Omit<ServerProblem, 'code'> & { code?: ProblemCode | ConsoleProblemCode };

export type ProcessKind = Process['kind'];
export type SyncRunStatus = SyncRun['status'];
/** The body of a User Administration action: the role (assign-role, de-assign-role) or a reason (deactivate). */
export type UserActionInput = Partial<UserRoleRequest> & UserDeactivateRequest;
export type UnblockResponse = SelfServiceUnblockResponse;
export type InviteParticipantsInput = InviteParticipantsRequest;
export type StepUpInput = StepUpRequest;
export type VscResetPinInput = VscResetPinRequest;
export type VscLockInput = VscLockRequest;
