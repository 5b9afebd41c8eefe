import { describe, expect, it } from 'vitest';
import { contentUrl, parseReviewUploads } from './review-uploads.js';

const waiting = (id: string, receivedAt: string) => ({
  id,
  name: 'syntax.sas',
  projectId: 'P0009',
  bytes: 34,
  sha256: 'ab'.repeat(32),
  state: 'in_review',
  reason: null,
  reasonDetail: null,
  deliveredName: null,
  receivedAt,
  updatedAt: receivedAt,
  username: 'demo.researcher',
});

describe('parseReviewUploads', () => {
  it('lists the oldest first, the order in which they are worked through', () => {
    const uploads = parseReviewUploads({
      uploads: [waiting('new', '2026-03-01T11:00:00.000Z'), waiting('old', '2026-03-01T10:00:00.000Z')],
    });
    expect(uploads?.map((upload) => upload.id)).toEqual(['old', 'new']);
  });

  it('needs the username of each', () => {
    const { username: _, ...anonymous } = waiting('a', '2026-03-01T10:00:00.000Z');
    expect(parseReviewUploads({ uploads: [anonymous] })).toBeUndefined();
  });
});

describe('contentUrl', () => {
  it('escapes the id', () => {
    expect(contentUrl('a/b')).toBe('/api/review/uploads/a%2Fb/content');
  });
});
