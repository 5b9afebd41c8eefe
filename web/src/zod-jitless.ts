import { z } from 'zod';

// The page's Content-Security-Policy allows no eval: zod must not even probe for it (the refused probe is
// reported as a violation). Zod reads this setting as each schema is made, so this module is imported before
// any contract is (main.tsx imports it first).
z.config({ jitless: true });
