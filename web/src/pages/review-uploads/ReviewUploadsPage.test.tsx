import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ReviewUpload } from '../../../../src/airlock/upload-contract.js';
import { CSRF_TOKEN, fakeApi, ok, type Route, refusal } from '../../../test/fake-api.js';
import { platform, researcher, reviewer, type User } from '../../../test/platform.js';
import { renderApp } from '../../../test/render-app.js';
import { uploadView } from '../../../test/uploads.js';
import { en } from '../../i18n/en.js';

type Queued = ReviewUpload;

const queued = (name: string, receivedAt: string, projectId: string | null): Queued => ({
  ...uploadView({ name, state: 'in_review', projectId, receivedAt }),
  username: 'anna',
  projectName: projectId ? 'Income mobility' : null,
  ownSubmission: false,
});

/**
 * The reviewers' routes of upload-routes.ts over a queue of uploads in review: a decision takes the
 * upload out of the queue, and one no longer in it is NOT_FOUND.
 */
function reviewServer(queue: Queued[], user: User = reviewer) {
  const decide = (upload: Queued) => () => {
    const index = queue.indexOf(upload);
    if (index === -1) return refusal('NOT_FOUND');
    queue.splice(index, 1);
    return ok({ decided: true });
  };
  const decisions = queue.map((upload): [string, Route] => [
    `POST /api/review/uploads/${upload.id}/decision`,
    decide(upload),
  ]);
  return fakeApi({
    ...platform(() => user),
    // requireRole: to anyone else the queue does not exist.
    'GET /api/review/uploads': () =>
      user.roles.includes('reviewer') ? ok({ uploads: queue }) : refusal('NOT_FOUND'),
    ...Object.fromEntries(decisions),
  });
}

const article = (name: string) => screen.findByRole('article', { name });

