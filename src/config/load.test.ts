import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, envNameToPath, loadConfig } from './load.js';

function yamlFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'mona-config-')), 'mona.yaml');
  writeFileSync(file, text);
  return file;
}

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives every key a default', () => {
    const config = loadConfig({ env: {} });
    expect(config.http.port).toBe(8080);
    expect(config.dataDir).toBe('./var');
    expect(config.web.defaultLanguage).toBe('en');
    expect(config.database.url).toBeNull();
  });

  it('layers file, then environment, then flags', () => {
    const file = yamlFile('operator:\n  name: File Office\nhttp:\n  port: 9000\n  host: 0.0.0.0\n');
    const config = loadConfig({
      file,
      env: { MONA_HTTP__PORT: '9100', MONA_OPERATOR__SUPPORT_EMAIL: 'help@office.example', PATH: '/bin' },
      flags: { 'http.port': 9200 },
    });
    expect(config.operator.name).toBe('File Office');
    expect(config.operator.supportEmail).toBe('help@office.example');
    expect(config.http.host).toBe('0.0.0.0');
    expect(config.http.port).toBe(9200);
  });

  it('reads lists from the environment', () => {
    const config = loadConfig({ env: { MONA_HTTP__TRUSTED_PROXIES: '[10.0.0.1, 192.168.0.0/16]' } });
    expect(config.http.trustedProxies).toEqual(['10.0.0.1', '192.168.0.0/16']);
  });

  it('names the key, the value, its origin and what is allowed', () => {
    const message = errorOf(() => loadConfig({ env: { MONA_HTTP__PORT: '70000' } }));
    expect(message).toBe(
      'config: http.port = 70000 (from environment MONA_HTTP__PORT): must be a whole number from 1 to 65535',
    );
  });

  it('reports a bad value from a file with the file name', () => {
    const file = yamlFile('web:\n  defaultLanguage: fi\n');
    expect(errorOf(() => loadConfig({ file, env: {} }))).toBe(
      `config: web.defaultLanguage = "fi" (from file ${file}): must be en or sv`,
    );
  });

  it('refuses unknown keys and lists the allowed ones', () => {
    const message = errorOf(() => loadConfig({ env: { MONA_HTTP__PROT: '1' } }));
    expect(message).toContain('unknown key http.prot (from environment MONA_HTTP__PROT)');
    expect(message).toContain(
      'allowed keys here: host, port, publicUrl, tls, trustedProxies, bodyLimitBytes',
    );
  });

  it('lists every problem, one a line', () => {
    const message = errorOf(() => loadConfig({ env: { MONA_HTTP__PORT: 'x', MONA_LOG__LEVEL: 'loud' } }));
    expect(message.split('\n')).toHaveLength(2);
    expect(message).toContain('log.level = "loud"');
  });

  it('never echoes the database URL, which may hold a password', () => {
    const message = errorOf(() => loadConfig({ env: { DATABASE_URL: 'mysql://u:s3cret@h/db' } }));
    expect(message).toContain('database.url = <hidden>');
    expect(message).not.toContain('s3cret');
  });

  it("takes the owner's URL for migrations verbatim, never echoing it, and only with the platform's URL", () => {
    const owner = 'postgres://owner:s3cret@db/mona?sslmode=require';
    const both = loadConfig({
      env: { DATABASE_URL: 'postgres://mona_app:pw@db/mona', MIGRATION_DATABASE_URL: owner },
    });
    expect(both.database.migrationUrl).toBe(owner);
    const alone = errorOf(() => loadConfig({ env: { MIGRATION_DATABASE_URL: owner } }));
    expect(alone).toMatch(
      /^config: database\.migrationUrl = <hidden> \(from environment MIGRATION_DATABASE_URL\): migrationUrl needs url too/,
    );
    expect(alone).not.toContain('s3cret');
  });

  it('explains a missing or malformed file', () => {
    expect(errorOf(() => loadConfig({ file: '/nonexistent/mona.yaml', env: {} }))).toBe(
      'config file /nonexistent/mona.yaml cannot be read: ENOENT',
    );
    const bad = yamlFile('http: [unclosed\n');
    expect(errorOf(() => loadConfig({ file: bad, env: {} }))).toMatch(/^config file .* is not valid YAML: /);
    const list = yamlFile('- a\n- b\n');
    expect(errorOf(() => loadConfig({ file: list, env: {} }))).toMatch(/must hold a mapping/);
  });

  it('requires both TLS files', () => {
    const message = errorOf(() => loadConfig({ env: { MONA_HTTP__TLS__CERT_FILE: '/etc/cert.pem' } }));
    expect(message).toMatch(/^config: http\.tls\.keyFile = \(missing\)/);
  });

  it('leaves OpenGL out of desktops unless told otherwise', () => {
    expect(loadConfig({ env: {} }).hostAgent.desktopOpenGl).toBe(false);
    expect(loadConfig({ env: { MONA_HOST_AGENT__DESKTOP_OPEN_GL: 'true' } }).hostAgent.desktopOpenGl).toBe(
      true,
    );
  });

  it("limits each desktop's CPU and memory unless told otherwise", () => {
    expect(loadConfig({ env: {} }).hostAgent.desktopLimits).toEqual({ cpus: 2, memoryMegabytes: 4096 });
    const file = join(mkdtempSync(join(tmpdir(), 'mona-config-')), 'mona.yaml');
    writeFileSync(file, 'hostAgent:\n  desktopLimits:\n    cpus: 0.5\n    memoryMegabytes: null\n');
    expect(loadConfig({ file, env: {} }).hostAgent.desktopLimits).toEqual({
      cpus: 0.5,
      memoryMegabytes: null,
    });
    const tooSmall = errorOf(() =>
      loadConfig({ env: { MONA_HOST_AGENT__DESKTOP_LIMITS__MEMORY_MEGABYTES: '10' } }),
    );
    expect(tooSmall).toMatch(/hostAgent\.desktopLimits\.memoryMegabytes = 10/);
  });
});

describe('envNameToPath', () => {
  it('maps names to dotted paths and ignores others', () => {
    expect(envNameToPath('MONA_OPERATOR__SUPPORT_EMAIL')).toEqual(['operator', 'supportEmail']);
    expect(envNameToPath('MONA_DATA_DIR')).toEqual(['dataDir']);
    expect(envNameToPath('MONA_CONFIG')).toBeNull();
    expect(envNameToPath('HOME')).toBeNull();
  });
});
