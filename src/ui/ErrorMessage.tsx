import { ApiError } from '../api/client';
import { t } from '../i18n';

/** A failed request, said in one sentence, with a way to try again. 403 names the missing right. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  let text: string;
  if (error instanceof ApiError && error.status === 403 && error.problem.missingRight) {
    text = t('error.forbidden', { right: error.problem.missingRight });
  } else {
    const detail = error instanceof ApiError ? (error.problem.detail ?? error.problem.title) : t('error.body');
    text = t('error.load', { detail });
  }
  return (
    <div className="error-message" role="alert">
      <p>{text}</p>
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
