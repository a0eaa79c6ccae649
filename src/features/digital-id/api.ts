import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from '../../api/client';
import { collectionQuery } from '../../api/collection';
import type {
  DigitalIdApproval,
  DigitalIdOverview,
  DigitalIdPerson,
  MobileIdUserAction,
  MobileIdUserRow,
  Server,
  ServerCertificate,
  ServerCertificateAction,
  ServerCertificateCreated,
  ServerCertificateInput,
  ServerInput,
  SoftwareTokenUserAction,
  SoftwareTokenUserRow,
} from '../../api/types';

/** Every query of the view starts with this key, so a change refreshes all its tabs at once. */
export const AREA = 'digital-id';
export const PAGE_SIZE = 25;

export const overviewQuery = queryOptions({
  queryKey: [AREA, 'overview'],
  queryFn: ({ signal }) => apiFetch<DigitalIdOverview>('/digital-id/overview', { signal }),
});

export const mobileIdUsersQuery = (q: string, page: number) => collectionQuery<MobileIdUserRow>(AREA, '/digital-id/mobile-id-users', { q, page, pageSize: PAGE_SIZE });
export const softwareTokenUsersQuery = (q: string, page: number) =>
  collectionQuery<SoftwareTokenUserRow>(AREA, '/digital-id/software-token-users', { q, page, pageSize: PAGE_SIZE });
export const personsQuery = (q: string) => collectionQuery<DigitalIdPerson>(AREA, '/digital-id/persons', { q, pageSize: 10 });
export const serversQuery = (q: string, status: string, page: number) => collectionQuery<Server>(AREA, '/digital-id/servers', { q, status, page, pageSize: PAGE_SIZE });
export const approvedServersQuery = () => collectionQuery<Server>(AREA, '/digital-id/servers', { status: 'Approved', pageSize: 200, sort: 'commonName' });
export const certificatesQuery = (q: string, status: string, page: number) =>
  collectionQuery<ServerCertificate>(AREA, '/digital-id/server-certificates', { q, status, page, pageSize: PAGE_SIZE });
export const approvalsQuery = (page: number) => collectionQuery<DigitalIdApproval>(AREA, '/digital-id/approvals', { page, pageSize: PAGE_SIZE });

export const mobileIdAction = (personId: string, action: MobileIdUserAction, reason?: string) =>
  apiFetch<MobileIdUserRow>(`/digital-id/mobile-id-users/${encodeURIComponent(personId)}/actions/${action}`, { method: 'POST', body: reason ? { reason } : {} });

export const softwareTokenAction = (personId: string, action: SoftwareTokenUserAction) =>
  apiFetch<SoftwareTokenUserRow>(`/digital-id/software-token-users/${encodeURIComponent(personId)}/actions/${action}`, { method: 'POST', body: {} });

export const registerServer = (input: ServerInput) => apiFetch<Server>('/digital-id/servers', { method: 'POST', body: input });

export const requestCertificate = (input: ServerCertificateInput) => apiFetch<ServerCertificateCreated>('/digital-id/server-certificates', { method: 'POST', body: input });

export const certificateAction = (cert: ServerCertificate, action: ServerCertificateAction, body: { reason?: string; lockPrevious?: boolean }) =>
  apiFetch<ServerCertificate | ServerCertificateCreated>(`/digital-id/server-certificates/${encodeURIComponent(cert.id)}/actions/${action}`, {
    method: 'POST',
    body,
    ifMatch: cert.version,
  });

export const decideApproval = (approval: DigitalIdApproval, decision: 'approve' | 'reject', reason?: string) =>
  apiFetch<DigitalIdApproval>(`/digital-id/approvals/${encodeURIComponent(approval.id)}/actions/${decision}`, {
    method: 'POST',
    body: reason ? { reason } : {},
    ifMatch: approval.version,
  });
