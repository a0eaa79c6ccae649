import { useEffect } from 'react';
import { t } from '../i18n';

/** Sets the document title so screen-reader users and tabs know where they are. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title]);
}
