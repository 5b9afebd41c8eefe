import type { Transaction } from 'kysely';
import type { DesktopSoftware } from '../agent-api/desktop-spec.js';
import { type Actor, recordAudit, SYSTEM_ACTOR } from '../audit/audit-service.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { lockLiveSessionOwner } from '../desktop/desktop-session-repository.js';
import { findUserById, usernamesByIds } from '../identity/user-repository.js';
import { isUuid } from '../ids.js';
import { memberProjectIds } from '../projects/membership-repository.js';
import { projectExists } from '../projects/project-repository.js';
import type { CatalogueEntry } from './software-contract.js';
import { mayUseSoftware } from './software-policy.js';
import {
  allGrants,
  deleteGrant,
  deleteSoftware,
  insertGrant,
  insertLease,
  insertSoftware,
  leaseRows,
  listedSoftware,
  lockSoftware,
  projectsGranted,
  returnLiveLeases,
  seatsInUse,
  setSeats,
  shareLockSoftware,
  softwareGrantedToAny,
  softwareWithIdOrName,
  softwareWithSeatsInUse,
} from './software-repository.js';

export class SoftwareError extends Error {
  override name = 'SoftwareError';
}

const SOFTWARE_ID = /^[a-z][a-z0-9-]{0,31}$/;
const MAX_SEATS = 100_000;

type Trx = Transaction<Database>;

/** Every change runs in the caller's transaction when given one, so that the demo seeding is one unit. */
function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Trx) : db.transaction().execute(work);
}

export interface NewSoftware {
  id: string;
  name: string;
  /** A line for the published catalogue, in English and Swedish; either may be empty. */
  description: Description;
  /** argv of the program; no shell parses it. */
  command: string[];
  /** Licence seats across the platform; null: unlimited. */
  seats: number | null;
  /** Shown in the published catalogue. */
  listed: boolean;
}

export interface Description {
  en: string;
  sv: string;
}

export interface SoftwareView extends NewSoftware {
  /** Seats taken now by running programs. */
  inUse: number;
  /** The projects that ordered it. */
  projects: string[];
}

export interface LeaseView {
  id: string;
  softwareId: string;
  username: string;
  sessionId: string;
  checkedOutAt: Date;
  returnedAt: Date | null;
  returnReason: string | null;
}

export type CheckOutResult = { leased: true; leaseId: string } | { leased: false; message: string };

function checkedSeats(seats: number | null): number | null {
  if (seats !== null && (!Number.isInteger(seats) || seats < 0 || seats > MAX_SEATS))
    throw new SoftwareError(`seats must be a whole number from 0 to ${MAX_SEATS}, or unlimited`);
  return seats;
}

function checkedSoftware(input: NewSoftware): NewSoftware {
  if (!SOFTWARE_ID.test(input.id)) {
    throw new SoftwareError(
      `software id "${input.id}" must be 1-32 lower-case letters, digits and dashes, starting with a letter`,
    );
  }
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw new SoftwareError('the name must be 1-100 characters');
  const description = { en: input.description.en.trim(), sv: input.description.sv.trim() };
  if (description.en.length > 1000 || description.sv.length > 1000)
    throw new SoftwareError('a description must be at most 1000 characters');
  const { command } = input;
  if (command.length < 1 || command.length > 64 || command[0] === '' || command.some((a) => a.includes('\0')))
    throw new SoftwareError('the command must be a program followed by at most 63 arguments');
  return { id: input.id, name, description, command, seats: checkedSeats(input.seats), listed: input.listed };
}

/** Adds a program to the catalogue; projects get it by a grant. */
export async function addSoftware(db: Db, input: NewSoftware, actor: Actor): Promise<void> {
  const software = checkedSoftware(input);
  await inTransaction(db, async (trx) => {
    const taken = await softwareWithIdOrName(trx, software.id, software.name);
    if (taken?.id === software.id) throw new SoftwareError(`software ${software.id} exists already`);
    if (taken) throw new SoftwareError(`software ${taken.id} is already named "${software.name}"`);
    const { description, ...rest } = software;
    await insertSoftware(trx, { ...rest, description: description.en, description_sv: description.sv });
    await recordAudit(trx, {
      actor,
      action: 'software.added',
      target: { type: 'software', id: software.id },
      details: {
        name: software.name,
        command: software.command,
        seats: software.seats,
        listed: software.listed,
      },
    });
  });
}

