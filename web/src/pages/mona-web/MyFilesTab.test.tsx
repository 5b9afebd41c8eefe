import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { UploadView } from '../../../../src/airlock/upload-service.js';
import { CSRF_TOKEN, fakeApi, ok, type Route, refusal } from '../../../test/fake-api.js';
import { platform, researcher } from '../../../test/platform.js';
import { renderApp } from '../../../test/render-app.js';
import { uploadView } from '../../../test/uploads.js';
import { en } from '../../i18n/en.js';

const projects = [
  { id: 'P0042', name: 'Income mobility' },
  { id: 'P0077', name: 'School choice' },
];

/** GET /api/uploads as upload-routes.ts answers it, with the uploads `listed` gives at each call. */
function myFilesServer(listed: () => UploadView[], upload?: Route) {
  return fakeApi({
    ...platform(() => researcher),
    'GET /api/uploads': () =>
      ok({
        uploads: listed(),
        policy: { allowedTypes: ['csv', 'txt', 'zip'], maxBytes: 1024 ** 3 },
        quota: { usedBytes: 2 * 1024 ** 2, quotaBytes: 10 * 1024 ** 3 },
        projects,
      }),
    ...(upload ? { 'POST /api/uploads': upload } : {}),
  });
}

/** The entry of one upload in "Your uploads". */
async function uploadEntry(name: string): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { name, level: 3 });
  const entry = heading.closest('li');
  if (!entry) throw new Error(`${name} is not in a list entry`);
  return entry;
}

async function uploadFile(user: UserEvent, file: File) {
  await user.upload(await screen.findByLabelText(en.files.fileLabel), file);
  await user.click(screen.getByRole('button', { name: en.files.upload }));
}

const csv = (name = 'data.csv') => new File(['year,income\n2024,1\n'], name, { type: 'text/csv' });

