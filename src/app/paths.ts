/** Typed paths of the console, used by the app and by the end-to-end tests alike. */
export const paths = {
  login: (next?: string) => (next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'),
  start: () => '/',
  search: () => '/search',
  /** An object of Extended Search, e.g. object('cards', 'card-000123'). */
  object: (type: string, id: string) => `/search/${encodeURIComponent(type)}/${encodeURIComponent(id)}`,
  tasks: () => '/tasks',
  batchOrders: () => '/batch-orders',
  admin: () => '/admin',
  roles: () => '/roles',
  role: (id: string) => `/roles/${encodeURIComponent(id)}`,
  users: () => '/users',
  user: (id: string) => `/users/${encodeURIComponent(id)}`,
  selfService: () => '/self-service',
  digitalId: () => '/digital-id',
} as const;

/** Only a path inside the console may be a target after sign-in (no `//host`, no scheme). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return '/';
  return next;
}
