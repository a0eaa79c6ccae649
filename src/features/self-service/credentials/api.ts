import { queryOptions } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../../api/client';
import type {
  Collection,
  Invitation,
  MobileIdActivation,
  SelfMobileId,
  SelfSoftwareToken,
  SelfVirtualSmartCard,
  SoftwareTokenPassphrase,
} from '../../../api/types';
import { t } from '../../../i18n';

/** Own objects fit on one page; 200 is the contract's largest. */
const ALL = '?pageSize=200';

export const selfCredKeys = {
  all: ['self-service', 'credentials'] as const,
  invitations: ['self-service', 'credentials', 'invitations'] as const,
  mobileIds: ['self-service', 'credentials', 'mobile-ids'] as const,
  softwareTokens: ['self-service', 'credentials', 'software-tokens'] as const,
  vscs: ['self-service', 'credentials', 'virtual-smart-cards'] as const,
};

export const invitationsQuery = queryOptions({
  queryKey: selfCredKeys.invitations,
  queryFn: ({ signal }) => apiFetch<Collection<Invitation>>(`/self-service/invitations${ALL}`, { signal }),
});
export const mobileIdsQuery = queryOptions({
  queryKey: selfCredKeys.mobileIds,
  queryFn: ({ signal }) => apiFetch<Collection<SelfMobileId>>(`/self-service/mobile-ids${ALL}`, { signal }),
});
export const softwareTokensQuery = queryOptions({
  queryKey: selfCredKeys.softwareTokens,
  queryFn: ({ signal }) => apiFetch<Collection<SelfSoftwareToken>>(`/self-service/software-tokens${ALL}`, { signal }),
});
export const vscsQuery = queryOptions({
  queryKey: selfCredKeys.vscs,
  queryFn: ({ signal }) => apiFetch<Collection<SelfVirtualSmartCard>>(`/self-service/virtual-smart-cards${ALL}`, { signal }),
});

const post = <T>(path: string, version?: number, body?: unknown) =>
  apiFetch<T>(path, { method: 'POST', ...(version !== undefined ? { ifMatch: version } : {}), ...(body !== undefined ? { body } : {}) });

export const api = {
  respond: (id: string, action: 'accept' | 'deny', version: number) => post<Invitation>(`/self-service/invitations/${encodeURIComponent(id)}/actions/${action}`, version),
  invite: (id: string, version: number, emails: string[]) => post<Invitation>(`/self-service/invitations/${encodeURIComponent(id)}/actions/invite`, version, { emails }),
  newMobileId: () => post<SelfMobileId>('/self-service/mobile-ids'),
  activateMobileId: (id: string, version: number) => post<MobileIdActivation>(`/self-service/mobile-ids/${encodeURIComponent(id)}/actions/activate`, version),
  confirmMobileId: (id: string, version: number, activationCode: string) =>
    post<SelfMobileId>(`/self-service/mobile-ids/${encodeURIComponent(id)}/actions/confirm`, version, { activationCode }),
  requestToken: () => post<SelfSoftwareToken>('/self-service/software-tokens'),
  acceptTerms: (id: string, version: number) =>
    post<SoftwareTokenPassphrase>(`/self-service/software-tokens/${encodeURIComponent(id)}/actions/accept-terms`, version, { termsAccepted: true }),
  recoverToken: (id: string, version: number) => post<SoftwareTokenPassphrase>(`/self-service/software-tokens/${encodeURIComponent(id)}/actions/recover`, version),
  revokeToken: (id: string, version: number, currentPassword: string) =>
    post<SelfSoftwareToken>(`/self-service/software-tokens/${encodeURIComponent(id)}/actions/revoke`, version, { currentPassword }),
  requestVsc: () => post<SelfVirtualSmartCard>('/self-service/virtual-smart-cards'),
  provisionVsc: (id: string, version: number) => post<SelfVirtualSmartCard>(`/self-service/virtual-smart-cards/${encodeURIComponent(id)}/actions/provision-certificates`, version),
  resetVscPin: (id: string, version: number, currentPassword: string, newPin: string) =>
    post<SelfVirtualSmartCard>(`/self-service/virtual-smart-cards/${encodeURIComponent(id)}/actions/reset-pin`, version, { currentPassword, newPin }),
  lockVsc: (id: string, version: number, currentPassword: string, reason: string, keepEncryptionCertificate: boolean) =>
    post<SelfVirtualSmartCard>(`/self-service/virtual-smart-cards/${encodeURIComponent(id)}/actions/lock`, version, { currentPassword, reason, keepEncryptionCertificate }),
};

export const isStepUp = (err: unknown) => err instanceof ApiError && err.status === 403 && /step-up-required$/.test(err.problem.type);

/** A refusal in one sentence for the dialog; field errors are shown at their fields instead. */
export function errorText(err: unknown): { text: string; stale: boolean } | null {
  if (!err) return null;
  if (!(err instanceof ApiError)) return { text: t('selfCred.error.failed', { detail: String(err) }), stale: false };
  if (err.status === 412) return { text: t('selfCred.error.stale'), stale: true };
  if (isStepUp(err)) return { text: t('selfCred.stepUp.wrong'), stale: false };
  return { text: t('selfCred.error.failed', { detail: err.problem.detail ?? err.problem.title }), stale: false };
}

export const fieldErrors = (err: unknown): Record<string, string> => (err instanceof ApiError && err.status === 422 ? (err.problem.errors ?? {}) : {});
