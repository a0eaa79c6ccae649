/**
 * What the Self-Service handlers of own objects share: the right and permission they need, the ETag
 * of an answer, the caller's own person and the audit of what they do.
 */
import type { Permission } from '../../src/access/model';
import type { Person } from '../../src/api/types';
import type { Store } from '../db/store';
import { inTenant, type Ctx } from './http';

export const selfServiceAccess = (permission: Permission) => ({ permission, right: { right: 'Self-Service' as const } });
export const etag = (version: number) => ({ ETag: `"${version}"` });

/** The caller's own person in the session's tenant, or null (another tenant's persona sees nothing). */
export function ownPersonOf(store: Store, ctx: Ctx): Person | null {
  const p = store.db.persons.get(ctx.account.personId);
  return p && inTenant(p, ctx.tenantId) ? p : null;
}

/** Audits what the caller did, in the caller's tenant. */
export const auditOf = (store: Store) => (ctx: Ctx, action: string, target: string, outcome: 'success' | 'denied' | 'failed', detail?: string) =>
  store.audit({ actor: ctx.account.username, action, target, outcome, ...(detail ? { detail } : {}), tenantId: ctx.tenantId });
