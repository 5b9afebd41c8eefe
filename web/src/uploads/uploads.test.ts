import { describe, expect, it } from 'vitest';
import { ApiError, type ApiErrorCode } from '../api/client.js';
import { en } from '../i18n/en.js';
import { sv } from '../i18n/sv.js';
import {
  checkFile,
  extensionOf,
  fileProblemText,
  isUnfinished,
  newestFirst,
  reasonText,
  rejectionDetail,
  stateText,
  type Upload,
  uploadErrorText,
} from './uploads.js';

const upload = (overrides: Partial<Upload> = {}): Upload => ({
  id: '6d1f0c1e-9a51-4c39-9d0a-2f7b8c1d2e3f',
  name: 'data.csv',
  projectId: null,
  bytes: 1234,
  sha256: 'ab'.repeat(32),
  state: 'received',
  reason: null,
  reasonDetail: null,
  deliveredName: null,
  receivedAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  ...overrides,
});

const policy = { allowedTypes: ['csv', 'txt', 'zip'], maxBytes: 1024 * 1024 };

describe('newestFirst', () => {
  it('lists the newest first', () => {
    const uploads = [upload({ id: 'a' }), upload({ id: 'b', receivedAt: '2026-03-01T11:00:00.000Z' })];
    expect(newestFirst(uploads).map((entry) => entry.id)).toEqual(['b', 'a']);
  });
});

describe('extensionOf', () => {
  it('reads the extension as the server does', () => {
    expect(extensionOf('Data.CSV')).toBe('csv');
    expect(extensionOf('archive.tar.zip')).toBe('zip');
    expect(extensionOf('.profile')).toBe('');
    expect(extensionOf('README')).toBe('');
    expect(extensionOf('data.')).toBe('');
  });
});

describe('checkFile', () => {
  it('passes an allowed file within the limit', () => {
    expect(checkFile({ name: 'data.CSV', size: 10 }, policy)).toBeUndefined();
    expect(checkFile({ name: 'data.csv', size: policy.maxBytes }, policy)).toBeUndefined();
  });

  it('names the type that is not allowed', () => {
    expect(checkFile({ name: 'tool.exe', size: 10 }, policy)).toEqual({ problem: 'type', extension: 'exe' });
    expect(checkFile({ name: 'Makefile', size: 10 }, policy)).toEqual({ problem: 'no-extension' });
  });

  it('refuses an empty file and one over the limit', () => {
    expect(checkFile({ name: 'data.csv', size: 0 }, policy)).toEqual({ problem: 'empty' });
    expect(checkFile({ name: 'data.csv', size: policy.maxBytes + 1 }, policy)).toEqual({
      problem: 'too-large',
    });
  });

  it('says so in words, with the limit', () => {
    expect(fileProblemText({ problem: 'type', extension: 'exe' }, '1 MB', en)).toBe(
      'Files of type .exe may not be uploaded.',
    );
    expect(fileProblemText({ problem: 'too-large' }, '1 GB', sv)).toBe(
      'Filen är för stor: varje fil får vara högst 1 GB.',
    );
  });
});

describe('stateText', () => {
  it('words each state, the delivered name and the reason for a rejection', () => {
    expect(stateText(upload({ state: 'checking' }), en)).toBe('Checking');
    expect(stateText(upload({ state: 'in_review' }), sv)).toBe('Granskas');
    expect(stateText(upload({ state: 'delivered', deliveredName: 'data (2).csv' }), en)).toBe(
      'Delivered to InBox as data (2).csv',
    );
    expect(stateText(upload({ state: 'rejected', reason: 'infected' }), en)).toBe(
      'Rejected: the virus scanner found malicious code in the file.',
    );
  });

  it('has words for every reason the server gives, in both languages', () => {
    const reasons = [
      'empty',
      'type_not_allowed',
      'type_mismatch',
      'not_text',
      'archive_too_deep',
      'archive_too_many_members',
      'archive_too_large',
      'archive_bomb',
      'archive_unsafe_name',
      'archive_encrypted',
      'archive_corrupt',
      'infected',
      'scan_failed',
      'quota_exceeded',
      'processing_failed',
      'reviewer_rejected',
    ];
    for (const reason of reasons) {
      expect(reasonText(reason, en)).not.toBe(en.uploadReason.other);
      expect(reasonText(reason, sv)).not.toBe(sv.uploadReason.other);
    }
  });

  it('falls back to a general text for a reason it does not know', () => {
    expect(reasonText('new_reason', en)).toBe(en.uploadReason.other);
    expect(reasonText('toString', en)).toBe(en.uploadReason.other);
    expect(reasonText(null, sv)).toBe(sv.uploadReason.other);
  });

  it('tells the reviewer’s note, for the researcher, from the checker’s technical words', () => {
    const reviewed = upload({
      state: 'rejected',
      reason: 'reviewer_rejected',
      reasonDetail: 'Too detailed.',
    });
    expect(rejectionDetail(reviewed)).toEqual({ kind: 'note', text: 'Too detailed.' });
    const archive = upload({
      state: 'rejected',
      reason: 'archive_encrypted',
      reasonDetail: 'a/b.zip: encrypted',
    });
    expect(rejectionDetail(archive)).toEqual({ kind: 'technical', text: 'a/b.zip: encrypted' });
    expect(rejectionDetail(upload({ state: 'rejected', reason: 'empty' }))).toBeUndefined();
  });
});

describe('isUnfinished', () => {
  it('is true until the upload is delivered or rejected', () => {
    expect(
      ['received', 'checking', 'in_review', 'delivered', 'rejected'].map((state) =>
        isUnfinished(upload({ state: state as Upload['state'] })),
      ),
    ).toEqual([true, true, true, false, false]);
  });
});

describe('uploadErrorText', () => {
  const refused = (code: ApiErrorCode) =>
    new ApiError(code, 'server words', { status: 400, correlationId: 'req-1' });

  it('words each refusal of an upload', () => {
    expect(uploadErrorText(refused('UPLOAD_TYPE_NOT_ALLOWED'), en).text).toBe(en.errors.uploadTypeNotAllowed);
    expect(uploadErrorText(refused('UPLOAD_TOO_LARGE'), sv).text).toBe(sv.errors.uploadTooLarge);
    expect(uploadErrorText(refused('PAYLOAD_TOO_LARGE'), en).text).toBe(en.errors.uploadTooLarge);
    expect(uploadErrorText(refused('UPLOAD_EMPTY'), en).text).toBe('The file is empty.');
    expect(uploadErrorText(refused('UPLOAD_NAME_REFUSED'), en).text).toBe(en.errors.uploadNameRefused);
    expect(uploadErrorText(refused('UPLOAD_INTERRUPTED'), en).text).toBe(en.errors.uploadInterrupted);
  });

  it('reads NOT_FOUND as the project chosen, and gives support a reference when storage is full', () => {
    expect(uploadErrorText(refused('NOT_FOUND'), en).text).toBe(en.errors.uploadProjectNotFound);
    expect(uploadErrorText(refused('STORAGE_FULL'), en)).toEqual({
      text: en.errors.storageFull,
      reference: 'req-1',
    });
  });
});
