import { tDynamic } from '../i18n';

/**
 * Names from the rights model in the active language. Role names stay as the seed spells them
 * (product terms); their descriptions and the view names are translated, falling back to the seed's
 * English for anything the catalog does not know.
 */
export const rightLabel = (right: string) => tDynamic(`right.${right}`, right);

/** A list of rights ("Extended Search, Open Tasks"), or the seed's "All" / "No". */
export function rightsText(value: string | readonly string[]): string {
  if (value === 'All') return tDynamic('rights.all', value);
  if (value === 'No') return tDynamic('rights.none', value);
  const list = typeof value === 'string' ? value.split(', ').filter(Boolean) : value;
  return list.map(rightLabel).join(', ');
}

export const roleDescription = (role: { id: string; description: string }) => tDynamic(`roleDesc.${role.id}`, role.description);
