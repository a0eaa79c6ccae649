/** The Admin view's Tenants: list and create. */
export function TenantsPanel() {
  return null;
}
