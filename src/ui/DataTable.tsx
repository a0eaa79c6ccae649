import { memo, type Key, type ReactNode } from 'react';
import { t, useLocale, type MessageKey } from '../i18n';
import {
  Cell,
  Column,
  Row,
  Table,
  TableBody,
  TableHeader,
  TableLayout,
  Virtualizer,
  type SortDescriptor,
} from 'react-aria-components';

export interface ColumnDef<T> {
  id: string;
  /** Translated when the table renders, so the column names follow a change of language. */
  header: MessageKey;
  cell: (row: T) => ReactNode;
  sortable?: boolean;
  isRowHeader?: boolean;
}

export interface Sort {
  field: string;
  dir: 'asc' | 'desc';
}

/**
 * A compact, keyboard-navigable table (React Aria's grid) with optional sortable columns. Sorting is
 * done by the backend: the table only reports the wish. `virtual` renders only the rows in view (long
 * result pages); `onRowAction` opens a row by click, Enter or Space.
 */
function DataTableView<T extends { id: string }>({
  label,
  columns,
  rows,
  empty,
  sort,
  onSortChange,
  onRowAction,
  virtual = false,
}: {
  label: string;
  columns: ColumnDef<T>[];
  rows: readonly T[];
  empty: string;
  sort?: Sort | null;
  onSortChange?: (sort: Sort) => void;
  onRowAction?: (id: string) => void;
  virtual?: boolean;
}) {
  // Memoised below, so it listens to the language itself.
  useLocale();
  const descriptor: SortDescriptor | undefined = sort
    ? { column: sort.field, direction: sort.dir === 'asc' ? 'ascending' : 'descending' }
    : undefined;
  const table = (
    <Table
      aria-label={label}
      className={virtual ? 'data-table virtual' : 'data-table'}
      sortDescriptor={descriptor}
      onSortChange={(d) => onSortChange?.({ field: String(d.column), dir: d.direction === 'ascending' ? 'asc' : 'desc' })}
      onRowAction={onRowAction ? (key: Key) => onRowAction(String(key)) : undefined}
    >
      <TableHeader>
        {columns.map((c, i) => (
          <Column key={c.id} id={c.id} isRowHeader={c.isRowHeader ?? i === 0} allowsSorting={!!c.sortable && !!onSortChange}>
            {({ allowsSorting, sortDirection }) => (
              <span className="col-head">
                {t(c.header)}
                {allowsSorting && (
                  <span aria-hidden="true" className="sort-icon">
                    {sortDirection === 'ascending' ? '▲' : sortDirection === 'descending' ? '▼' : '↕'}
                  </span>
                )}
              </span>
            )}
          </Column>
        ))}
      </TableHeader>
      <TableBody items={rows} renderEmptyState={() => <p className="empty">{empty}</p>}>
        {(row) => (
          <Row id={row.id} columns={columns} className={onRowAction ? 'row-action' : undefined}>
            {(c) => <Cell>{c.cell(row)}</Cell>}
          </Row>
        )}
      </TableBody>
    </Table>
  );
  return (
    <div className={virtual ? 'table-wrap virtual' : 'table-wrap'}>
      {virtual ? (
        <Virtualizer layout={TableLayout} layoutOptions={{ rowHeight: 34, headingHeight: 34 }}>
          {table}
        </Virtualizer>
      ) : (
        table
      )}
    </div>
  );
}

/** Memoised: a re-render of the page with the same rows (e.g. while the next page loads) skips the grid. */
export const DataTable = memo(DataTableView) as typeof DataTableView;
