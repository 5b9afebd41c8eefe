import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { idParams } from '../http/common-contract.js';
import { AppError } from '../http/errors.js';
import type { ZodTypeProvider } from '../http/zod-provider.js';
import { sessionOf } from '../identity/session-plugin.js';
import { authorizeStaff } from '../identity/staff-policy.js';
import { projectsOfMember } from '../projects/membership-repository.js';
import { directoryUsage } from '../storage/quota.js';
import { homeDirs } from '../storage/vault-paths.js';
import type { AirlockDeps } from './airlock-deps.js';
import {
  downloads,
  myFiles,
  reviewDecided,
  reviewDecision,
  reviewQueue as reviewQueueAnswer,
  uploadReceived,
} from './upload-contract.js';
import { decideReview } from './upload-jobs.js';
import { authorizeUploadReview } from './upload-policy.js';
import {
  checkUploadRequest,
  listUploads,
  openForReview,
  receiveUpload,
  reviewQueue,
} from './upload-service.js';

/** MONA web's "My files" (R23) and the reviewers' queue of uploads that need a person. */
export async function uploadRoutes(fastify: FastifyInstance, deps: AirlockDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // The body of an upload is the file itself, streamed: never parsed, never held in memory.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

  app.post(
    '/api/uploads',
    {
      config: { auth: 'required' },
      bodyLimit: deps.settings.uploadMaxBytes,
      schema: { response: { 202: uploadReceived } },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const header = (name: string) => {
        const value = request.headers[name];
        return typeof value === 'string' ? value : undefined;
      };
      let name: string | undefined;
      try {
        name =
          header('x-file-name') === undefined
            ? undefined
            : decodeURIComponent(header('x-file-name') as string);
      } catch {
        throw new AppError('UPLOAD_NAME_REFUSED');
      }
      const length = header('content-length');
      const checked = await checkUploadRequest(deps, session, {
        name,
        projectId: header('x-project'),
        contentLength: length === undefined ? null : Number(length),
      });
      if (request.headers['content-type'] !== 'application/octet-stream')
        throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const upload = await receiveUpload(deps, session, request.ip, checked, request.body as Readable);
      return reply.status(202).send({ upload });
    },
  );

  // Polled by the page while uploads are under way: that alone must not keep the session alive (R30).
  app.get(
    '/api/uploads',
    { config: { auth: 'required', activity: false }, schema: { response: { 200: myFiles } } },
    async (request) => {
      const session = sessionOf(request);
      const { myDocuments } = homeDirs(deps.vault.root, session.username);
      const projects = (await projectsOfMember(deps.db, session.userId)).map(({ id, name }) => ({
        id,
        name,
      }));
      return {
        uploads: await listUploads(deps, session.userId),
        policy: { allowedTypes: deps.settings.allowedTypes, maxBytes: deps.settings.uploadMaxBytes },
        quota: {
          usedBytes: await directoryUsage(myDocuments).catch(() => 0),
          quotaBytes: deps.vault.homeQuotaBytes,
        },
        projects,
      };
    },
  );

  // Exports arrive with the export capability; until then the list is truthfully empty.
  app.get(
    '/api/downloads',
    { config: { auth: 'required' }, schema: { response: { 200: downloads } } },
    async () => ({ downloads: [] }),
  );

  app.get(
    '/api/review/uploads',
    { config: { auth: 'required' }, schema: { response: { 200: reviewQueueAnswer } } },
    async (request) => {
      const reviewer = authorizeStaff(sessionOf(request), 'review');
      return { uploads: await reviewQueue(deps, reviewer.userId) };
    },
  );

  app.get(
    '/api/review/uploads/:id/content',
    { config: { auth: 'required' }, schema: { params: idParams } },
    async (request, reply) => {
      const upload = await openForReview(deps, sessionOf(request), request.params.id, request.ip);
      return reply
        .type('application/octet-stream')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(upload.name)}`)
        .send(createReadStream(upload.path));
    },
  );

  app.post(
    '/api/review/uploads/:id/decision',
    {
      config: { auth: 'required' },
      schema: { params: idParams, body: reviewDecision, response: { 200: reviewDecided } },
    },
    async (request) => {
      const reviewer = authorizeStaff(sessionOf(request), 'review');
      await authorizeUploadReview(deps.db, reviewer, request.params.id, {
        act: 'decide',
        ip: request.ip,
        now: deps.now(),
      });
      const { approve, note } = request.body;
      const decided = await decideReview(deps, request.params.id, approve ? { approve } : { approve, note }, {
        id: reviewer.userId,
        label: reviewer.username,
      });
      if (!decided) throw new AppError('NOT_FOUND');
      return { decided: true } as const;
    },
  );
}
