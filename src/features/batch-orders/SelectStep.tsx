import { useId, type ReactNode } from 'react';
import { t } from '../../i18n';
import { FilterSelect, FilterText } from '../../ui/FilterFields';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { statusLabel } from '../../ui/StatusBadge';
import { choiceCount, MAX_ITEMS, noChoice, sameCriteria, type NewOrder } from './newOrder';
import { countOf, typeLabel, type OrderTypeConfig, type SourceConfig } from './orderTypes';
import { RolesPicker } from './RolesPicker';
import { SelectionTable } from './SelectionTable';

/** Step 2: the objects, by criteria as in Extended Search; ticked rows (kept across pages) or all that match. */
export function SelectStep({ order, config, source, heading, headingId }: { order: NewOrder; config: OrderTypeConfig; source: SourceConfig; heading: ReactNode; headingId: string }) {
  const { draftQ, setDraftQ, criteria, applyCriteria, setPage, choice, setChoice, roles, setRoles, results, selectError, setSelectError, tick, setStep, onSelectNext } = order;
  const errorId = useId();
  const count = choiceCount(choice);
  return (
        <div aria-labelledby={headingId} role="group">
          {heading}
          <p className="muted">
            {typeLabel(config.type)} · {t('batch.select.intro')}
          </p>
          {config.type === 'edit-roles' && <RolesPicker roles={roles} onChange={setRoles} />}
          <form
            className="filters"
            role="search"
            aria-label={t('batch.select.criteria')}
            onSubmit={(e) => {
              e.preventDefault();
              applyCriteria({ q: draftQ.trim() });
            }}
          >
            <FilterText label={t(source.textLabel)} value={draftQ} onChange={setDraftQ} />
            {source.statuses.length > 0 && (
              <FilterSelect label={t('search.status')} value={criteria.status} options={source.statuses} optionLabel={statusLabel} onChange={(status) => applyCriteria({ status })} />
            )}
            {source.kindFilter && (
              <FilterSelect
                label={t(source.kindFilter.label)}
                any={t('search.anyType')}
                value={criteria.kind}
                options={source.kindFilter.options.map(([value, label]) => ({ value, label: t(label) }))}
                onChange={(kind) => applyCriteria({ kind })}
              />
            )}
            <button type="submit" className="button primary">
              {t('search.submit')}
            </button>
          </form>

          <QueryState query={results}>
            {(data) => {
              const allHere = choice.mode === 'all' && sameCriteria(choice.criteria, criteria);
              return (
                <>
                  <div className="result-bar">
                    <Pager total={data.total} page={data.page} pageSize={data.pageSize} onPage={setPage} />
                    {config.byCriteria && data.total > 0 && !allHere && (
                      <button
                        type="button"
                        className="button secondary"
                        onClick={() => {
                          setChoice({ mode: 'all', criteria, total: data.total });
                          setSelectError(data.total > MAX_ITEMS ? t('batch.select.tooMany', { max: MAX_ITEMS }) : null);
                        }}
                      >
                        {t('batch.select.all', { count: data.total })}
                      </button>
                    )}
                  </div>
                  <div className="bo-selection">
                    <span role="status">
                      {choice.mode === 'all'
                        ? t('batch.select.allSelected', { objects: countOf(config.source, choice.total) })
                        : t('batch.select.count', { count: choice.rows.size })}
                    </span>
                    {count > 0 && (
                      <button
                        type="button"
                        className="button link"
                        onClick={() => setChoice(noChoice())}
                      >
                        {t('batch.select.clear')}
                      </button>
                    )}
                  </div>
                  <SelectionTable
                    label={t(source.tableLabel)}
                    columns={source.columns}
                    rows={data.items}
                    selected={choice.mode === 'ids' ? new Set(choice.rows.keys()) : new Set()}
                    allSelected={allHere}
                    empty={t('search.emptyType')}
                    onChange={(ticked) => tick(data.items, ticked)}
                  />
                </>
              );
            }}
          </QueryState>
          <form onSubmit={onSelectNext} noValidate>
            {selectError && (
              <p id={errorId} className="field-error" role="alert">
                {selectError}
              </p>
            )}
            <div className="bo-wizard-actions">
              <button type="button" className="button secondary" onClick={() => setStep('type')}>
                {t('batch.new.back')}
              </button>
              <button type="submit" className="button primary" aria-describedby={selectError ? errorId : undefined}>
                {t('batch.new.toReview')}
              </button>
            </div>
          </form>
        </div>
  );
}
