import { z } from 'zod';

/** What every visitor may know about the installation (`GET /api/site`): who runs it, how to reach support. */

export const LANGUAGES = ['en', 'sv'] as const;
export type Language = (typeof LANGUAGES)[number];

const LOGIN_METHODS = ['bankid', 'otp'] as const;
export type OfferedLoginMethod = (typeof LOGIN_METHODS)[number];

const isOffered = (method: string): method is OfferedLoginMethod =>
  (LOGIN_METHODS as readonly string[]).includes(method);

export const site = z.object({
  operator: z.object({
    name: z.string(),
    shortName: z.string(),
    logoUrl: z.string().nullable(),
    supportEmail: z.string(),
    supportPhone: z.string().nullable(),
    websiteUrl: z.string().nullable(),
  }),
  defaultLanguage: z.enum(LANGUAGES),
  /**
   * The login methods offered, in the order the login page shows them. One this version does not know is
   * left out; without any it knows, one-time passwords, which every installation offers.
   */
  loginMethods: z.array(z.string()).transform((methods): OfferedLoginMethod[] => {
    const known = [...new Set(methods.filter(isOffered))];
    return known.length > 0 ? known : ['otp'];
  }),
  version: z.string(),
});
export type Site = z.output<typeof site>;
export type Operator = Site['operator'];
