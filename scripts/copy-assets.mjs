// tsc compiles TypeScript only; the SQL migrations travel beside the compiled modules.
import { cpSync } from 'node:fs';

cpSync('src', 'dist', { recursive: true, filter: (path) => !path.includes('.') || path.endsWith('.sql') });
