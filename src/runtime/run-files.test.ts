import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { readRunFile, writeRunFile } from './run-files.js';
import { publicUrlForCommand } from './server.js';

describe('run files', () => {
  it('are read while the process that wrote them lives', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mona-run-'));
    writeRunFile(dataDir, 'server', { url: 'http://127.0.0.1:8199/' });
    expect(readRunFile(dataDir, 'server')).toEqual({ pid: process.pid, url: 'http://127.0.0.1:8199/' });
    // A pid far above any the kernel hands out: that process has ended.
    writeFileSync(join(dataDir, 'run', 'server.json'), JSON.stringify({ pid: 2 ** 30, url: 'http://old/' }));
    expect(readRunFile(dataDir, 'server')).toBeNull();
    expect(readRunFile(dataDir, 'missing')).toBeNull();
  });

  it('give operator commands the address of the running server for links in mail', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mona-run-'));
    const config = loadConfig({ env: {} });
    expect(publicUrlForCommand(config, dataDir)).toBe('http://127.0.0.1:8080/');
    writeRunFile(dataDir, 'server', { url: 'http://127.0.0.1:8199/' });
    expect(publicUrlForCommand(config, dataDir)).toBe('http://127.0.0.1:8199/');
    const configured = loadConfig({ env: { MONA_HTTP__PUBLIC_URL: 'https://mona.example/' } });
    expect(publicUrlForCommand(configured, dataDir)).toBe('https://mona.example/');
  });
});
