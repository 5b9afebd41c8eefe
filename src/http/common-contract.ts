import { z } from 'zod';
import { PROJECT_ID, UUID_PATTERN } from '../ids.js';

// Pieces that many contracts share. Contracts import only zod and each other: the web app bundles them.

/** An id as PostgreSQL writes a UUID. */
export const uuid = z.string().regex(new RegExp(UUID_PATTERN), 'must be an id');

/** The params of a route such as `/:id/approve`. */
export const idParams = z.strictObject({ id: uuid });

/** A non-empty string of at most `maxLength` characters. */
export const text = (maxLength: number) => z.string().min(1).max(maxLength);

/**
 * A moment as ISO 8601 text in UTC. The server may hand over a Date (as the database gives it); the
 * answer always carries the text, and that is what the web app reads.
 */
export const timestamp = z.union([z.date().transform((date) => date.toISOString()), z.iso.datetime()]);

/** A project's id, such as P0042. */
export const projectId = z.string().regex(PROJECT_ID, 'must be a project id');

/** The answer of a route that says nothing back (204 No Content). */
export const noContent = z.undefined();
