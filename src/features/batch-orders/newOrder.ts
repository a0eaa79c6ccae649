/**
 * A new batch order's state across its three steps (type, objects, review), kept here so going back
 * a step loses nothing; and its submission: created with an Idempotency-Key, then run.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, useRef, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { can } from '../../access/model';
import { useSession } from '../../access/session';
import { collectionQuery } from '../../api/collection';
import type { BatchOrderDetail, BatchOrderInput, BatchOrderType } from '../../api/types';
import { t } from '../../i18n';
import { batchKeys, createOrder, newIdempotencyKey, runOrderAction, toView } from './api';
import { isOrderType, ORDER_TYPES, orderTypeConfig, SOURCES, type OrderTypeConfig, type SourceRow } from './orderTypes';

/** One order takes at most this many objects (the backend's limit). */
export const MAX_ITEMS = 10_000;
const PAGE_SIZE = 50;
export const LIST_PATH = '/batch-orders';

export type Step = 'type' | 'select' | 'review';
export const STEPS: Step[] = ['type', 'select', 'review'];

/** The roles an Edit roles order adds and removes. */
export interface Roles {
  add: string[];
  remove: string[];
}

export interface Criteria {
  q: string;
  status: string;
  kind: string;
}

/** What is chosen: ticked rows (kept across pages), or everything the criteria match. */
export type Choice = { mode: 'ids'; rows: Map<string, SourceRow> } | { mode: 'all'; criteria: Criteria; total: number };

export const noChoice = (): Choice => ({ mode: 'ids', rows: new Map() });
export const choiceCount = (c: Choice) => (c.mode === 'all' ? c.total : c.rows.size);
export const sameCriteria = (a: Criteria, b: Criteria) => a.q === b.q && a.status === b.status && a.kind === b.kind;

/** The body of the order: ticked ids, or the criteria (the backend selects the same objects as the search). */
export function buildInput(config: OrderTypeConfig, choice: Choice, roles: Roles): BatchOrderInput {
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
export class RunFailed extends Error {
  constructor(
    readonly order: BatchOrderDetail,
    readonly reason: unknown,
  ) {
    super('run failed');
  }
}

export function useNewOrder() {
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
  const [roles, setRoles] = useState<Roles>({ add: [], remove: [] });
  const [typeError, setTypeError] = useState<string | null>(null);
  const [selectError, setSelectError] = useState<string | null>(null);
  const submission = useRef<{ body: string; key: string } | null>(null);

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

  return {
    allowed, step, setStep, type, config, source, draftQ, setDraftQ, criteria, setPage, choice, setChoice, roles, setRoles,
    typeError, selectError, setSelectError, results, submit, chooseType, applyCriteria, onTypeNext, onSelectNext, tick,
  };
}

export type NewOrder = ReturnType<typeof useNewOrder>;
