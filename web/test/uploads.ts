import type { Upload as UploadView } from '../../src/airlock/upload-contract.js';

let uploads = 0;

/** One upload as GET /api/uploads and the review queue show it (toView in src/airlock/upload-service.ts). */
export function uploadView(fields: Partial<UploadView> & Pick<UploadView, 'name' | 'state'>): UploadView {
  uploads++;
  return {
    id: `00000000-0000-4000-8000-${String(uploads).padStart(12, '0')}`,
    projectId: null,
    bytes: 2048,
    sha256: 'ab'.repeat(32),
    reason: null,
    reasonDetail: null,
    deliveredName: null,
    receivedAt: '2026-03-02T09:00:00.000Z',
    updatedAt: '2026-03-02T09:00:05.000Z',
    ...fields,
  };
}
