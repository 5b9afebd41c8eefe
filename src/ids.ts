/** A UUID as PostgreSQL writes it: lower-case hex in groups of 8-4-4-4-12. For JSON schemas too. */
export const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

const UUID = new RegExp(UUID_PATTERN);

/** Whether a value given as an id can be one; checked before it reaches a uuid column. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A project's id, such as P0042: what the vault's folders and Unix groups are named after. */
export const PROJECT_ID = /^P[0-9]{4,6}$/;

/** A user's login name: lower case, as accounts are made (and so also their name inside a desktop). */
export const USERNAME = /^[a-z][a-z0-9._-]{1,31}$/;
