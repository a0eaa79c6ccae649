import { ApiError } from '../../api/client';
import { t } from '../../i18n';

/** A failed order request in one sentence: what the backend said, or that it could not be reached. */
export function problemText(error: unknown): string {
  if (error instanceof ApiError) {
    const detail = error.problem.detail ?? error.problem.title;
    if (error.status === 0) return t('batch.error.network');
    if (error.status === 403) {
      const what = error.problem.missingPermission ?? error.problem.missingRight;
      return what ? t('batch.error.forbidden', { permission: what }) : t('batch.error.failed', { detail });
    }
    if (error.status === 409) return t('batch.error.conflict', { detail });
    return t('batch.error.failed', { detail });
  }
  return t('batch.error.failed', { detail: error instanceof Error ? error.message : String(error) });
}

/** The field errors of a 422 answer (e.g. `ids`, `roles`), each said in the backend's words. */
export function fieldErrors(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.status !== 422 || !error.problem.errors) return [];
  return Object.values(error.problem.errors);
}
