import { queryOptions } from '@tanstack/react-query';
import { apiFetch, ApiError, toQuery } from '../../api/client';
import type { Collection, Connector, ConnectorInput, ConnectorTestResult, Process, Service, ServiceAction, SyncRun } from '../../api/types';
import { t } from '../../i18n';

export const adminKeys = {
  all: ['admin'] as const,
  services: ['admin', 'services'] as const,
  connectors: ['admin', 'connectors'] as const,
  connector: (id: string) => ['admin', 'connector', id] as const,
  log: (params: Record<string, string | number>) => ['admin', 'system-log', params] as const,
  processes: ['admin', 'processes'] as const,
  syncRuns: ['admin', 'sync-runs'] as const,
};

/** How often a list with something in motion (Starting, a running sync) is read again. */
export const POLL_MS = 1000;

export const servicesQuery = () =>
  queryOptions({
    queryKey: adminKeys.services,
    queryFn: ({ signal }) => apiFetch<Collection<Service>>('/admin/services?pageSize=200', { signal }),
    // Poll only while a service is on its way to Running or Stopped.
    refetchInterval: (q) => (q.state.data?.items.some((s) => s.state === 'Starting' || s.state === 'Stopping') ? POLL_MS : false),
  });

export const runServiceAction = (s: Service, action: ServiceAction) =>
  apiFetch<Service>(`/admin/services/${encodeURIComponent(s.id)}/actions/${action}`, { method: 'POST', ifMatch: s.version });

export const connectorsQuery = () =>
  queryOptions({ queryKey: adminKeys.connectors, queryFn: ({ signal }) => apiFetch<Collection<Connector>>('/admin/connectors?pageSize=200', { signal }) });

export const fetchConnector = (id: string) => apiFetch<Connector>(`/admin/connectors/${encodeURIComponent(id)}`);
export const saveConnector = (id: string, version: number, body: ConnectorInput) =>
  apiFetch<Connector>(`/admin/connectors/${encodeURIComponent(id)}`, { method: 'PUT', ifMatch: version, body });
export const testConnector = (id: string) => apiFetch<ConnectorTestResult>(`/admin/connectors/${encodeURIComponent(id)}/actions/test`, { method: 'POST' });

export const LOG_FILTERS = ['from', 'to', 'actor', 'action', 'object', 'outcome'] as const;
export type LogFilter = (typeof LOG_FILTERS)[number];
export const logPath = (params: Record<string, string | number | undefined>) => `/admin/system-log${toQuery(params)}`;

export const processesQuery = () =>
  queryOptions({
    queryKey: adminKeys.processes,
    queryFn: ({ signal }) => apiFetch<Collection<Process>>('/admin/processes?pageSize=200', { signal }),
    refetchInterval: (q) => (q.state.data?.items.some((p) => p.kind === 'sync-run') ? POLL_MS : false),
  });
export const killProcess = (id: string) => apiFetch<void>(`/admin/processes/${encodeURIComponent(id)}/actions/kill`, { method: 'POST' });

export const syncRunsQuery = () =>
  queryOptions({
    queryKey: adminKeys.syncRuns,
    queryFn: ({ signal }) => apiFetch<Collection<SyncRun>>('/admin/sync-runs?pageSize=50', { signal }),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'Running') ? POLL_MS : false),
  });
export const startSyncRun = () => apiFetch<SyncRun>('/admin/sync-runs', { method: 'POST' });

/** A failed request in one sentence, in the backend's words where it gave some. */
export function problemText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('admin.error.network');
    if (error.status === 403) {
      const what = error.problem.missingPermission ?? error.problem.missingRight;
      if (what) return t('admin.error.forbidden', { permission: what });
    }
    if (error.status === 412) return t('admin.error.changed');
    return error.problem.detail ?? error.problem.title;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Seconds as "3 d 4 h", "5 h 2 min" or "40 s". */
export function formatDuration(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d) return t('admin.duration.days', { d, h });
  if (h) return t('admin.duration.hours', { h, m });
  if (m) return t('admin.duration.minutes', { m });
  return t('admin.duration.seconds', { s: seconds });
}
