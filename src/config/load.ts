import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import type { z } from 'zod';
import { type Config, configSchema } from './schema.js';

/** A configuration problem, worded for the operator: the key, the value, where it came from, what is allowed. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface ConfigSources {
  /** Path of a YAML file, or undefined for none. */
  file?: string | undefined;
  env: NodeJS.ProcessEnv;
  /** Command-line flags, applied last, keyed by dotted path (e.g. "http.port"). */
  flags?: Record<string, unknown>;
}

type Tree = Record<string, unknown>;

const ENV_PREFIX = 'MONA_';
const NOT_CONFIG_ENV = new Set(['MONA_CONFIG']);
/** Values never echoed back in an error message. */
const SECRET_PATHS = new Set([
  'database.url',
  'database.migrationUrl',
  'mail.smtp.password',
  'bankid.clientSecret',
]);
/** Environment variables other programs know PostgreSQL's URLs by, taken verbatim. */
const DATABASE_ENV: Record<string, string[]> = {
  DATABASE_URL: ['database', 'url'],
  MIGRATION_DATABASE_URL: ['database', 'migrationUrl'],
};

export function loadConfig(sources: ConfigSources): Config {
  const raw: Tree = {};
  const origins = new Map<string, string>();

  if (sources.file) {
    const fromFile = readConfigFile(sources.file);
    for (const [path, value] of leaves(fromFile)) {
      setPath(raw, path, value);
      origins.set(path.join('.'), `file ${sources.file}`);
    }
  }
  for (const [name, value] of Object.entries(sources.env)) {
    if (value === undefined) continue;
    const path = envNameToPath(name);
    if (!path) continue;
    setPath(raw, path, name in DATABASE_ENV ? value : parseEnvValue(value));
    origins.set(path.join('.'), `environment ${name}`);
  }
  for (const [dotted, value] of Object.entries(sources.flags ?? {})) {
    if (value === undefined) continue;
    setPath(raw, dotted.split('.'), value);
    origins.set(dotted, 'command line');
  }

  const result = configSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => describeIssue(issue, raw, origins)).join('\n'));
  }
  return result.data;
}

function readConfigFile(file: string): Tree {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `config file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = YAML.parse(text);
  } catch (error) {
    throw new ConfigError(
      `config file ${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`config file ${file} must hold a mapping of keys to values`);
  }
  return parsed as Tree;
}

/** MONA_HTTP__TRUSTED_PROXIES -> ["http", "trustedProxies"]; DATABASE_URL -> ["database", "url"]. */
export function envNameToPath(name: string): string[] | null {
  if (Object.hasOwn(DATABASE_ENV, name)) return DATABASE_ENV[name] as string[];
  if (!name.startsWith(ENV_PREFIX) || NOT_CONFIG_ENV.has(name)) return null;
  return name
    .slice(ENV_PREFIX.length)
    .split('__')
    .map((segment) => segment.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
}

/** Environment values are read as YAML scalars or flow collections: "8080" is a number, "[a, b]" a list. */
function parseEnvValue(value: string): unknown {
  try {
    return YAML.parse(value);
  } catch {
    return value;
  }
}

function* leaves(tree: Tree, prefix: string[] = []): Generator<[string[], unknown]> {
  for (const [key, value] of Object.entries(tree)) {
    const path = [...prefix, key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      yield* leaves(value as Tree, path);
    else yield [path, value];
  }
}

function setPath(tree: Tree, path: string[], value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as Tree;
  }
  node[path[path.length - 1] as string] = value;
}

function getPath(tree: Tree, path: PropertyKey[]): unknown {
  let node: unknown = tree;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describeIssue(issue: z.core.$ZodIssue, raw: Tree, origins: Map<string, string>): string {
  const dotted = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(issue.path).join(', ');
    return issue.keys
      .map((key) => {
        const path = dotted ? `${dotted}.${key}` : key;
        const origin = origins.get(path) ?? findOrigin(origins, path);
        return `config: unknown key ${path}${origin ? ` (from ${origin})` : ''}; allowed keys here: ${allowed}`;
      })
      .join('\n');
  }
  const value = getPath(raw, issue.path);
  const shown = SECRET_PATHS.has(dotted)
    ? '<hidden>'
    : value === undefined
      ? '(missing)'
      : JSON.stringify(value);
  const origin = origins.get(dotted) ?? findOrigin(origins, dotted);
  return `config: ${dotted} = ${shown}${origin ? ` (from ${origin})` : ''}: ${issue.message}`;
}

function findOrigin(origins: Map<string, string>, dotted: string): string | undefined {
  for (const [path, origin] of origins) if (path.startsWith(`${dotted}.`)) return origin;
  return undefined;
}

/** The keys the schema accepts at a path, for "allowed keys" hints. */
function allowedKeys(path: PropertyKey[]): string[] {
  let shape: unknown = configSchema;
  for (const key of path) {
    const inner = unwrap(shape);
    shape = (inner as { shape?: Record<string, unknown> } | undefined)?.shape?.[String(key)];
  }
  const inner = unwrap(shape) as { shape?: Record<string, unknown> } | undefined;
  return Object.keys(inner?.shape ?? {});
}

function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { innerType?: unknown } } | undefined;
  while (current?.def?.innerType) current = current.def.innerType as typeof current;
  return current;
}
