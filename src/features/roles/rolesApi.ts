import { collectionQuery } from '../../api/collection';
import type { RoleInfo } from '../../api/types';

/** Every role on one page (the backend answers them all); the list and the role pages share it. */
export const rolesQuery = () => collectionQuery<RoleInfo>('roles', '/roles', { pageSize: 200 });

/** Console paths of this view, and of the user pages holders link to (the same as app/paths.ts). */
export const rolesPath = '/roles';
export const rolePath = (id: string) => `/roles/${encodeURIComponent(id)}`;
export const userPath = (id: string) => `/users/${encodeURIComponent(id)}`;
