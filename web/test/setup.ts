import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library unmounts by itself only where test globals exist; this project imports them.
afterEach(() => {
  cleanup();
  // The language chosen in one test must not carry over to the next.
  window.localStorage.clear();
});
