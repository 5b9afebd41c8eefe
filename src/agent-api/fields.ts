import { z } from 'zod';
import { UUID_PATTERN } from '../ids.js';

/** An id as the platform's database writes it (a UUID in lower case): sessions, leases. */
export const databaseId = z.string().regex(new RegExp(UUID_PATTERN));

/** What Debian's useradd and groupadd take without --badname, within utmp's 32 characters. */
export const unixName = z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/);

export const keyboardLayout = z.enum(['se', 'us']);