describe('My files', () => {
  it('lists each upload with its state, and why a rejected one was rejected', async () => {
    myFilesServer(() => [
      uploadView({ name: 'data.csv', state: 'delivered', deliveredName: 'data (2).csv' }),
      uploadView({ name: 'model.txt', state: 'in_review', projectId: 'P0042' }),
      uploadView({ name: 'tool.zip', state: 'rejected', reason: 'infected', reasonDetail: 'Win.Test.EICAR' }),
      uploadView({ name: 'big.csv', state: 'rejected', reason: 'quota_exceeded' }),
      uploadView({
        name: 'notes.txt',
        state: 'rejected',
        reason: 'reviewer_rejected',
        reasonDetail: 'Has names.',
      }),
    ]);
    const user = renderApp('/web?tab=files');

    expect(await uploadEntry('data.csv')).toHaveTextContent(en.uploadState.delivered('data (2).csv'));
    const inReview = await uploadEntry('model.txt');
    expect(inReview).toHaveTextContent(en.uploadState.in_review);
    expect(inReview).toHaveTextContent('P0042 Income mobility');
    const infected = await uploadEntry('tool.zip');
    expect(infected).toHaveTextContent(en.uploadState.rejected(en.uploadReason.infected));
    // The scanner's words are there for support, folded away and marked as English.
    const technical = within(infected).getByText('Win.Test.EICAR');
    expect(technical).not.toBeVisible();
    expect(technical).toHaveAttribute('lang', 'en');
    await user.click(within(infected).getByText(en.uploadState.technicalDetail));
    expect(technical).toBeVisible();
    expect(await uploadEntry('big.csv')).toHaveTextContent(
      'Rejected: there is no room for the file in My Documents: your storage is full.',
    );
    expect(await uploadEntry('notes.txt')).toHaveTextContent(`${en.uploadState.reviewerNote}: Has names.`);
  });

  it('follows an upload being checked until it is delivered', async () => {
    let checked = false;
    const server = myFilesServer(() => {
      const state = checked ? 'delivered' : 'checking';
      checked = true;
      return [
        uploadView({
          id: '00000000-0000-4000-8000-0000000000a1',
          name: 'data.csv',
          state,
          deliveredName: 'data.csv',
        }),
      ];
    });
    renderApp('/web?tab=files');

    expect(await uploadEntry('data.csv')).toHaveTextContent(en.uploadState.checking);
    expect(screen.getByText(en.files.refreshing)).toBeInTheDocument();
    expect(
      await screen.findByText(en.uploadState.delivered('data.csv'), undefined, { timeout: 4000 }),
    ).toBeInTheDocument();
    expect(screen.queryByText(en.files.refreshing)).not.toBeInTheDocument();
    expect(server.sentTo('GET /api/uploads')).toHaveLength(2);
  });

  it('sends a chosen file and shows it at once as received', async () => {
    const received = uploadView({ name: 'data.csv', state: 'received' });
    const server = myFilesServer(
      () => [],
      () => ok({ upload: received }, 202),
    );
    const user = renderApp('/web?tab=files');
    expect(await screen.findByText(en.files.listEmpty)).toBeInTheDocument();
    await uploadFile(user, csv());

    expect(await screen.findByText(en.files.received('data.csv'))).toBeInTheDocument();
    expect(await uploadEntry('data.csv')).toHaveTextContent(en.uploadState.received);
    const [sent] = server.sentTo('POST /api/uploads');
    expect(sent?.headers.get('x-file-name')).toBe('data.csv');
    expect(sent?.headers.get('x-csrf-token')).toBe(CSRF_TOKEN);
    expect(sent?.headers.get('x-project')).toBeNull();
    expect(sent?.body).toBeInstanceOf(File);
  });

  it('keeps the banner over the form in step with the file, until it is rejected', async () => {
    const sent = uploadView({ name: 'data.csv', state: 'received' });
    let listed: UploadView[] = [];
    myFilesServer(
      () => listed,
      () => {
        listed = [{ ...sent, state: 'checking' }];
        return ok({ upload: sent }, 202);
      },
    );
    const user = renderApp('/web?tab=files');
    await uploadFile(user, csv());
    expect(await screen.findByRole('status')).toHaveTextContent(en.files.received('data.csv'));

    listed = [{ ...sent, state: 'rejected', reason: 'infected', reasonDetail: 'Eicar-Test-Signature' }];
    const rejected = await screen.findByRole('alert', undefined, { timeout: 4000 });
    expect(rejected).toHaveTextContent(en.files.rejected('data.csv', en.uploadReason.infected));
    expect(screen.queryByText(en.files.received('data.csv'))).not.toBeInTheDocument();
  });

  it('says in the banner where a delivered file is', async () => {
    const sent = uploadView({ name: 'data.csv', state: 'received' });
    let listed: UploadView[] = [];
    myFilesServer(
      () => listed,
      () => {
        listed = [{ ...sent, state: 'delivered', deliveredName: 'data (2).csv' }];
        return ok({ upload: sent }, 202);
      },
    );
    const user = renderApp('/web?tab=files');
    await uploadFile(user, csv());
    expect(
      await screen.findByText(en.files.delivered('data.csv', 'data (2).csv'), undefined, { timeout: 4000 }),
    ).toBeInTheDocument();
  });

  it('refuses a file of a type not allowed before sending it', async () => {
    const server = myFilesServer(
      () => [],
      () => ok({ upload: uploadView({ name: 'setup.exe', state: 'received' }) }, 202),
    );
    const user = renderApp('/web?tab=files');
    await uploadFile(user, new File(['MZ'], 'setup.exe'));

    expect(screen.getByLabelText(en.files.fileLabel)).toHaveAccessibleDescription(
      expect.stringContaining(en.files.typeNotAllowed('exe')),
    );
    expect(server.sentTo('POST /api/uploads')).toHaveLength(0);
  });

  it('says why the server refused a file name', async () => {
    myFilesServer(
      () => [],
      () => refusal('UPLOAD_NAME_REFUSED'),
    );
    const user = renderApp('/web?tab=files');
    await uploadFile(user, csv('CON.csv'));

    expect(await screen.findByRole('alert')).toHaveTextContent(en.errors.uploadNameRefused);
    expect(screen.queryByText(en.files.received('CON.csv'))).not.toBeInTheDocument();
  });

  it('gives support a reference when the platform has no room for the file', async () => {
    myFilesServer(
      () => [],
      () => refusal('STORAGE_FULL'),
    );
    const user = renderApp('/web?tab=files');
    await uploadFile(user, csv());

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(en.errors.storageFull);
    expect(alert).toHaveTextContent(en.errors.reference('req-test'));
  });

  it('sends the project chosen, and says so when the user is no longer in it', async () => {
    const server = myFilesServer(
      () => [],
      () => refusal('NOT_FOUND'),
    );
    const user = renderApp('/web?tab=files');
    await user.selectOptions(await screen.findByLabelText(en.files.projectLabel), 'P0077');
    await uploadFile(user, csv());

    expect(await screen.findByRole('alert')).toHaveTextContent(en.errors.uploadProjectNotFound);
    expect(server.sentTo('POST /api/uploads')[0]?.headers.get('x-project')).toBe('P0077');
  });
});
