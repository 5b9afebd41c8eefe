import { render } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { App } from '../src/app/App.js';

/** The whole app, opened at `path` as a browser would; returns the user who works it. */
export function renderApp(path: string) {
  window.history.replaceState(null, '', path);
  // A file dialog lets the user pick any file, whatever types the page suggests.
  const user = userEvent.setup({ applyAccept: false });
  render(<App />);
  return user;
}
