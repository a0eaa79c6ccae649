import { HttpResponse } from 'msw';
import type { Tenant, TenantChoice } from '../../src/api/types';
import { DEFAULT_TENANT_ID, type Tenant as TenantRecord } from '../db/schema';
import type { Store } from '../db/store';
import { hasInvisible } from '../domain/text';
import { endpoint, fieldErrors, paginate, problem, readJsonObject, readPageQuery, sortLocale } from './http';
import { collator } from '../domain/collation';

export const TENANT_NAME_MIN = 2;
export const TENANT_NAME_MAX = 60;
export const TENANT_DESCRIPTION_MAX = 500;
export const TENANT_LOGO_MAX_BYTES = 100 * 1024;
const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'];
const DATA_URL = /^data:([a-z+/]+);base64,([A-Za-z0-9+/]*={0,2})$/;

const toApi = (t: TenantRecord): Tenant => ({
  id: t.id,
  name: t.name,
  description: t.description,
  logo: t.logo ?? null,
  createdAt: t.createdAt,
  version: t.version,
});

/** Checks a logo data URL: the type, base64 and the decoded size. Returns an error message or null. */
export function logoError(logo: string): string | null {
  const m = DATA_URL.exec(logo);
  if (!m) return 'The logo must be an image as a base64 data URL.';
  if (!LOGO_TYPES.includes(m[1]!)) return 'The logo must be a PNG, JPEG or SVG image.';
  const b64 = m[2]!;
  if (b64.length % 4 !== 0 || b64.length === 0) return 'The logo is not valid base64.';
  const bytes = (b64.length / 4) * 3 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
  if (bytes > TENANT_LOGO_MAX_BYTES) return `The logo may be at most ${TENANT_LOGO_MAX_BYTES / 1024} kB.`;
  return null;
}

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '') || 'tenant';

/** The picker lists the default tenant first, then the others by name. */
const pickerOrder = (locale: string) => (a: TenantRecord, b: TenantRecord) =>
  (a.id === DEFAULT_TENANT_ID ? -1 : b.id === DEFAULT_TENANT_ID ? 1 : 0) || collator(locale).compare(a.name, b.name);

/** Tenants: the list at sign-in, and the Admin view's list and create (Explorer right Admin). */
export function tenantHandlers(store: Store) {
  return [
    // Public: the sign-in page offers the tenants before anyone is signed in (name and logo only).
    endpoint(store, 'get', '/tenants', 'public', ({ request, url }) => {
      const items: TenantChoice[] = [...store.db.tenants.all()].sort(pickerOrder(sortLocale(request, url))).map((t) => ({ id: t.id, name: t.name, logo: t.logo ?? null }));
      return HttpResponse.json({ items, total: items.length, page: 1, pageSize: Math.max(items.length, 1) });
    }),

    endpoint(store, 'get', '/admin/tenants', { right: 'Admin' }, ({ url, request }) => {
      const pq = readPageQuery({ url, request }, ['name', 'createdAt']);
      if (pq instanceof Response) return pq;
      const items = store.db.tenants
        .filter((t) => !pq.q || t.name.toLowerCase().includes(pq.q) || t.description.toLowerCase().includes(pq.q))
        .map(toApi);
      return HttpResponse.json(paginate(items, pq.sort ? pq : { ...pq, sort: { field: 'name', dir: 'asc' } }));
    }),

    endpoint(store, 'get', '/admin/tenants/:id', { right: 'Admin' }, ({ params }) => {
      const t = store.db.tenants.get(String(params.id));
      if (!t) return problem(404, 'Not found', 'There is no such tenant.');
      return HttpResponse.json(toApi(t), { headers: { ETag: `"${t.version}"` } });
    }),

    endpoint(store, 'post', '/admin/tenants', { permission: 'tenant:create', right: { right: 'Admin' } }, async ({ request, account, tenantId }) => {
      const body = await readJsonObject(request, 'Send a JSON object with name, description and logo.');
      if (body instanceof Response) return body;
      const input = body as { name?: unknown; description?: unknown; logo?: unknown };
      const fields = fieldErrors();
      const { errors } = fields;
      const name = typeof input.name === 'string' ? input.name.trim().replace(/\s+/g, ' ') : '';
      // Same-looking names: compared after Unicode compatibility folding and case folding.
      const fold = (n: string) => n.normalize('NFKC').toLowerCase();
      if (!name) fields.set('name', 'required', 'Enter a name.');
      // The name is listed publicly at sign-in: nothing invisible that could make it pass for another.
      else if (hasInvisible(String(input.name))) errors.name = 'The name may not contain control, zero-width or text-direction characters.';
      else if (name.length < TENANT_NAME_MIN || name.length > TENANT_NAME_MAX) errors.name = `The name must have ${TENANT_NAME_MIN} to ${TENANT_NAME_MAX} characters.`;
      else if (store.db.tenants.find((t) => fold(t.name) === fold(name))) fields.set('name', 'taken', `A tenant named “${name}” exists already; choose another name.`);
      let description = '';
      if (input.description !== undefined && input.description !== null) {
        if (typeof input.description !== 'string') errors.description = 'The description must be text.';
        else if ((description = input.description.trim()).length > TENANT_DESCRIPTION_MAX) fields.set('description', 'too-long', `The description may have at most ${TENANT_DESCRIPTION_MAX} characters.`);
      }
      let logo: string | undefined;
      if (input.logo !== undefined && input.logo !== null && input.logo !== '') {
        const error = typeof input.logo === 'string' ? logoError(input.logo) : 'The logo must be an image as a base64 data URL.';
        if (error) errors.logo = error;
        else logo = input.logo as string;
      }
      if (Object.keys(errors).length) return problem(422, 'Invalid tenant', 'Some fields are not valid; nothing was created.', { errors, errorCodes: fields.errorCodes });

      let id = `tenant-${slug(name)}`;
      for (let n = 2; store.db.tenants.get(id); n++) id = `tenant-${slug(name)}-${n}`;
      const tenant: TenantRecord = { id, name, description, ...(logo ? { logo } : {}), createdAt: new Date().toISOString(), version: 1 };
      store.put('tenants', tenant);
      store.audit({ actor: account.username, action: 'tenant-create', target: id, outcome: 'success', detail: `created tenant ${name}`, tenantId });
      return HttpResponse.json(toApi(tenant), { status: 201, headers: { Location: `/api/v1/admin/tenants/${id}`, ETag: `"1"` } });
    }),
  ];
}
