import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, useEffect, useState } from 'react';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router-dom';
import { ROUTES } from './routes';
import { Guard } from './Guard';
import { Loading, NotFoundPage, RouteError } from './StatusPages';
import { createQueryClient } from './queryClient';
import { subscribeLocale } from '../i18n';

const routeObjects: RouteObject[] = [
  {
    path: '/login',
    lazy: async () => ({ Component: (await import('./LoginPage')).default }),
    hydrateFallbackElement: <Loading />,
    errorElement: <RouteError />,
  },
  {
    lazy: async () => ({ Component: (await import('./Shell')).default }),
    hydrateFallbackElement: <Loading />,
    errorElement: <RouteError />,
    children: [
      ...ROUTES.map((route) => {
        const View = lazy(route.load);
        return {
          path: route.path,
          element: <Guard route={route} View={View} />,
          errorElement: <RouteError inShell />,
        };
      }),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(routeObjects));
  // Lists come sorted in the language of the request (Accept-Language): fetch them again in the new one.
  useEffect(
    () =>
      subscribeLocale(() => {
        void queryClient.invalidateQueries();
      }),
    [queryClient],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
