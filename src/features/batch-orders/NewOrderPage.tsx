import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { can, ROLES } from '../../access/model';
import { useSession } from '../../access/session';
import { ApiError } from '../../api/client';
import { collectionQuery } from '../../api/collection';
import type { BatchOrderDetail, BatchOrderInput, BatchOrderType } from '../../api/types';
import { formatNumber, t, tDynamic } from '../../i18n';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { usePageTitle } from '../../ui/usePageTitle';
import { statusLabel } from '../../ui/StatusBadge';
import { batchKeys, createOrder, newIdempotencyKey, runOrderAction, toView } from './api';
import { fieldErrors, problemText } from './errors';
import {
  countOf,
  isOrderType,
  ORDER_TYPES,
  orderTypeConfig,
  runLabel,
  SOURCES,
  typeLabel,
  type OrderTypeConfig,
  type SourceRow,
} from './orderTypes';
import { SelectionTable } from './SelectionTable';
import './batchOrders.css';

/** One order takes at most this many objects (the backend's limit). */
export const MAX_ITEMS = 10_000;
const PAGE_SIZE = 50;
const LIST_PATH = '/batch-orders';

type Step = 'type' | 'select' | 'review';
const STEPS: Step[] = ['type', 'select', 'review'];

interface Criteria {
  q: string;
  status: string;
  kind: string;
}

/** What is chosen: ticked rows (kept across pages), or everything the criteria match. */
type Choice = { mode: 'ids'; rows: Map<string, SourceRow> } | { mode: 'all'; criteria: Criteria; total: number };

const noChoice = (): Choice => ({ mode: 'ids', rows: new Map() });
const choiceCount = (c: Choice) => (c.mode === 'all' ? c.total : c.rows.size);
const sameCriteria = (a: Criteria, b: Criteria) => a.q === b.q && a.status === b.status && a.kind === b.kind;

/** The body of the order: ticked ids, or the criteria (the backend selects the same objects as the search). */
function buildInput(config: OrderTypeConfig, choice: Choice, roles: { add: string[]; remove: string[] }): BatchOrderInput {
  const input: BatchOrderInput =
    choice.mode === 'all'
      ? {
          type: config.type,
          query: {
            ...(choice.criteria.q ? { q: choice.criteria.q } : {}),
            ...(choice.criteria.status ? { status: choice.criteria.status } : {}),
            ...(choice.criteria.kind ? { type: choice.criteria.kind } : {}),
          },
        }
      : { type: config.type, ids: [...choice.rows.keys()] };
  if (config.type === 'edit-roles') input.roles = { add: [...roles.add], remove: [...roles.remove] };
  return input;
}

/** The order was created, but starting it failed: retrying sends the same order again, then runs it. */
class RunFailed extends Error {
  constructor(
    readonly order: BatchOrderDetail,
    readonly reason: unknown,
  ) {
    super('run failed');
  }
}

/**
 * A new batch order in three steps: the order type (only those the person's permissions allow), the
 * objects (criteria like Extended Search, ticked rows or all matching), and a review that says what
 * will happen and what will be skipped. Start creates the order with an Idempotency-Key and runs it;
 * a failed request keeps every choice and the key, so trying again never makes a second order.
 */
