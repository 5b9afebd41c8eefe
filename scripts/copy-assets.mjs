// tsc compiles TypeScript only; the SQL migrations and the password policy's word lists travel beside the
// compiled modules.
import { cpSync } from 'node:fs';

const ASSETS = ['.sql', '.txt'];

cpSync('src', 'dist', {
  recursive: true,
  filter: (path) => !path.includes('.') || ASSETS.some((extension) => path.endsWith(extension)),
});
