import { createContext, useContext } from 'react';
import type { ConsoleRoute } from './routes';

/** The routes the signed-in person may open; the shell provides it, Start lists it. */
export const AllowedRoutesContext = createContext<readonly ConsoleRoute[]>([]);
export const useAllowedRoutes = () => useContext(AllowedRoutesContext);
