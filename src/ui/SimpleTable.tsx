import type { ReactNode } from 'react';
import { Pager } from './Pager';

/**
 * A plain table of rows whose first cell is the row header (`<th scope="row">`), with a caption and
 * column headers (`false` leaves a column out). When there are no rows, `empty` is said: as a row of the
 * table with `emptyInTable`, otherwise instead of the table. `paging` adds a pager below.
 */
export function SimpleTable({
  className,
  caption,
  hiddenCaption = false,
  columns,
  rows,
  empty,
  emptyInTable = false,
  paging,
}: {
  className: string;
  caption: string;
  hiddenCaption?: boolean;
  columns: (string | false)[];
  rows: ReactNode[];
  empty?: string;
  emptyInTable?: boolean;
  paging?: { total: number; page: number; pageSize: number; onPage: (page: number) => void };
}) {
  const shown = columns.filter((c): c is string => c !== false);
  if (!rows.length && empty !== undefined && !emptyInTable) return <p className="empty">{empty}</p>;
  return (
    <>
      <div className="table-wrap">
        <table className={`simple-table ${className}`}>
          <caption className={hiddenCaption ? 'visually-hidden' : undefined}>{caption}</caption>
          <thead>
            <tr>
              {shown.map((h, i) => (
                <th scope="col" key={i}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows}
            {!rows.length && emptyInTable && (
              <tr>
                <td colSpan={shown.length}>{empty}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {paging && <Pager {...paging} />}
    </>
  );
}