async function lockExistingSoftware(trx: Trx, id: string) {
  const software = await lockSoftware(trx, id);
  if (!software) throw new SoftwareError(`no software ${id}`);
  return software;
}

/** Fewer seats than are in use leaves the running programs alone; new ones wait for a free seat. */
export async function updateSeats(db: Db, id: string, seats: number | null, actor: Actor): Promise<void> {
  checkedSeats(seats);
  await inTransaction(db, async (trx) => {
    const before = await lockExistingSoftware(trx, id);
    await setSeats(trx, id, seats);
    await recordAudit(trx, {
      actor,
      action: 'software.seats_changed',
      target: { type: 'software', id },
      details: { from: before.seats, to: seats, inUse: await seatsInUse(trx, id) },
    });
  });
}

export async function removeSoftware(db: Db, id: string, actor: Actor): Promise<void> {
  await inTransaction(db, async (trx) => {
    const software = await lockExistingSoftware(trx, id);
    const projects = await projectsGranted(trx, id);
    if (projects.length > 0)
      throw new SoftwareError(`${id} is still granted to ${projects.join(', ')}: revoke it first`);
    const inUse = await seatsInUse(trx, id);
    if (inUse > 0) throw new SoftwareError(`${id} has ${inUse} licence(s) in use: remove it once returned`);
    await deleteSoftware(trx, id);
    await recordAudit(trx, {
      actor,
      action: 'software.removed',
      target: { type: 'software', id },
      details: { name: software.name },
    });
  });
}

/** The whole catalogue, listed or not, with seats in use and the projects that ordered each program. */
export async function listSoftware(db: Db): Promise<SoftwareView[]> {
  const rows = await softwareWithSeatsInUse(db);
  const grants = await allGrants(db);
  return rows.map(({ in_use, description, description_sv, ...row }) => ({
    ...row,
    description: { en: description, sv: description_sv },
    inUse: in_use ?? 0,
    projects: grants.filter((grant) => grant.software_id === row.id).map((grant) => grant.project_id),
  }));
}

/** What the public page shows (R19): the listed programs, without how they are started. */
export async function publishedCatalogue(db: Db): Promise<CatalogueEntry[]> {
  const rows = await listedSoftware(db);
  return rows.map(({ description, description_sv, ...row }) => ({
    ...row,
    description: { en: description, sv: description_sv },
  }));
}

/** A project's order of a program (R19). Returns false when the project had it already. */
export async function grantSoftware(
  db: Db,
  projectId: string,
  softwareId: string,
  actor: Actor,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    if (!(await projectExists(trx, projectId))) throw new SoftwareError(`no project ${projectId}`);
    const software = await shareLockSoftware(trx, softwareId);
    if (!software) throw new SoftwareError(`no software ${softwareId}`);
    if (!(await insertGrant(trx, projectId, softwareId))) return false;
    await recordAudit(trx, {
      actor,
      action: 'software.granted',
      target: { type: 'software', id: softwareId },
      projectId,
      details: { name: software.name },
    });
    return true;
  });
}

/** Programs running with a licence keep it until they exit. */
export async function revokeSoftware(
  db: Db,
  projectId: string,
  softwareId: string,
  actor: Actor,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (!(await deleteGrant(trx, projectId, softwareId)))
      throw new SoftwareError(`${projectId} does not have ${softwareId}`);
    await recordAudit(trx, {
      actor,
      action: 'software.revoked',
      target: { type: 'software', id: softwareId },
      projectId,
    });
  });
}

/** The user's start menu (R19): what any of the user's projects ordered, listed in the catalogue or not. */
export async function entitledSoftware(db: Db, userId: string): Promise<DesktopSoftware[]> {
  return softwareGrantedToAny(db, await memberProjectIds(db, userId));
}

function noFreeSeat(name: string, seats: number): string {
  if (seats === 0) return `No licence for ${name} is available right now. Try again later.`;
  const taken = seats === 1 ? 'the only one is in use' : `all ${seats} are in use`;
  return `No free licence for ${name} right now: ${taken}. Try again later.`;
}

