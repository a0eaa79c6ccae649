import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Breadcrumb, Breadcrumbs } from 'react-aria-components';
import { Link, useLocation, useParams } from 'react-router-dom';
import { can } from '../../access/model';
import { useSession } from '../../access/session';
import { ApiError } from '../../api/client';
import type { BatchItem } from '../../api/types';
import { formatDateTime, formatNumber, t } from '../../i18n';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { Facts } from '../../ui/Panel';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { notify } from '../../ui/toast';
import { usePageTitle } from '../../ui/usePageTitle';
import { batchKeys, orderQuery, runOrderAction, SEARCH_KEY, secondsLeft, toView, type OrderAction, type OrderView } from './api';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { problemText } from './errors';
import { orderTypeConfig, runLabel, typeLabel, type OrderTypeConfig } from './orderTypes';
import './batchOrders.css';

const LIST_PATH = '/batch-orders';
/** Longer item lists render only the rows in view. */
const VIRTUAL_FROM = 100;

const failedCols: ColumnDef<BatchItem>[] = [
  { id: 'label', header: 'batch.col.item', cell: (i) => i.label },
  { id: 'reason', header: 'col.reason', cell: (i) => i.reason ?? '–' },
  { id: 'attempts', header: 'batch.col.attempts', cell: (i) => formatNumber(i.attempts) },
];
const skippedCols: ColumnDef<BatchItem>[] = [
  { id: 'label', header: 'batch.col.item', cell: (i) => i.label },
  { id: 'reason', header: 'col.reason', cell: (i) => i.reason ?? '–' },
];

export function actionLabel(config: OrderTypeConfig, action: OrderAction): string {
  switch (action) {
    case 'run':
      return runLabel(config);
    case 'cancel':
      return t('batch.action.cancel');
    case 'repeat-failed':
      return t(config.production ? 'batch.action.repeatProduction' : 'batch.action.repeatFailed');
    case 'complete':
      return t('batch.action.complete');
  }
}

/** "about 40 s left", "about 3 min left". */
function timeLeft(seconds: number): string {
  if (seconds < 90) return t('batch.progress.secondsLeft', { n: Math.max(1, Math.round(seconds)) });
  return t('batch.progress.minutesLeft', { n: Math.round(seconds / 60) });
}

/** "1,250 of 5,000 · 12 failed · about 40 s left". */
export function progressText(o: OrderView): string {
  const parts = [t('batch.progress.of', { processed: o.processedCount, total: o.itemCount }), t('batch.progress.failed', { count: o.failedCount })];
  const left = secondsLeft(o);
  if (left !== null) parts.push(timeLeft(left));
  return parts.join(' · ');
}

/** The state in one sentence, with how many succeeded and failed: never a silent partial success. */
function outcomeText(o: OrderView): string {
  const counts = { done: o.doneCount, failed: o.failedCount, skipped: o.skippedCount, pending: o.itemCount - o.processedCount };
  switch (o.status) {
    case 'Created':
      return t('batch.outcome.Created');
    case 'Running':
      return t('batch.outcome.Running');
    case 'Finished':
      return o.failedCount > 0 ? t('batch.outcome.FinishedFailed', counts) : t('batch.outcome.Finished', counts);
    case 'Completed':
      return t('batch.outcome.Completed', counts);
    case 'Cancelled':
      return t('batch.outcome.Cancelled', counts);
  }
}

/** What the confirmation of an action says will happen. */
function confirmBody(config: OrderTypeConfig, o: OrderView, action: OrderAction): string {
  switch (action) {
    case 'cancel':
      return t('batch.confirm.cancel', { pending: o.itemCount - o.processedCount, done: o.doneCount });
    case 'repeat-failed':
      return t(config.production ? 'batch.confirm.repeatProduction' : 'batch.confirm.repeatFailed', { failed: o.failedCount });
    case 'complete':
      return t(o.failedCount > 0 ? 'batch.confirm.completeFailed' : 'batch.confirm.complete', { done: o.doneCount, failed: o.failedCount, skipped: o.skippedCount });
    default:
      return '';
  }
}

