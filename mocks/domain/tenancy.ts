/**
 * Which tenant a record belongs to. Persons carry their tenant; everything held by a person (cards,
 * certificates, credentials, requests, tasks about them) belongs to the person's tenant, so a record
 * never needs a second copy of it. Records without a tenant belong to the default tenant.
 */
import { DEFAULT_TENANT_ID, type Db } from '../db/schema';

export function tenantOfPerson(db: Db, personId: string | null | undefined): string {
  const p = personId ? db.persons.get(personId) : undefined;
  return p?.tenantId ?? DEFAULT_TENANT_ID;
}

export function personInTenant(db: Db, personId: string | null | undefined, tenantId: string): boolean {
  const p = personId ? db.persons.get(personId) : undefined;
  return !!p && (p.tenantId ?? DEFAULT_TENANT_ID) === tenantId;
}
