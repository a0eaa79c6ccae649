import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from '../../api/client';
import type { Collection, HistoryEntry, ObjectEnvelope, SearchType } from '../../api/types';

/** Query keys of the search area; object pages and results share the prefix so actions refresh both. */
export const searchKeys = {
  all: ['search'] as const,
  object: (type: SearchType, id: string) => ['search', 'object', type, id] as const,
  history: (type: SearchType, id: string) => ['search', 'history', type, id] as const,
};

export type ObjectDetail = ObjectEnvelope & { id: string; status: string } & Record<string, unknown>;

const path = (type: SearchType, id: string) => `/${type}/${encodeURIComponent(id)}`;

export const objectQuery = (type: SearchType, id: string) =>
  queryOptions({
    queryKey: searchKeys.object(type, id),
    queryFn: ({ signal }) => apiFetch<ObjectDetail>(path(type, id), { signal }),
  });

export const historyQuery = (type: SearchType, id: string) =>
  queryOptions({
    queryKey: searchKeys.history(type, id),
    queryFn: ({ signal }) => apiFetch<Collection<HistoryEntry>>(`${path(type, id)}/history`, { signal }),
  });

export function runAction(type: SearchType, id: string, action: string, version: number, body: { reason?: string; personId?: string }) {
  return apiFetch<ObjectDetail>(`${path(type, id)}/actions/${encodeURIComponent(action)}`, { method: 'POST', ifMatch: version, body });
}
