import { z } from 'zod';

/** What load balancers and orchestrators poll: the process answers, and it can serve. */
export const alive = z.object({ status: z.literal('ok') });
export const ready = z.object({ status: z.literal('ready') });
