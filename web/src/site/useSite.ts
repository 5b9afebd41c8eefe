import { createContext, useContext, useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { fetchSite, type Site } from './site.js';

export type SiteState =
  | { status: 'loading' }
  | { status: 'ready'; site: Site }
  | { status: 'error'; correlationId?: string };

/** Loads the site settings once, when the app starts. */
export function useSiteLoader(): SiteState {
  const [state, setState] = useState<SiteState>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    fetchSite(controller.signal).then(
      (site) => setState({ status: 'ready', site }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const correlationId = error instanceof ApiError ? error.correlationId : undefined;
        setState({ status: 'error', correlationId });
      },
    );
    return () => controller.abort();
  }, []);

  return state;
}

// Pages render only once the settings are loaded, so inside a page the site is always there.
export const SiteContext = createContext<Site | null>(null);

export function useSite(): Site {
  const site = useContext(SiteContext);
  if (!site) throw new Error('useSite must be used inside a loaded <SiteContext>');
  return site;
}
