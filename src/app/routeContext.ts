import { createContext, useContext, type ComponentType } from 'react';
import type { Requirement } from '../access/model';
import type { MessageKey } from '../i18n';

/**
 * A view of the route table (routes.ts) with the requirement it needs (a required field). Declared
 * here, beside the context that hands the allowed ones to Start, so Start does not import the table
 * that loads it.
 */
export interface ConsoleRoute {
  path: string;
  requires: Requirement;
  nav: MessageKey;
  /** The line on the Start page; Start itself has none. */
  startAction?: MessageKey;
  /** Pages inside a view (object pages) are not links of their own in the navigation. */
  hidden?: true;
  load: () => Promise<{ default: ComponentType }>;
}

/** The routes the signed-in person may open; the shell provides it, Start lists it. */
export const AllowedRoutesContext = createContext<readonly ConsoleRoute[]>([]);
export const useAllowedRoutes = () => useContext(AllowedRoutesContext);
