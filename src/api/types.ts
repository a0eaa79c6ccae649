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
}

export type CredentialStatus = 'Registered' | 'Active' | 'Inactive' | 'Locked';
export interface Credential {
  id: string;
  personId: string;
  kind: 'mobile-id' | 'virtual-smart-card' | 'software-token';
  label: string;
  status: CredentialStatus;
  createdAt: string;
}

export type TaskType = 'card-approval' | 'prime-user-activation' | 'registration-review';
export type TaskStatus = 'Open' | 'Postponed';

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
}

export type BatchOrderType =
  | 'produce-cards'
  | 'request-cards'
  | 'issue-temporary-cards'
  | 'reset-passwords'
  | 'edit-roles';
export type BatchOrderStatus = 'Created' | 'Running' | 'Completed' | 'Failed';

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
