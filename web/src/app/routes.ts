import type { ComponentType } from 'react';
import { NotFoundPage } from '../pages/not-found/NotFoundPage.js';
import { StartPage } from '../pages/start/StartPage.js';

// One entry per page; each page lives in its own folder under pages/.
const routes: Record<string, ComponentType> = {
  '/': StartPage,
};

export function pageFor(pathname: string): ComponentType {
  return routes[pathname] ?? NotFoundPage;
}
