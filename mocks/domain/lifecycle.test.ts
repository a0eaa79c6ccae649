// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { effectivePermissions } from '../../src/access/model';
import { allowedActions, certificateStatusAfterCard, MACHINES, nextState, STATES, type ObjectType } from './lifecycle';

/*
 * Expected transitions written from the product's state tables (cards, temporary cards, users,
 * certificates). Every pair not listed must be refused.
 */
const EXPECTED: Record<ObjectType, Record<string, Record<string, string>>> = {
  person: {
    'request-card': { Active: 'Active' },
    'issue-temporary-card': { Active: 'Active' },
    deactivate: { Active: 'Inactive' },
    reactivate: { Inactive: 'Active' },
    lock: { Active: 'Locked', Inactive: 'Locked' },
    'reset-password': { Active: 'Active' },
  },
  card: {
    activate: { Issued: 'Active' },
    deactivate: { Active: 'Inactive' },
    reactivate: { Inactive: 'Active' },
    lock: { Active: 'Locked', Inactive: 'Locked' },
    replace: { Active: 'Locked', Inactive: 'Locked' },
    renew: { Active: 'Active' },
    abort: { Requested: 'Aborted' },
  },
  'temporary-card': {
    assign: { Unassigned: 'Assigned' },
    withdraw: { Assigned: 'Unassigned', Expired: 'Unassigned' },
    lock: { Assigned: 'Locked', Unassigned: 'Locked' },
  },
  certificate: {
    revoke: { Valid: 'Revoked', 'On hold': 'Revoked' },
  },
};

describe('state machines: every state × every action', () => {
  for (const type of Object.keys(EXPECTED) as ObjectType[]) {
    describe(type, () => {
      it('has exactly the expected actions', () => {
        expect(Object.keys(MACHINES[type]).sort()).toEqual(Object.keys(EXPECTED[type]).sort());
      });
      for (const [action, transitions] of Object.entries(EXPECTED[type])) {
        for (const state of STATES[type]) {
          const to = transitions[state];
          it(`${action} from ${state} → ${to ?? 'refused'}`, () => {
            expect(nextState(type, state, action)).toBe(to ?? null);
          });
        }
      }
      it('refuses an unknown action in every state', () => {
        for (const state of STATES[type]) expect(nextState(type, state, 'toString')).toBeNull();
      });
    });
  }
  it('final states allow nothing', () => {
    for (const s of ['Locked', 'Expired', 'Rejected', 'Aborted']) expect(allowedActions('card', s, effectivePermissions(['BaseRoleRegistrationOfficer']))).toEqual([]);
    expect(allowedActions('certificate', 'Revoked', effectivePermissions(['BaseRoleRegistrationOfficer']))).toEqual([]);
    expect(allowedActions('person', 'Locked', effectivePermissions(['BaseRoleRegistrationOfficer', 'BaseRoleHelpdeskOfficer']))).toEqual([]);
  });
});

describe('allowed actions follow the permissions', () => {
  const perms = (role: string) => effectivePermissions([role]);
  it('an issuing authority may activate an issued card but never lock one', () => {
    expect(allowedActions('card', 'Issued', perms('BaseRoleIssuingAuthority'))).toEqual(['activate']);
    expect(allowedActions('card', 'Active', perms('BaseRoleIssuingAuthority'))).toEqual([]);
  });
  it('a registration officer manages an active card', () => {
    expect(allowedActions('card', 'Active', perms('BaseRoleRegistrationOfficer')).sort()).toEqual(['deactivate', 'lock', 'renew', 'replace']);
  });
  it('the helpdesk resets passwords, deactivates for leave and locks lost cards', () => {
    expect(allowedActions('person', 'Active', perms('BaseRoleHelpdeskOfficer')).sort()).toEqual(['deactivate', 'reset-password']);
    expect(allowedActions('card', 'Active', perms('BaseRoleHelpdeskOfficer')).sort()).toEqual(['deactivate', 'lock']);
  });
  it('a card production administrator has no lifecycle action in Extended Search', () => {
    for (const s of STATES.card) expect(allowedActions('card', s, perms('BaseRoleProductionAdmin'))).toEqual([]);
  });
});

describe('certificates follow their card', () => {
  it.each([
    ['activate', 'Issued', 'Valid'],
    ['deactivate', 'Valid', 'On hold'],
    ['reactivate', 'On hold', 'Valid'],
    ['lock', 'Valid', 'Revoked'],
    ['lock', 'On hold', 'Revoked'],
    ['replace', 'Valid', 'Revoked'],
    ['lock', 'Expired', 'Expired'],
    ['reactivate', 'Revoked', 'Revoked'],
  ])('%s: %s → %s', (action, from, to) => {
    expect(certificateStatusAfterCard(action, from)).toBe(to);
  });
});