describe('upload review', () => {
  it('shows the uploads waiting, oldest first, with whose they are and for which project', async () => {
    reviewServer([
      queued('later.csv', '2026-03-02T10:00:00.000Z', null),
      queued('first.csv', '2026-03-02T08:00:00.000Z', 'P0042'),
    ]);
    renderApp('/review/uploads');

    const first = await article('first.csv');
    const names = screen
      .getAllByRole('article')
      .map((entry) => within(entry).getByRole('heading').textContent);
    expect(names).toEqual(['first.csv', 'later.csv']);
    expect(first).toHaveTextContent('anna');
    expect(first).toHaveTextContent('P0042 Income mobility');
    expect(within(first).getByRole('link', { name: en.reviewUploads.download })).toHaveAttribute(
      'href',
      expect.stringMatching(/^\/api\/review\/uploads\/[\w-]+\/content$/),
    );
  });

  it('shows the reviewer’s own upload with nothing to open or decide, for another reviewer takes it', async () => {
    reviewServer([
      { ...queued('mine.csv', '2026-03-02T08:00:00.000Z', 'P0042'), username: 'rita', ownSubmission: true },
      queued('theirs.csv', '2026-03-02T09:00:00.000Z', 'P0042'),
    ]);
    renderApp('/review/uploads');

    const mine = await article('mine.csv');
    expect(mine).toHaveTextContent(en.reviewUploads.ownSubmission);
    expect(within(mine).queryByRole('button')).not.toBeInTheDocument();
    expect(within(mine).queryByRole('link')).not.toBeInTheDocument();
    const theirs = screen.getByRole('article', { name: 'theirs.csv' });
    expect(within(theirs).getByRole('button', { name: en.reviewUploads.approve })).toBeInTheDocument();
    expect(within(theirs).getByRole('link', { name: en.reviewUploads.download })).toBeInTheDocument();
  });

  it('approves after asking, with the CSRF token, and the upload leaves the list', async () => {
    const upload = queued('data.csv', '2026-03-02T08:00:00.000Z', 'P0042');
    const server = reviewServer([upload, queued('other.csv', '2026-03-02T09:00:00.000Z', null)]);
    const user = renderApp('/review/uploads');
    await user.click(
      within(await article('data.csv')).getByRole('button', { name: en.reviewUploads.approve }),
    );

    const dialog = screen.getByRole('dialog', { name: en.reviewUploads.confirmApproveTitle });
    expect(dialog).toHaveTextContent(en.reviewUploads.confirmApprove('data.csv', 'anna'));
    await user.click(within(dialog).getByRole('button', { name: en.reviewUploads.approve }));

    expect(await screen.findByText(en.reviewUploads.approved('data.csv', 'anna'))).toBeInTheDocument();
    expect(screen.queryByRole('article', { name: 'data.csv' })).not.toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'other.csv' })).toBeInTheDocument();
    const [sent] = server.sentTo(`POST /api/review/uploads/${upload.id}/decision`);
    expect(sent?.body).toEqual({ approve: true });
    expect(sent?.headers.get('x-csrf-token')).toBe(CSRF_TOKEN);
  });

  it('sends nothing when the approval is cancelled', async () => {
    const server = reviewServer([queued('data.csv', '2026-03-02T08:00:00.000Z', null)]);
    const user = renderApp('/review/uploads');
    await user.click(
      within(await article('data.csv')).getByRole('button', { name: en.reviewUploads.approve }),
    );
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: en.reviewUploads.cancel }));

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'data.csv' })).toBeInTheDocument();
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
  });

  it('rejects only with a reason, which is sent for the researcher to read', async () => {
    const upload = queued('data.csv', '2026-03-02T08:00:00.000Z', null);
    const server = reviewServer([upload]);
    const user = renderApp('/review/uploads');
    await user.click(
      within(await article('data.csv')).getByRole('button', { name: en.reviewUploads.reject }),
    );
    await user.click(screen.getByRole('button', { name: en.reviewUploads.rejectConfirm }));

    const note = screen.getByLabelText(en.reviewUploads.noteLabel);
    expect(note).toHaveAccessibleDescription(en.reviewUploads.noteRequired);
    expect(server.sentTo(`POST /api/review/uploads/${upload.id}/decision`)).toHaveLength(0);

    await user.type(note, '  Contains personal names.  ');
    await user.click(screen.getByRole('button', { name: en.reviewUploads.rejectConfirm }));

    expect(await screen.findByText(en.reviewUploads.rejected('data.csv', 'anna'))).toBeInTheDocument();
    expect(await screen.findByText(en.reviewUploads.empty)).toBeInTheDocument();
    expect(server.sentTo(`POST /api/review/uploads/${upload.id}/decision`)[0]?.body).toEqual({
      approve: false,
      note: 'Contains personal names.',
    });
  });

  it('says when someone else decided first, and shows the queue as it is now', async () => {
    const upload = queued('data.csv', '2026-03-02T08:00:00.000Z', null);
    const queue = [upload];
    const server = reviewServer(queue);
    const user = renderApp('/review/uploads');
    await user.click(
      within(await article('data.csv')).getByRole('button', { name: en.reviewUploads.approve }),
    );
    // Another reviewer's decision lands while this one is asked to confirm.
    queue.splice(0, 1);
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: en.reviewUploads.approve }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(en.errors.uploadDecided);
    expect(await screen.findByText(en.reviewUploads.empty)).toBeInTheDocument();
    expect(server.sentTo('GET /api/review/uploads')).toHaveLength(2);
  });

  it('is "page not found" for a user who is not a reviewer, and the queue is never asked for', async () => {
    const server = reviewServer([queued('data.csv', '2026-03-02T08:00:00.000Z', null)], researcher);
    renderApp('/review/uploads');

    expect(await screen.findByRole('heading', { name: en.notFound.title })).toBeInTheDocument();
    expect(server.sentTo('GET /api/review/uploads')).toHaveLength(0);
  });
});
