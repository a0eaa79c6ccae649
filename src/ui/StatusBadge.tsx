import { tDynamic } from '../i18n';

/**
 * A state as text and colour (never colour alone). The colour follows the state's name in the
 * contract, the text the active language.
 */
export function StatusBadge({ status }: { status: string }) {
  const tone = status.toLowerCase().replace(/[^a-z]+/g, '-');
  return <span className={`badge badge-${tone}`}>{statusLabel(status)}</span>;
}

/** A state's name in the active language (a state the catalog does not know keeps its contract name). */
export const statusLabel = (status: string) => tDynamic(`status.${status}`, status);
