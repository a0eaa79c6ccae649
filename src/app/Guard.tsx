import { Suspense, type ComponentType } from 'react';
import { meets } from '../access/model';
import { useSession } from '../access/session';
import { t, useLocale } from '../i18n';
import type { ConsoleRoute } from './routeContext';
import { AccessDeniedPage, Loading } from './StatusPages';

/**
 * The one guard: it checks the route's requirement against the session before the view (a lazy
 * component) is rendered, so a denied view's code is not loaded, it fires no
 * query and shows nothing of itself.
 */
export function Guard({ route, View }: { route: ConsoleRoute; View: ComponentType }) {
  const { data: session } = useSession();
  // A change of language renders the view again (its element is made here, not once in the route table).
  useLocale();
  // The shell renders children only once the session is known and signed in.
  if (!session) return <Loading />;
  if (!meets(session, route.requires)) {
    return <AccessDeniedPage right={'right' in route.requires ? route.requires.right : t('nav.start')} />;
  }
  return <Suspense fallback={<Loading />}><View />
    </Suspense>;
}
