import { Link } from 'react-router-dom';
import { t } from '../i18n';
import { usePageTitle } from '../ui/usePageTitle';
import { useAllowedRoutes } from './routeContext';

/** "What do you want to do?": the views the person's roles open, each with what it is for. */
export default function StartPage() {
  usePageTitle(t('start.title'));
  const actions = useAllowedRoutes().filter((r) => r.startAction);
  return (
    <section>
      <h1>{t('start.title')}</h1>
      <h2>{t('start.question')}</h2>
      {actions.length === 0 ? (
        <p>{t('start.none')}</p>
      ) : (
        <ul className="start-actions">
          {actions.map((r) => (
            <li key={r.path}>
              <Link to={r.path} className="start-action">
                <strong>{t(r.nav)}</strong>
                <span>{t(r.startAction!)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
