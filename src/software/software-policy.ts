import type { Db } from '../db/connect.js';
import { AppError } from '../http/errors.js';
import { memberProjectIds } from '../projects/membership-repository.js';
import { grantedToAny } from './software-repository.js';

/** R19: a user may run a program granted to any of their projects. */
export async function mayUseSoftware(db: Db, userId: string, softwareId: string): Promise<boolean> {
  return grantedToAny(db, softwareId, await memberProjectIds(db, userId));
}

/** The same for routes: anyone else is refused as if the program did not exist. */
export async function authorizeSoftwareUse(db: Db, userId: string, softwareId: string): Promise<void> {
  if (!(await mayUseSoftware(db, userId, softwareId))) throw new AppError('NOT_FOUND');
}