/**
 * A batch order: its progress while it runs (polled, so it keeps going and a reload simply picks it up
 * again), the failed items with their reasons, the skipped ones, and the actions the backend allows now,
 * each but Run confirmed first.
 */
export default function OrderPage() {
  const id = useParams().id ?? '';
  const qc = useQueryClient();
  const query = useQuery(orderQuery(id));
  usePageTitle(t('batch.order.title', { id }));

  // When a run ends, the objects it worked on have changed: Extended Search and the lists must reload.
  const status = query.data?.status;
  const lastStatus = useRef(status);
  useEffect(() => {
    if (lastStatus.current === 'Running' && status && status !== 'Running') {
      void qc.invalidateQueries({ queryKey: SEARCH_KEY });
      void qc.invalidateQueries({ queryKey: batchKeys.all, predicate: (q) => q.queryKey[1] !== 'order' });
    }
    lastStatus.current = status;
  }, [status, qc]);

  return (
    <div className="bo-order">
      <Breadcrumbs className="breadcrumbs" aria-label={t('object.breadcrumbs')}>
        <Breadcrumb>
          <Link to={LIST_PATH}>{t('batch.title')}</Link>
        </Breadcrumb>
        <Breadcrumb>
          <span aria-current="page">{id}</span>
        </Breadcrumb>
      </Breadcrumbs>
      <QueryState query={query}>{(o) => <Order order={o} />}</QueryState>
    </div>
  );
}

