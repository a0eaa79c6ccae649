import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from '../../api/client';
import type { BatchOrderDetail, BatchOrderInput } from '../../api/types';

export type OrderAction = BatchOrderDetail['allowedActions'][number];

/** Query keys of Batch Orders: everything under `['batch-orders', …]`. */
export const batchKeys = {
  all: ['batch-orders'] as const,
  order: (id: string) => ['batch-orders', 'order', id] as const,
};

/** Extended Search's key prefix: an order that changed objects makes its results and object pages stale. */
export const SEARCH_KEY = ['search'] as const;

/** How often a running order is asked for its progress. */
export const POLL_MS = 1000;

/**
 * An order as the page shows it: the backend's answer, when it arrived, and while it runs the first
 * answer of this run seen here (so the rate, and the time left, come from what was observed).
 */
export interface OrderView extends BatchOrderDetail {
  fetchedAt: number;
  runObserved: { at: number; processed: number } | null;
}

/** Wraps an answer of the backend (a GET or an action), carrying the run's first observation on. */
export function toView(order: BatchOrderDetail, previous: OrderView | undefined, now = Date.now()): OrderView {
  let runObserved: OrderView['runObserved'] = null;
  if (order.status === 'Running') {
    runObserved =
      previous?.status === 'Running'
        ? (previous.runObserved ?? { at: previous.fetchedAt, processed: previous.processedCount })
        : { at: now, processed: order.processedCount };
  }
  return { ...order, fetchedAt: now, runObserved };
}

/** Seconds left at the rate observed so far, or null while there is no rate yet. */
export function secondsLeft(o: OrderView): number | null {
  if (o.status !== 'Running' || !o.runObserved) return null;
  const done = o.processedCount - o.runObserved.processed;
  const elapsed = o.fetchedAt - o.runObserved.at;
  if (done <= 0 || elapsed <= 0) return null;
  return ((o.itemCount - o.processedCount) * elapsed) / done / 1000;
}

export const orderQuery = (id: string) =>
  queryOptions({
    queryKey: batchKeys.order(id),
    queryFn: async ({ signal, client }) => {
      const order = await apiFetch<BatchOrderDetail>(`/batch-orders/${encodeURIComponent(id)}`, { signal });
      return toView(order, client.getQueryData<OrderView>(batchKeys.order(id)));
    },
    // Only a running order changes by itself; poll it then and never otherwise.
    refetchInterval: (query) => (query.state.data?.status === 'Running' ? POLL_MS : false),
    staleTime: 0,
  });

/**
 * Creates an order. The Idempotency-Key belongs to one submission: sent again with the same body it
 * returns the first order (200), never a second one.
 */
export function createOrder(input: BatchOrderInput, idempotencyKey: string) {
  return apiFetch<BatchOrderDetail>('/batch-orders', { method: 'POST', body: input, idempotencyKey });
}

/** An action on the order as the person saw it (`version`): a changed order is refused (412), not acted on. */
export function runOrderAction(order: Pick<BatchOrderDetail, 'id' | 'version'>, action: OrderAction) {
  return apiFetch<BatchOrderDetail>(`/batch-orders/${encodeURIComponent(order.id)}/actions/${action}`, { method: 'POST', ifMatch: order.version });
}

/** A fresh key per submission (crypto.randomUUID in secure contexts, random bytes elsewhere). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
