import { ApiError } from '../api/client';
import { t } from '../i18n';

/** After too many failed sign-ins: how long to wait, in whole minutes (from Retry-After). */
function lockedOutText(err: ApiError): string {
  const seconds = Number(err.problem.retryAfter ?? 60);
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return t('login.lockedOut', { minutes });
}

/** What a refused sign-in tells the person (the sign-in page and the sign-in-again dialog say the same). */
export function signInErrorText(err: unknown): string {
  if (err instanceof ApiError && err.status === 401) return t('login.failed');
  if (err instanceof ApiError && err.status === 429) return lockedOutText(err);
  if (err instanceof ApiError && err.status === 403) return err.problem.detail ?? t('login.systemAccount');
  return t('login.unavailable');
}
