import { useId, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ROLES } from '../../access/model';
import { ApiError } from '../../api/client';
import { formatNumber, t, tDynamic } from '../../i18n';
import { statusLabel } from '../../ui/StatusBadge';
import { fieldErrors, problemText } from './errors';
import { buildInput, choiceCount, LIST_PATH, RunFailed, type Choice, type NewOrder, type Roles } from './newOrder';
import { countOf, runLabel, typeLabel, type OrderTypeConfig } from './orderTypes';

/** Step 3: what will happen and what will be skipped; Start creates the order and runs it. */
export function ReviewStep({ order, config, heading, headingId }: { order: NewOrder; config: OrderTypeConfig; heading: ReactNode; headingId: string }) {
  const { choice, roles, submit, setStep } = order;
  const errorId = useId();
  const count = choiceCount(choice);
  return (
        <div role="group" aria-labelledby={headingId}>
          {heading}
          <Review config={config} choice={choice} roles={roles} />
          <p className="bo-start-note">{t('batch.new.count', { objects: countOf(config.source, count) })}</p>
          {submit.error && (
            <div className="form-error" role="alert" id={errorId}>
              {submit.error instanceof RunFailed ? (
                <>
                  <p>{t('batch.new.runFailed', { id: submit.error.order.id, detail: problemText(submit.error.reason) })}</p>
                  <p>
                    <Link to={`${LIST_PATH}/${encodeURIComponent(submit.error.order.id)}`}>{t('batch.new.openOrder', { id: submit.error.order.id })}</Link>
                  </p>
                </>
              ) : (
                <>
                  <p>
                    {submit.error instanceof ApiError && submit.error.status === 0
                      ? t('batch.new.noAnswer', { detail: problemText(submit.error) })
                      : t('batch.new.createFailed', { detail: problemText(submit.error) })}
                  </p>
                  {fieldErrors(submit.error).length > 0 && (
                    <ul>
                      {fieldErrors(submit.error).map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ul>
                  )}
                  <p>{t('batch.new.kept')}</p>
                </>
              )}
            </div>
          )}
          <div className="bo-wizard-actions">
            <button type="button" className="button secondary" onClick={() => setStep('select')} disabled={submit.isPending}>
              {t('batch.new.back')}
            </button>
            <button
              type="button"
              className="button primary"
              aria-describedby={submit.error ? errorId : undefined}
              aria-disabled={submit.isPending || undefined}
              onClick={() => {
                if (!submit.isPending) submit.mutate(buildInput(config, choice, roles));
              }}
            >
              {submit.isPending ? t('batch.new.starting') : submit.error ? t('batch.new.retry', { action: runLabel(config) }) : runLabel(config)}
            </button>
          </div>
        </div>
  );
}

/** What the order will do: the count, the effects, and which objects are skipped and why. */
function Review({ config, choice, roles }: { config: OrderTypeConfig; choice: Choice; roles: Roles }) {
  const count = choiceCount(choice);
  // Skips known from what was seen: the ticked rows' states, or the state the criteria ask for.
  const reasons = new Map<string, number>();
  if (choice.mode === 'ids') {
    for (const row of choice.rows.values()) {
      const r = config.skipReason(row);
      if (r) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
  } else if (choice.criteria.status) {
    const r = config.skipReason({ id: '', status: choice.criteria.status });
    if (r) reasons.set(r, count);
  }
  const skipped = [...reasons.values()].reduce((a, b) => a + b, 0);
  const criteria =
    choice.mode === 'all'
      ? [
          choice.criteria.status && t('batch.review.criteriaStatus', { status: statusLabel(choice.criteria.status) }),
          choice.criteria.q && t('batch.review.criteriaText', { text: choice.criteria.q }),
          choice.criteria.kind && t('batch.review.criteriaType', { type: tDynamic(`type.${choice.criteria.kind}`, choice.criteria.kind) }),
        ].filter(Boolean)
      : [];
  const roleName = (id: string) => ROLES.find((r) => r.id === id)?.name ?? id;

  return (
    <>
      <dl className="facts bo-review">
        <div className="fact">
          <dt>{t('batch.review.type')}</dt>
          <dd>{typeLabel(config.type)}</dd>
        </div>
        <div className="fact">
          <dt>{t('batch.review.objects')}</dt>
          <dd>
            {countOf(config.source, count)}
            {choice.mode === 'all' ? ` — ${t('batch.review.allMatching')}${criteria.length ? `: ${criteria.join(', ')}` : ''}` : ''}
          </dd>
        </div>
        {config.type === 'edit-roles' && (
          <>
            <div className="fact">
              <dt>{t('batch.roles.add')}</dt>
              <dd>{roles.add.map(roleName).join(', ') || t('batch.none')}</dd>
            </div>
            <div className="fact">
              <dt>{t('batch.roles.remove')}</dt>
              <dd>{roles.remove.map(roleName).join(', ') || t('batch.none')}</dd>
            </div>
          </>
        )}
      </dl>
      <h3>{t('batch.review.whatHappens')}</h3>
      <ul className="effects">
        {config.effects.map((e) => (
          <li key={e}>{t(e)}</li>
        ))}
      </ul>
      <h3>{t('batch.review.skipped')}</h3>
      {skipped > 0 ? (
        <>
          <p className="bo-warning">
            {t('batch.review.skippedCount', { skipped: countOf(config.source, skipped), ready: formatNumber(count - skipped) })}
          </p>
          <ul className="effects">
            {[...reasons].map(([reason, n]) => (
              <li key={reason}>
                {countOf(config.source, n)}: {reason}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('batch.review.noneSkipped')}</p>
      )}
      {config.skipRule && <p className="muted">{t(config.skipRule)}</p>}
    </>
  );
}
