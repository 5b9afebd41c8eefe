import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, ok } from '../../test/fake-api.js';
import { platform } from '../../test/platform.js';
import { renderApp } from '../../test/render-app.js';
import { sv } from '../i18n/sv.js';

describe('the software catalogue on the start page', () => {
  it('describes each program in the reader’s language, or else in the other one, marked as such', async () => {
    window.localStorage.setItem('mona.language', 'sv');
    fakeApi({
      ...platform(() => undefined),
      'GET /api/software': () =>
        ok({
          software: [
            {
              id: 'r',
              name: 'R',
              description: { en: 'R in a terminal.', sv: 'R i ett terminalfönster.' },
              seats: null,
            },
            { id: 'stata', name: 'Stata', description: { en: 'Statistics package.', sv: '' }, seats: 2 },
          ],
        }),
    });
    renderApp('/');

    const catalogue = await screen.findByRole('region', { name: sv.software.title });
    const [r, stata] = within(catalogue).getAllByRole('listitem');
    expect(r).toHaveTextContent('R: R i ett terminalfönster.');
    expect(stata).toHaveTextContent(`Stata: Statistics package. (${sv.software.seats(2)})`);
    expect(within(stata as HTMLElement).getByText('Statistics package.')).toHaveAttribute('lang', 'en');
  });
});
