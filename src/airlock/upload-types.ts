// The one list of what may be uploaded. Kept free of imports: the configuration's schema reads it.

/** Kinds with no magic number: the extension is believed once the bytes are text. */
export const TEXT_TYPES = ['csv', 'tsv', 'txt', 'json', 'xml', 'md', 'sql', 'r', 'py', 'sas', 'do', 'sps'];

/** Kinds recognised from their bytes. */
const BINARY_TYPES = ['pdf', 'docx', 'xlsx', 'png', 'jpg', 'zip'];

/** What may be uploaded unless `airlock.allowedTypes` says otherwise. */
export const DEFAULT_ALLOWED_TYPES = [...TEXT_TYPES, ...BINARY_TYPES];
