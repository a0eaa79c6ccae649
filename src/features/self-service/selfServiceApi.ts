import { queryOptions } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../api/client';
import type {
  SelfServiceCard,
  SelfServiceCardAction,
  SelfServiceCardRequestResult,
  SelfServiceMe,
  SelfServiceRegistration,
  UnblockResponse,
} from '../../api/types';

export const meQuery = queryOptions({
  queryKey: ['self-service', 'me'],
  queryFn: ({ signal }) => apiFetch<SelfServiceMe>('/self-service/me', { signal }),
});

/** The problem type of a sensitive change made without (or with a wrong) current password. */
export const isStepUp = (e: unknown) => e instanceof ApiError && e.status === 403 && e.problem.type.endsWith('step-up-required');

/**
 * Runs a card action. Secrets (PIN, password) go only into this one request: they are not kept in
 * the query cache (no useMutation variables), the URL or storage.
 */
export function runCardAction(card: Pick<SelfServiceCard, 'id' | 'version'>, action: SelfServiceCardAction, body: Record<string, string>) {
  return apiFetch<SelfServiceCard | UnblockResponse>(`/self-service/cards/${encodeURIComponent(card.id)}/actions/${action}`, {
    method: 'POST',
    body,
    ifMatch: card.version,
  });
}

export const requestCard = () => apiFetch<SelfServiceCardRequestResult>('/self-service/card-requests', { method: 'POST', body: {} });
export const changePassword = (body: { currentPassword: string; newPassword: string }) =>
  apiFetch<void>('/self-service/password', { method: 'POST', body });
export const resetPassword = (body: { securityPassword: string; newPassword: string }) =>
  apiFetch<void>('/self-service/password/reset', { method: 'POST', body });
export const setSecurityPassword = (body: { currentPassword: string; securityPassword: string }) =>
  apiFetch<SelfServiceRegistration>('/self-service/security-password', { method: 'PUT', body });
export const register = () => apiFetch<SelfServiceRegistration>('/self-service/registration', { method: 'POST', body: {} });
export const deregister = (body: { currentPassword: string }) =>
  apiFetch<SelfServiceRegistration>('/self-service/registration', { method: 'DELETE', body });
