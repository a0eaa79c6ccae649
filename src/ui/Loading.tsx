import { t, useLocale } from '../i18n';

export function Loading() {
  useLocale();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}
