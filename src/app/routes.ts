import type { ComponentType } from 'react';
import { loadMessages, type CatalogPart } from '../i18n';
import { paths } from './paths';
import type { ConsoleRoute } from './routeContext';

/**
 * The route table: every view is declared once with the requirement it needs (a required field).
 * The guard, the main navigation, the Start page and the tests all derive from this table.
 */

/** A view whose messages come in chunks of their own: they are loaded, in the active language, before the view renders. */
const withMessages =
  (messages: CatalogPart[], view: () => Promise<{ default: ComponentType }>) =>
  async () => {
    const [, page] = await Promise.all([loadMessages(...messages), view()]);
    return page;
  };
const batchMessages: CatalogPart[] = ['batch'];
const userMessages: CatalogPart[] = ['users', 'roles'];
const selfServiceMessages: CatalogPart[] = ['self-service', 'self-service-credentials'];

export const ROUTES: readonly ConsoleRoute[] = [
  { path: paths.start(), requires: { signedIn: true }, nav: 'nav.start', load: () => import('./StartPage') },
  { path: paths.search(), requires: { right: 'Extended Search' }, nav: 'nav.search', startAction: 'start.search', load: () => import('../features/search/SearchPage') },
  { path: '/search/:type/:id', requires: { right: 'Extended Search' }, nav: 'nav.search', hidden: true, load: () => import('../features/search/ObjectPage') },
  { path: paths.tasks(), requires: { right: 'Open Tasks' }, nav: 'nav.tasks', startAction: 'start.tasks', load: () => import('../features/tasks/TasksPage') },
  { path: '/tasks/:id', requires: { right: 'Open Tasks' }, nav: 'nav.tasks', hidden: true, load: () => import('../features/tasks/TaskPage') },
  { path: paths.batchOrders(), requires: { right: 'Batch Orders' }, nav: 'nav.batchOrders', startAction: 'start.batchOrders', load: withMessages(batchMessages, () => import('../features/batch-orders/BatchOrdersPage')) },
  { path: '/batch-orders/new', requires: { right: 'Batch Orders' }, nav: 'nav.batchOrders', hidden: true, load: withMessages(batchMessages, () => import('../features/batch-orders/NewOrderPage')) },
  { path: '/batch-orders/:id', requires: { right: 'Batch Orders' }, nav: 'nav.batchOrders', hidden: true, load: withMessages(batchMessages, () => import('../features/batch-orders/OrderPage')) },
  { path: paths.admin(), requires: { right: 'Admin' }, nav: 'nav.admin', startAction: 'start.admin', load: withMessages(['admin'], () => import('../features/admin/AdminPage')) },
  { path: paths.roles(), requires: { right: 'Roles' }, nav: 'nav.roles', startAction: 'start.roles', load: withMessages(userMessages, () => import('../features/roles/RolesPage')) },
  { path: '/roles/:id', requires: { right: 'Roles' }, nav: 'nav.roles', hidden: true, load: withMessages(userMessages, () => import('../features/roles/RolePage')) },
  { path: paths.users(), requires: { right: 'User Administration' }, nav: 'nav.users', startAction: 'start.users', load: withMessages(userMessages, () => import('../features/users/UsersPage')) },
  { path: '/users/:id', requires: { right: 'User Administration' }, nav: 'nav.users', hidden: true, load: withMessages(userMessages, () => import('../features/users/UserPage')) },
  { path: paths.selfService(), requires: { right: 'Self-Service' }, nav: 'nav.selfService', startAction: 'start.selfService', load: withMessages(selfServiceMessages, () => import('../features/self-service/SelfServicePage')) },
  { path: paths.digitalId(), requires: { right: 'Digital ID' }, nav: 'nav.digitalId', startAction: 'start.digitalId', load: withMessages(['digital-id'], () => import('../features/digital-id/DigitalIdPage')) },
];
