import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, ok, refusal } from '../../../test/fake-api.js';
import { platform, researcher } from '../../../test/platform.js';
import { renderApp } from '../../../test/render-app.js';
import { en } from '../../i18n/en.js';
import { sv } from '../../i18n/sv.js';

const offersFile = () =>
  ok({
    available: true,
    allowed: true,
    session: null,
    lastEnded: null,
    limits: { idleSeconds: 1800, disconnectedSeconds: 7200 },
    pasteIn: null,
    rdpFile: { validSeconds: 120 },
  });

describe('the RDP file', () => {
  it('says why a download was refused and points to the browser instead', async () => {
    fakeApi({
      ...platform(() => researcher),
      // GET /api/desktop offered a file; by the click the last host with room has filled up.
      'GET /api/desktop': offersFile,
      'POST /api/desktop/rdp': () => refusal('RDP_UNAVAILABLE'),
    });
    const user = renderApp('/desktop');
    await user.click(await screen.findByRole('button', { name: en.desktop.downloadRdp }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(en.errors.rdpUnavailable);
    expect(alert).not.toHaveTextContent(en.errors.unexpected);
  });
});

describe("the desktop's language", () => {
  it('is the one chosen in the portal, sent with the request that starts the session', async () => {
    window.localStorage.setItem('mona.language', 'sv');
    const api = fakeApi({
      ...platform(() => researcher),
      'GET /api/desktop': offersFile,
      'POST /api/desktop/rdp': () => refusal('RDP_UNAVAILABLE'),
    });
    const user = renderApp('/desktop');
    await user.click(await screen.findByRole('button', { name: sv.desktop.downloadRdp }));

    await screen.findByRole('alert');
    expect(api.sentTo('POST /api/desktop/rdp').map((request) => request.body)).toEqual([{ language: 'sv' }]);
  });
});