/**
 * Takes a seat for a program started in a desktop session (R28); software without a seat count always
 * leases. A refusal's message is for the user.
 */
export async function checkOutLicence(
  db: Db,
  request: { softwareId: string; sessionId: string; userId: string },
  now: Date,
): Promise<CheckOutResult> {
  const { softwareId, sessionId, userId } = request;
  return inTransaction(db, async (trx) => {
    // Shared lock: the session cannot end (and return its licences) until this lease is committed.
    const owner = isUuid(sessionId) ? await lockLiveSessionOwner(trx, sessionId) : null;
    const user = owner === userId ? await findUserById(trx, userId) : undefined;
    if (!user) throw new SoftwareError(`no live desktop session ${sessionId} of that user`);
    const actor = { id: userId, label: user.username };
    const refuse = async (reason: string, message: string): Promise<CheckOutResult> => {
      await recordAudit(
        trx,
        {
          actor,
          action: 'licence.refused',
          target: { type: 'software', id: softwareId },
          details: { reason, session: sessionId },
        },
        now,
      );
      return { leased: false, message };
    };

    const software = await lockSoftware(trx, softwareId);
    if (!software) return refuse('unknown', `There is no program "${softwareId}" in the catalogue.`);
    if (!(await mayUseSoftware(trx, userId, softwareId)))
      return refuse('not-entitled', `${software.name} is not available in your projects.`);
    const inUse = await seatsInUse(trx, softwareId);
    if (software.seats !== null && inUse >= software.seats)
      return refuse('no-free-seat', noFreeSeat(software.name, software.seats));

    const id = await insertLease(trx, { softwareId, sessionId, userId, checkedOutAt: now });
    await recordAudit(
      trx,
      {
        actor,
        action: 'licence.checked_out',
        target: { type: 'licence', id },
        details: { software: softwareId, session: sessionId, inUse: inUse + 1, seats: software.seats },
      },
      now,
    );
    return { leased: true, leaseId: id };
  });
}

/** Returns the live leases of a session that match, auditing each; a lease already returned is left alone. */
async function returnLeases(
  db: Db,
  sessionId: string,
  leaseId: string | null,
  reason: string,
  now: Date,
): Promise<number> {
  if (reason.length < 1 || reason.length > 64)
    throw new SoftwareError('a return reason must be 1-64 characters');
  if (!isUuid(sessionId) || (leaseId !== null && !isUuid(leaseId))) return 0;
  return inTransaction(db, async (trx) => {
    const returned = await returnLiveLeases(trx, sessionId, leaseId, { at: now, reason });
    for (const lease of returned) {
      await recordAudit(
        trx,
        {
          actor: SYSTEM_ACTOR,
          action: 'licence.returned',
          target: { type: 'licence', id: lease.id },
          details: { software: lease.software_id, session: sessionId, user: lease.user_id, reason },
        },
        now,
      );
    }
    return returned.length;
  });
}

/**
 * A program exited ("exited"). Only a lease of the given session is returned, so that one session
 * cannot free another's seat; returning twice does nothing. True when this call returned it.
 */
export async function returnLicence(
  db: Db,
  leaseId: string,
  sessionId: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  return (await returnLeases(db, sessionId, leaseId, reason, now)) === 1;
}

/** At the end of a session, logout included (R28), every seat it still holds is freed. Returns how many. */
export async function returnSessionLicences(
  db: Db,
  sessionId: string,
  reason: string,
  now: Date,
): Promise<number> {
  return returnLeases(db, sessionId, null, reason, now);
}

/** Leases for operators, newest first: those in use, or the most recent `limit` of all. */
export async function listLeases(
  db: Db,
  options: { liveOnly: boolean; limit: number },
): Promise<LeaseView[]> {
  const rows = await leaseRows(db, options);
  const usernames = await usernamesByIds(
    db,
    rows.map((row) => row.user_id),
  );
  return rows.map((row) => ({
    id: row.id,
    softwareId: row.software_id,
    username: usernames.get(row.user_id) as string,
    sessionId: row.session_id,
    checkedOutAt: row.checked_out_at,
    returnedAt: row.returned_at,
    returnReason: row.return_reason,
  }));
}
