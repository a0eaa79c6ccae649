import { useMemo } from 'react';
import { I18nProvider } from 'react-aria-components';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { findRole, hasRight, meets } from '../access/model';
import { useSession, useSignOut } from '../access/session';
import { intlLocale, t, useLocale } from '../i18n';
import { LanguagePicker } from './LanguagePicker';
import { DemoBannerSlot } from './DemoBannerSlot';
import { paths } from './paths';
import { AllowedRoutesContext } from './routeContext';
import { ROUTES } from './routes';
import { SessionEndedDialog } from './SessionEndedDialog';
import { Loading } from './StatusPages';
import { TaskCountBadge } from '../features/tasks/count';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Toasts } from '../ui/toast';
import '../features/admin/tenants/tenants.css';

/** The signed-in frame: header, main navigation from the route table, and the current view. */
export default function Shell() {
  const { data: session, isPending, error, refetch } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  useLocale();
  const allowed = useMemo(() => (session ? ROUTES.filter((r) => meets(session, r.requires)) : []), [session]);

  if (isPending) return <Loading />;
  if (error) {
    return (
      <main id="main" className="status-page">
        <ErrorMessage error={error} onRetry={() => void refetch()} />
      </main>
    );
  }
  if (!session) return <Navigate to={paths.login(location.pathname + location.search)} replace />;

  const roleNames = session.roles.map((r) => findRole(r)?.name ?? r).join(', ');
  // The accessible components' own texts (the toast region, dialogs) follow the chosen language, not
  // the browser's.
  return (
    <I18nProvider locale={intlLocale()}>
    <AllowedRoutesContext.Provider value={allowed}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <DemoBannerSlot />
      <div className="layout">
        <header className="topbar">
          <span className="brand">{t('app.name')}</span>
          <span className="topbar-tenant" data-testid="tenant">
            <span className="visually-hidden">{t('tenants.header.label')}: </span>
            {session.tenant.name}
          </span>
          <div className="who">
            <span className="who-name" data-testid="display-name">
              <span className="visually-hidden">{t('header.signedInAs')} </span>
              {session.user.displayName}
            </span>
            <span className="who-roles" data-testid="roles">
              <span className="visually-hidden">{t('header.roles')}: </span>
              {roleNames}
            </span>
          </div>
          <LanguagePicker className="topbar-language" />
          <button
            type="button"
            className="button secondary"
            disabled={signOut.isPending}
            onClick={() => signOut.mutate(undefined, { onSettled: () => navigate(paths.login(), { replace: true }) })}
          >
            {t('header.signOut')}
          </button>
        </header>
        <nav aria-label={t('nav.label')} className="sidenav">
          <ul>
            {allowed.filter((r) => !r.hidden).map((r) => (
              <li key={r.path}>
                <NavLink to={r.path} end={r.path === '/'}>
                  {t(r.nav)}
                </NavLink>
                {r.nav === 'nav.tasks' && hasRight(session, 'Open Tasks') && <TaskCountBadge />}
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <Toasts />
      <SessionEndedDialog />
    </AllowedRoutesContext.Provider>
    </I18nProvider>
  );
}
