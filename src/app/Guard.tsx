import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { meets } from '../access/model';
import { useSession } from '../access/session';
import { t } from '../i18n';
import type { ConsoleRoute } from './routes';
import { AccessDeniedPage, Loading } from './StatusPages';

const views = new Map<ConsoleRoute, LazyExoticComponent<ComponentType>>();
const viewOf = (route: ConsoleRoute) => {
  let v = views.get(route);
  if (!v) views.set(route, (v = lazy(route.load)));
  return v;
};

/**
 * The one guard: it checks the route's requirement against the session before the view's code is
 * even loaded, so a denied view fires no query and shows nothing of itself.
 */
export function Guard({ route }: { route: ConsoleRoute }) {
  const { data: session } = useSession();
  // The shell renders children only once the session is known and signed in.
  if (!session) return <Loading />;
  if (!meets(session, route.requires)) {
    return <AccessDeniedPage right={'right' in route.requires ? route.requires.right : t('nav.start')} />;
  }
  const View = viewOf(route);
  return (
    <Suspense fallback={<Loading />}>
      <View />
    </Suspense>
  );
}
