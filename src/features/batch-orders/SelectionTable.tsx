import { Cell, Checkbox, Column, Row, Table, TableBody, TableHeader, type Selection } from 'react-aria-components';
import type { ColumnDef } from '../../ui/DataTable';
import { t } from '../../i18n';
import type { SourceRow } from './orderTypes';

function SelectBox() {
  return (
    <Checkbox slot="selection" className="bo-check">
      {({ isSelected, isIndeterminate }) => (
        <span className="bo-check-box" aria-hidden="true">
          {isIndeterminate ? '–' : isSelected ? '✓' : ''}
        </span>
      )}
    </Checkbox>
  );
}

/**
 * The objects of one result page with a checkbox each (React Aria's grid: arrow keys move, Space ticks,
 * the header box ticks the whole page). The selection of every page is kept by the caller; this table
 * only reports the ticked rows of the page it shows.
 */
export function SelectionTable({
  label,
  columns,
  rows,
  selected,
  allSelected,
  empty,
  onChange,
}: {
  label: string;
  columns: ColumnDef<SourceRow>[];
  rows: readonly SourceRow[];
  /** Ids ticked, of any page. */
  selected: ReadonlySet<string>;
  /** Every row is selected (all matching the criteria). */
  allSelected: boolean;
  empty: string;
  /** The ticked rows of this page after a change. */
  onChange: (ticked: Set<string>) => void;
}) {
  const keys: Selection = allSelected ? 'all' : new Set(rows.filter((r) => selected.has(r.id)).map((r) => r.id));
  return (
    <div className="table-wrap">
      <Table
        aria-label={label}
        className="data-table bo-select-table"
        selectionMode="multiple"
        selectedKeys={keys}
        onSelectionChange={(next) => onChange(next === 'all' ? new Set(rows.map((r) => r.id)) : new Set([...next].map(String)))}
      >
        <TableHeader>
          <Column id="__select" className="bo-check-col">
            <SelectBox />
          </Column>
          {columns.map((c) => (
            <Column key={c.id} id={c.id} isRowHeader={!!c.isRowHeader}>
              {t(c.header)}
            </Column>
          ))}
        </TableHeader>
        <TableBody items={rows} renderEmptyState={() => <p className="empty">{empty}</p>}>
          {(row) => (
            <Row id={row.id}>
              <Cell className="bo-check-col">
                <SelectBox />
              </Cell>
              {columns.map((c) => (
                <Cell key={c.id}>{c.cell(row)}</Cell>
              ))}
            </Row>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
