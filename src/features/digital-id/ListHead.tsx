import { Button } from 'react-aria-components';
import { t } from '../../i18n';
import { SearchForm } from '../../ui/SearchForm';
import { statusLabel } from '../../ui/StatusBadge';

/**
 * The head of a Digital ID list: its heading, the one button that adds to it (where the person may),
 * and the text and status filters, kept in the URL.
 */
export function ListHead({
  headingId,
  title,
  action,
  values,
  queryLabel,
  statuses,
  onSubmit,
}: {
  headingId: string;
  title: string;
  action: { label: string; onPress: () => void } | null;
  values: Record<'q' | 'status', string>;
  queryLabel: string;
  statuses: readonly string[];
  onSubmit: (patch: Partial<Record<'q' | 'status', string>>) => void;
}) {
  return (
    <>
      <div className="did-heading-row">
        <h2 id={headingId}>{title}</h2>
        {action && (
          <Button className="button primary" onPress={action.onPress}>
            {action.label}
          </Button>
        )}
      </div>
      <SearchForm
        className="did-search"
        label={title}
        values={values}
        queryLabel={queryLabel}
        selects={[{ name: 'status', label: t('digitalId.status'), all: t('digitalId.anyStatus'), options: statuses.map((s) => ({ value: s, label: statusLabel(s) })), immediate: true }]}
        submitLabel={t('digitalId.search')}
        onSubmit={onSubmit}
      />
    </>
  );
}