function Order({ order: o }: { order: OrderView }) {
  const qc = useQueryClient();
  const { data: session } = useSession();
  const config = orderTypeConfig(o.type);
  const mayAct = can(session, config.permission);
  const needs = (a: OrderAction) => config.actionPermissions?.[a] ?? config.permission;
  const actions = o.allowedActions.filter((a) => can(session, needs(a)));
  const withheld = o.allowedActions.filter((a) => !can(session, needs(a)));
  const [confirming, setConfirming] = useState<OrderAction | null>(null);
  const ids = { progress: useId(), progressText: useId(), actions: useId(), runError: useId() };
  // Arriving from the new-order steps, focus starts at the order's title (the button pressed is gone).
  const arrivedFromNew = (useLocation().state as { fromNew?: boolean } | null)?.fromNew === true;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (arrivedFromNew) headingRef.current?.focus();
  }, [arrivedFromNew]);

  const act = useMutation({
    mutationFn: (action: OrderAction) => runOrderAction(o, action),
    onSuccess: (fresh, action) => {
      qc.setQueryData<OrderView>(batchKeys.order(o.id), (prev) => toView(fresh, prev));
      void qc.invalidateQueries({ queryKey: batchKeys.all, predicate: (q) => q.queryKey[1] !== 'order' });
      if (fresh.status !== 'Running') void qc.invalidateQueries({ queryKey: SEARCH_KEY });
      setConfirming(null);
      notify(t('batch.actionDone', { action: actionLabel(config, action) }));
    },
    onError: (e) => {
      // Someone else changed the order meanwhile: show its state now.
      if (e instanceof ApiError && (e.status === 409 || e.status === 412)) void qc.invalidateQueries({ queryKey: batchKeys.order(o.id) });
    },
  });

  const failed = o.items.filter((i) => i.status === 'failed');
  const skipped = o.items.filter((i) => i.status === 'skipped');
  const pending = o.itemCount - o.processedCount;
  const errorText = act.error ? problemText(act.error) : null;

  return (
    <>
      <div className="object-layout">
        <div className="object-main">
          <header className="identity">
            <h1 ref={headingRef} tabIndex={-1} className="bo-order-title">
              {t('batch.order.title', { id: o.id })}
            </h1>
            <StatusBadge status={o.status} />
          </header>
          <p className="bo-outcome" role="status">
            {outcomeText(o)}
          </p>

          <section className="panel bo-progress-panel" aria-labelledby={ids.progress}>
            <h2 id={ids.progress}>{t('batch.progress.title')}</h2>
            <progress
              className="bo-progress"
              aria-labelledby={ids.progress}
              aria-describedby={ids.progressText}
              aria-valuetext={progressText(o)}
              value={o.processedCount}
              max={Math.max(1, o.itemCount)}
            />
            <p id={ids.progressText} className="bo-progress-text">
              {progressText(o)}
            </p>
            <dl className="stat-tiles bo-counts">
              <div>
                <dt>{t('batch.count.done')}</dt>
                <dd>{formatNumber(o.doneCount)}</dd>
              </div>
              <div>
                <dt>{t('batch.count.failed')}</dt>
                <dd>{formatNumber(o.failedCount)}</dd>
              </div>
              <div>
                <dt>{t('batch.count.skipped')}</dt>
                <dd>{formatNumber(o.skippedCount)}</dd>
              </div>
              <div>
                <dt>{o.status === 'Cancelled' ? t('batch.count.notProcessed') : t('batch.count.waiting')}</dt>
                <dd>{formatNumber(pending)}</dd>
              </div>
            </dl>
          </section>

          <section className="panel bo-details">
            <h2>{t('object.details')}</h2>
            <Facts
              facts={[
                [t('batch.review.type'), typeLabel(o.type)],
                [t('col.items'), formatNumber(o.itemCount)],
                [t('col.createdBy'), o.createdBy.displayName],
                [t('col.created'), formatDateTime(o.createdAt)],
                [t('batch.col.started'), o.startedAt ? formatDateTime(o.startedAt) : '–'],
                [t('batch.col.finished'), o.finishedAt ? formatDateTime(o.finishedAt) : '–'],
              ]}
            />
          </section>

          <section className="related">
            <h2>{t('batch.failedItems', { count: failed.length })}</h2>
            <DataTable label={t('batch.failedItemsLabel')} columns={failedCols} rows={failed} empty={t('batch.noFailed')} virtual={failed.length > VIRTUAL_FROM} />
          </section>
          <section className="related">
            <h2>{t('batch.skippedItems', { count: skipped.length })}</h2>
            <DataTable label={t('batch.skippedItemsLabel')} columns={skippedCols} rows={skipped} empty={t('batch.noSkipped')} virtual={skipped.length > VIRTUAL_FROM} />
          </section>
        </div>

        <aside className="action-panel" aria-labelledby={ids.actions}>
          <h2 id={ids.actions}>{t('object.actions')}</h2>
          {!mayAct ? (
            <p className="muted">{t('batch.order.noPermission', { permission: config.permission })}</p>
          ) : o.allowedActions.length === 0 ? (
            <p className="muted">{t('batch.order.noActions')}</p>
          ) : (
            <ul>
              {actions.map((a) => (
                <li key={a}>
                  <button
                    type="button"
                    className={`button ${a === 'cancel' ? 'secondary' : a === 'run' ? 'primary' : 'secondary'} action-button`}
                    aria-describedby={a === 'run' && errorText && !confirming ? ids.runError : undefined}
                    onClick={() => {
                      act.reset();
                      if (a === 'run') act.mutate('run');
                      else setConfirming(a);
                    }}
                  >
                    {actionLabel(config, a)}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {mayAct &&
            withheld.map((a) => (
              <p key={a} className="muted">
                {t('batch.order.actionNeeds', { action: actionLabel(config, a), permission: needs(a) })}
              </p>
            ))}
          {errorText && !confirming && (
            <p id={ids.runError} className="form-error" role="alert">
              {errorText}
            </p>
          )}
        </aside>
      </div>

      {confirming && (
        <ConfirmDialog
          title={t('batch.confirm.title', { action: actionLabel(config, confirming), id: o.id })}
          confirmLabel={actionLabel(config, confirming)}
          tone={confirming === 'cancel' ? 'danger' : 'primary'}
          pending={act.isPending}
          error={errorText}
          onConfirm={() => act.mutate(confirming)}
          onClose={() => {
            act.reset();
            setConfirming(null);
          }}
        >
          <p>{confirmBody(config, o, confirming)}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
