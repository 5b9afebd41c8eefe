import { type RefObject, useEffect, useState } from 'react';

interface FullScreen {
  /** The browser offers full screen (an iPhone does not). */
  available: boolean;
  on: boolean;
  toggle: () => void;
}

/** Full screen for `element`, toolbar included; only a click may ask for it. */
export function useFullScreen(element: RefObject<HTMLElement | null>): FullScreen {
  const [on, setOn] = useState(false);

  // Escape, or the browser's own controls, leave full screen too.
  useEffect(() => {
    const changed = () => setOn(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', changed);
    return () => document.removeEventListener('fullscreenchange', changed);
  }, []);

  function toggle() {
    // A refusal (the browser's own rules) leaves the page as it was.
    const asked = document.fullscreenElement
      ? document.exitFullscreen()
      : element.current?.requestFullscreen();
    asked?.catch(() => undefined);
  }

  return { available: document.fullscreenEnabled, on, toggle };
}
