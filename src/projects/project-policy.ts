import type { Db } from '../db/connect.js';
import { AppError } from '../http/errors.js';
import { isMember } from './membership-repository.js';

/**
 * May this user act in this project: only its members may. Anyone else is
 * refused as if the project did not exist, so that ids reveal nothing.
 */
export async function authorizeProjectMember(db: Db, userId: string, projectId: string): Promise<void> {
  if (!(await isMember(db, projectId, userId))) throw new AppError('NOT_FOUND');
}
