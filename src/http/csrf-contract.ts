import { z } from 'zod';

/** `GET /api/csrf-token`: the token every changing request carries in its header. */
export const csrfToken = z.object({ token: z.string() });
