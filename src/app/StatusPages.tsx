import { useEffect, useState } from 'react';
import { Link, isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { t, useLocale } from '../i18n';
import { paths } from './paths';
import { rightLabel } from '../ui/labels';
import { usePageTitle } from '../ui/usePageTitle';

export { Loading } from '../ui/Loading';

export function AccessDeniedPage({ right }: { right: string }) {
  usePageTitle(t('denied.title'));
  return (
    <section className="status-page">
      <h1>{t('denied.title')}</h1>
      <p>{t('denied.body', { right: rightLabel(right) })}</p>
      <p>
        <Link to={paths.start()}>{t('denied.back')}</Link>
      </p>
    </section>
  );
}

export function NotFoundPage() {
  useLocale();
  usePageTitle(t('notFound.title'));
  return (
    <section className="status-page">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to={paths.start()}>{t('denied.back')}</Link>
      </p>
    </section>
  );
}

/**
 * Per-route error boundary: a plain message and a reference, never a stack trace. Inside the shell it
 * is a section of the shell's main landmark; at the top level it is the main landmark itself.
 */
export function RouteError({ inShell = false }: { inShell?: boolean }) {
  const error = useRouteError();
  useLocale();
  const [reference] = useState(() => crypto.randomUUID().slice(0, 8));
  useEffect(() => {
    console.error(`[${reference}]`, error);
  }, [error, reference]);
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const content = (
    <>
      <h1>{t('error.title')}</h1>
      <p>{t('error.body')}</p>
      <p className="muted">{t('error.reference', { id: reference })}</p>
      <p>
        <a href={paths.start()}>{t('denied.back')}</a>
      </p>
    </>
  );
  return inShell ? (
    <section className="status-page">{content}</section>
  ) : (
    <main id="main" className="status-page">
      {content}
    </main>
  );
}
