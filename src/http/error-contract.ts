import { z } from 'zod';

/** One field a request got wrong, e.g. `{ field: 'password', problem: 'too short' }`. */
export const fieldProblem = z.object({ field: z.string(), problem: z.string() });

/**
 * Every refusal's body. The code is kept as text here: a page loaded before the server was updated may
 * meet a code it does not know (error-codes.ts is the list it knows).
 */
export const errorAnswer = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    correlationId: z.string().optional(),
    fields: z.array(fieldProblem).optional(),
  }),
});
