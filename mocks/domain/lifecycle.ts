/**
 * The state machines of PRIME's credentials and persons (cards, temporary cards, persons,
 * certificates), pure and table-driven. The backend asks them which actions an object allows in its
 * state; the UI never holds a state machine of its own, it shows the `allowedActions` the backend sends.
 */
import type { Permission } from '../../src/access/model';
import type { CardAction, CertificateAction, PersonAction, TemporaryCardAction } from '../../src/api/types';

export type ObjectType = 'person' | 'card' | 'temporary-card' | 'certificate';

/** The actions of each object type, as the contract names them. */
export interface ActionOf {
  person: PersonAction;
  card: CardAction;
  'temporary-card': TemporaryCardAction;
  certificate: CertificateAction;
}

export interface ActionRule {
  /** States the action may start from. */
  from: readonly string[];
  /** The state after the action; `same` keeps the state (e.g. reset password, renew). */
  to: string | 'same';
  permission: Permission;
  /** Reasons the person must choose from, when the action needs one. */
  reasons?: readonly string[];
}

export const LOCK_REASONS = ['Lost', 'Stolen', 'Damaged', 'Left the organisation', 'Key compromise'] as const;
export const DEACTIVATE_REASONS = ['Temporary leave', 'Forgotten card', 'Suspected misuse'] as const;
export const REVOKE_REASONS = [
  'Key compromise',
  'Affiliation changed',
  'Superseded',
  'Cessation of operation',
  'Privilege withdrawn',
] as const;
export const WITHDRAW_REASONS = ['No usage anymore', 'Lost'] as const;

// Typed by the contract's action names: an action missing on either side does not compile.
export const MACHINES: { [T in ObjectType]: Record<ActionOf[T], ActionRule> } = {
  // DOMAIN §3.3 (users) and the workflows of §4 that start from a person.
  person: {
    'request-card': { from: ['Active'], to: 'same', permission: 'card:request' },
    'issue-temporary-card': { from: ['Active'], to: 'same', permission: 'temporary-card:issue' },
    deactivate: { from: ['Active'], to: 'Inactive', permission: 'person:deactivate', reasons: DEACTIVATE_REASONS },
    reactivate: { from: ['Inactive'], to: 'Active', permission: 'person:reactivate' },
    lock: { from: ['Active', 'Inactive'], to: 'Locked', permission: 'person:lock', reasons: LOCK_REASONS },
    'reset-password': { from: ['Active'], to: 'same', permission: 'password:reset' },
  },
  // DOMAIN §3.1 (Cards package).
  card: {
    activate: { from: ['Issued'], to: 'Active', permission: 'card:activate' },
    deactivate: { from: ['Active'], to: 'Inactive', permission: 'card:deactivate', reasons: DEACTIVATE_REASONS },
    reactivate: { from: ['Inactive'], to: 'Active', permission: 'card:reactivate' },
    lock: { from: ['Active', 'Inactive'], to: 'Locked', permission: 'card:lock', reasons: LOCK_REASONS },
    replace: { from: ['Active', 'Inactive'], to: 'Locked', permission: 'card:replace', reasons: LOCK_REASONS },
    renew: { from: ['Active'], to: 'same', permission: 'card:renew' },
    abort: { from: ['Requested'], to: 'Aborted', permission: 'card:abort' },
  },
  // DOMAIN §3.2.
  'temporary-card': {
    assign: { from: ['Unassigned'], to: 'Assigned', permission: 'temporary-card:assign' },
    withdraw: { from: ['Assigned', 'Expired'], to: 'Unassigned', permission: 'temporary-card:withdraw', reasons: WITHDRAW_REASONS },
    lock: { from: ['Assigned', 'Unassigned'], to: 'Locked', permission: 'temporary-card:lock', reasons: LOCK_REASONS },
  },
  // DOMAIN §3.4.
  certificate: {
    revoke: { from: ['Valid', 'On hold'], to: 'Revoked', permission: 'certificate:revoke', reasons: REVOKE_REASONS },
  },
};

export const STATES: Record<ObjectType, readonly string[]> = {
  person: ['Registered', 'Active', 'Inactive', 'Locked'],
  card: ['Registered', 'Requested', 'Approved', 'Rejected', 'Aborted', 'Failed', 'Issued', 'Active', 'Inactive', 'Locked', 'Expired'],
  'temporary-card': ['Requested', 'Unassigned', 'Assigned', 'Expired', 'Locked', 'Failed', 'Aborted'],
  certificate: ['Issued', 'Valid', 'On hold', 'Revoked', 'Expired'],
};

export function ruleOf(type: ObjectType, action: string): ActionRule | undefined {
  const machine: Record<string, ActionRule> = MACHINES[type];
  return Object.hasOwn(machine, action) ? machine[action] : undefined;
}

/** Whether the state allows the action (regardless of who asks). */
export function stateAllows(type: ObjectType, status: string, action: string): boolean {
  return ruleOf(type, action)?.from.includes(status) ?? false;
}

/** The state after the action, or null when the state does not allow it. */
export function nextState(type: ObjectType, status: string, action: string): string | null {
  const rule = ruleOf(type, action);
  if (!rule || !rule.from.includes(status)) return null;
  return rule.to === 'same' ? status : rule.to;
}

/** The actions this person may run on an object in this state: state allows it and a role grants it. */
export function allowedActions<T extends ObjectType>(type: T, status: string, permissions: readonly Permission[]): ActionOf[T][] {
  const machine: Record<ActionOf[T], ActionRule> = MACHINES[type];
  return (Object.entries(machine) as [ActionOf[T], ActionRule][])
    .filter(([, rule]) => rule.from.includes(status) && permissions.includes(rule.permission))
    .map(([action]) => action);
}

/** Certificates follow their card: DOMAIN §3.1 (activate → Valid, deactivate → On hold, lock → Revoked). */
export function certificateStatusAfterCard(cardAction: string, certStatus: string): string {
  if (certStatus === 'Revoked' || certStatus === 'Expired') return certStatus;
  switch (cardAction) {
    case 'activate':
      return certStatus === 'Issued' ? 'Valid' : certStatus;
    case 'deactivate':
      return certStatus === 'Valid' ? 'On hold' : certStatus;
    case 'reactivate':
      return certStatus === 'On hold' ? 'Valid' : certStatus;
    case 'lock':
    case 'replace':
      return 'Revoked';
    default:
      return certStatus;
  }
}