export default function NewOrderPage() {
  usePageTitle(t('batch.new.title'));
  const { data: session } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [sp] = useSearchParams();
  const allowed = ORDER_TYPES.filter((c) => can(session, c.permission));
  const fromUrl = sp.get('type');
  const initialType = isOrderType(fromUrl) && allowed.some((c) => c.type === fromUrl) ? fromUrl : allowed.length === 1 ? allowed[0]!.type : null;

  const [step, setStep] = useState<Step>('type');
  const [type, setType] = useState<BatchOrderType | null>(initialType);
  const config = type ? orderTypeConfig(type) : null;
  const source = config ? SOURCES[config.source] : null;
  const [draftQ, setDraftQ] = useState('');
  const [criteria, setCriteria] = useState<Criteria>({ q: '', status: config?.defaultStatus ?? '', kind: '' });
  const [page, setPage] = useState(1);
  const [choice, setChoice] = useState<Choice>(noChoice);
  const [roles, setRoles] = useState<{ add: string[]; remove: string[] }>({ add: [], remove: [] });
  const [typeError, setTypeError] = useState<string | null>(null);
  const [selectError, setSelectError] = useState<string | null>(null);
  const submission = useRef<{ body: string; key: string } | null>(null);

  const ids = {
    heading: useId(),
    typeError: useId(),
    selectError: useId(),
    q: useId(),
    status: useId(),
    kind: useId(),
    submitError: useId(),
  };
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    // Each step starts at its heading, so keyboard and screen-reader users land on what is new.
    if (firstRender.current) firstRender.current = false;
    else headingRef.current?.focus();
  }, [step]);

  const results = useQuery({
    ...collectionQuery<SourceRow>('batch-orders', source?.path ?? '/cards', {
      q: criteria.q || undefined,
      status: source && source.statuses.length ? criteria.status || undefined : undefined,
      type: criteria.kind || undefined,
      page,
      pageSize: PAGE_SIZE,
    }),
    enabled: step === 'select' && !!source,
    staleTime: 0,
  });

  const submit = useMutation({
    mutationFn: async (input: BatchOrderInput) => {
      const body = JSON.stringify(input);
      // One key per submission: the same body again (a retry) keeps it, a changed order gets a new one.
      if (submission.current?.body !== body) submission.current = { body, key: newIdempotencyKey() };
      const created = await createOrder(input, submission.current.key);
      if (created.status !== 'Created') return created;
      try {
        return await runOrderAction(created, 'run');
      } catch (e) {
        throw new RunFailed(created, e);
      }
    },
    onSuccess: (order) => {
      qc.setQueryData(batchKeys.order(order.id), toView(order, undefined));
      void qc.invalidateQueries({ queryKey: batchKeys.all, predicate: (q) => q.queryKey[1] !== 'order' });
      navigate(`${LIST_PATH}/${encodeURIComponent(order.id)}`, { state: { fromNew: true } });
    },
  });

  const chooseType = (next: BatchOrderType) => {
    if (next === type) return;
    setType(next);
    setTypeError(null);
    setDraftQ('');
    setCriteria({ q: '', status: orderTypeConfig(next).defaultStatus, kind: '' });
    setPage(1);
    setChoice(noChoice());
    setRoles({ add: [], remove: [] });
    setSelectError(null);
    submit.reset();
  };

  const applyCriteria = (patch: Partial<Criteria>) => {
    const next = { ...criteria, ...patch };
    if (sameCriteria(next, criteria)) return;
    setCriteria(next);
    setPage(1);
    // "All matching" meant the old criteria; the new ones start with nothing chosen.
    if (choice.mode === 'all') setChoice(noChoice());
  };

  const onTypeNext = (e: FormEvent) => {
    e.preventDefault();
    if (!config) {
      setTypeError(t('batch.new.typeRequired'));
      return;
    }
    setStep('select');
  };

  const onSelectNext = (e: FormEvent) => {
    e.preventDefault();
    if (!config) return;
    const count = choiceCount(choice);
    let error: string | null = null;
    if (count === 0) error = config.byCriteria ? t('batch.select.required') : t('batch.select.requiredTick');
    else if (count > MAX_ITEMS) error = t('batch.select.tooMany', { max: MAX_ITEMS });
    else if (config.type === 'edit-roles' && roles.add.length + roles.remove.length === 0) error = t('batch.roles.required');
    setSelectError(error);
    if (!error) setStep('review');
  };

  const tick = (rows: readonly SourceRow[], ticked: Set<string>) => {
    setSelectError(null);
    setChoice((prev) => {
      const map = prev.mode === 'ids' ? new Map(prev.rows) : new Map<string, SourceRow>();
      for (const r of rows) {
        if (ticked.has(r.id)) map.set(r.id, r);
        else map.delete(r.id);
      }
      return { mode: 'ids', rows: map };
    });
  };

  if (allowed.length === 0) {
    return (
      <section>
        <h1>{t('batch.new.title')}</h1>
        <p>{t('batch.new.noTypes')}</p>
        <Link to={LIST_PATH}>{t('batch.backToList')}</Link>
      </section>
    );
  }

  const stepIndex = STEPS.indexOf(step);
  const count = choiceCount(choice);
  const stepHeading = (key: 'batch.step.type' | 'batch.step.select' | 'batch.step.review') => (
    <h2 id={ids.heading} ref={headingRef} tabIndex={-1} className="bo-step-heading">
      {t('batch.step.of', { n: stepIndex + 1, total: STEPS.length })} {t(key)}
    </h2>
  );

  return (
    <section className="bo-new">
      <h1>{t('batch.new.title')}</h1>
      <ol className="bo-steps" aria-label={t('batch.steps')}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} className={i < stepIndex ? 'done' : undefined}>
            {t(`batch.step.${s}`)}
          </li>
        ))}
      </ol>

      {step === 'type' && (
        <form onSubmit={onTypeNext} noValidate aria-labelledby={ids.heading}>
          {stepHeading('batch.step.type')}
          <fieldset className="bo-types" aria-describedby={typeError ? ids.typeError : undefined}>
            <legend>{t('batch.new.typeQuestion')}</legend>
            {allowed.map((c) => {
              const id = `bo-type-${c.type}`;
              return (
                <div key={c.type} className="bo-type">
                  <input
                    type="radio"
                    id={id}
                    name="order-type"
                    value={c.type}
                    checked={type === c.type}
                    onChange={() => chooseType(c.type)}
                    aria-describedby={`${id}-hint`}
                    aria-invalid={typeError ? true : undefined}
                  />
                  <label htmlFor={id}>{typeLabel(c.type)}</label>
                  <span id={`${id}-hint`} className="bo-type-hint">
                    {t(`batch.typeHint.${c.type}`)}
                  </span>
                </div>
              );
            })}
          </fieldset>
          {typeError && (
            <p id={ids.typeError} className="field-error" role="alert">
              {typeError}
            </p>
          )}
          <div className="bo-wizard-actions">
            <Link to={LIST_PATH} className="button secondary">
              {t('common.cancel')}
            </Link>
            <button type="submit" className="button primary">
              {t('batch.new.toSelect')}
            </button>
          </div>
        </form>
      )}

      {step === 'select' && config && source && (
        <div aria-labelledby={ids.heading} role="group">
          {stepHeading('batch.step.select')}
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
            <div className="field">
              <label htmlFor={ids.q}>{t(source.textLabel)}</label>
              <input id={ids.q} type="search" value={draftQ} onChange={(e) => setDraftQ(e.target.value)} />
            </div>
            {source.statuses.length > 0 && (
              <div className="field">
                <label htmlFor={ids.status}>{t('search.status')}</label>
                <select id={ids.status} value={criteria.status} onChange={(e) => applyCriteria({ status: e.target.value })}>
                  {source.statuses.map((s) => (
                    <option key={s} value={s}>
                      {statusLabel(s)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            {source.kindFilter && (
              <div className="field">
                <label htmlFor={ids.kind}>{t(source.kindFilter.label)}</label>
                <select id={ids.kind} value={criteria.kind} onChange={(e) => applyCriteria({ kind: e.target.value })}>
                  <option value="">{t('search.anyType')}</option>
                  {source.kindFilter.options.map(([value, label]) => (
                    <option key={value} value={value}>
                      {t(label)}
                    </option>
                  ))}
                </select>
              </div>
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
              <p id={ids.selectError} className="field-error" role="alert">
                {selectError}
              </p>
            )}
            <div className="bo-wizard-actions">
              <button type="button" className="button secondary" onClick={() => setStep('type')}>
                {t('batch.new.back')}
              </button>
              <button type="submit" className="button primary" aria-describedby={selectError ? ids.selectError : undefined}>
                {t('batch.new.toReview')}
              </button>
            </div>
          </form>
        </div>
      )}

      {step === 'review' && config && (
        <div role="group" aria-labelledby={ids.heading}>
          {stepHeading('batch.step.review')}
          <Review config={config} choice={choice} roles={roles} />
          <p className="bo-start-note">{t('batch.new.count', { objects: countOf(config.source, count) })}</p>
          {submit.error && (
            <div className="form-error" role="alert" id={ids.submitError}>
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
              aria-describedby={submit.error ? ids.submitError : undefined}
              aria-disabled={submit.isPending || undefined}
              onClick={() => {
                if (!submit.isPending) submit.mutate(buildInput(config, choice, roles));
              }}
            >
              {submit.isPending ? t('batch.new.starting') : submit.error ? t('batch.new.retry', { action: runLabel(config) }) : runLabel(config)}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** What the order will do: the count, the effects, and which objects are skipped and why. */
function Review({ config, choice, roles }: { config: OrderTypeConfig; choice: Choice; roles: { add: string[]; remove: string[] } }) {
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

/** The roles an Edit roles order adds and removes (only roles that can be given to a person). */
function RolesPicker({ roles, onChange }: { roles: { add: string[]; remove: string[] }; onChange: (r: { add: string[]; remove: string[] }) => void }) {
  const assignable = ROLES.filter((r) => r.assignableToPerson);
  const toggle = (list: 'add' | 'remove', id: string, on: boolean) => {
    const other = list === 'add' ? 'remove' : 'add';
    onChange({
      ...roles,
      [list]: on ? [...roles[list], id] : roles[list].filter((x) => x !== id),
      // A role is either added or removed, never both.
      [other]: on ? roles[other].filter((x) => x !== id) : roles[other],
    } as { add: string[]; remove: string[] });
  };
  return (
    <div className="bo-roles">
      {(['add', 'remove'] as const).map((list) => (
        <fieldset key={list}>
          <legend>{t(list === 'add' ? 'batch.roles.add' : 'batch.roles.remove')}</legend>
          {assignable.map((r) => {
            const id = `bo-role-${list}-${r.id}`;
            return (
              <div key={r.id} className="bo-role">
                <input type="checkbox" id={id} checked={roles[list].includes(r.id)} onChange={(e) => toggle(list, r.id, e.target.checked)} />
                <label htmlFor={id}>{r.name}</label>
              </div>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}
