/**
 * The studio's guards: only local Host names (DNS rebinding), writes only from the dev server's
 * own origin, and paths that stay inside content/ (no `..`, absolute paths, NUL bytes, symlinks out).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkHost, checkOrigin, isLoopbackBinding, resolveContentPath, StudioRefusal } from '../../../src/studio/guard.ts';

let root: string;
let content: string;
let outside: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'learnspace-guard-'));
  content = join(root, 'content');
  outside = join(root, 'elsewhere');
  mkdirSync(join(content, 'videos'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.yaml'), 'x: 1\n');
  symlinkSync(outside, join(content, 'videos', 'escape'), 'dir');
  symlinkSync(join(outside, 'secret.yaml'), join(content, 'videos', 'linked.yaml'));
  symlinkSync(join(outside, 'not-yet.yaml'), join(content, 'videos', 'dangling.yaml'));
  mkdirSync(join(content, 'courses', 'ml'), { recursive: true });
  symlinkSync(join(content, 'courses', 'ml'), join(content, 'courses', 'ml-alias'), 'dir');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const refusal = (fn: () => unknown): StudioRefusal => {
  try {
    fn();
  } catch (error) {
    if (error instanceof StudioRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('resolveContentPath', () => {
  it('resolves a plain path inside content/, also for a file that does not exist yet', () => {
    expect(resolveContentPath(content, 'videos/aircAruvnKk.yaml')).toBe(join(content, 'videos', 'aircAruvnKk.yaml'));
    expect(resolveContentPath(content, 'courses/new-course/course.yaml')).toBe(join(content, 'courses', 'new-course', 'course.yaml'));
  });

  it('refuses paths that climb out with ..', () => {
    for (const rel of ['../package.json', 'videos/../../package.json', 'videos\\..\\..\\x.yaml', '..']) {
      const r = refusal(() => resolveContentPath(content, rel));
      expect(r.status).toBe(400);
      expect(r.message).toContain('climbs out with ".."');
    }
  });

  it('refuses absolute paths and NUL bytes', () => {
    expect(refusal(() => resolveContentPath(content, '/etc/passwd')).message).toBe(
      'path: "/etc/passwd" is an absolute path; give a path inside content/, like videos/aircAruvnKk.yaml',
    );
    expect(refusal(() => resolveContentPath(content, join(content, 'videos/a.yaml'))).message).toContain('is an absolute path');
    expect(refusal(() => resolveContentPath(content, 'C:/Windows/x.yaml')).message).toContain('is an absolute path');
    expect(refusal(() => resolveContentPath(content, 'videos/a.yaml\0.png')).message).toBe(
      'path: the path contains a NUL byte; give a plain path inside content/',
    );
    expect(refusal(() => resolveContentPath(content, '')).message).toBe('path: expected a path inside content/, got nothing');
  });

  it('refuses symlinks that lead outside content/: a folder, a file, and a link to a file not yet written', () => {
    for (const rel of ['videos/escape/secret.yaml', 'videos/escape/new.yaml', 'videos/linked.yaml', 'videos/dangling.yaml']) {
      const r = refusal(() => resolveContentPath(content, rel, 'file'));
      expect(r.message).toBe(`file: "${rel}" leads outside content/ through a symbolic link; the studio writes only to files inside content/`);
      expect(r.field).toBe('file');
    }
  });

  it('accepts a symlink that stays inside content/', () => {
    expect(resolveContentPath(content, 'courses/ml-alias/course.yaml')).toBe(join(content, 'courses', 'ml-alias', 'course.yaml'));
  });
});

describe('checkHost', () => {
  it('accepts localhost, 127.0.0.1 and [::1] with any port', () => {
    for (const host of ['localhost:4321', '127.0.0.1:4321', '[::1]:4321', 'LOCALHOST', '127.0.0.1']) expect(() => checkHost(host)).not.toThrow();
  });

  it('refuses other names, as a rebound DNS name or a LAN address would send', () => {
    for (const host of ['evil.example:4321', 'localhost.evil.example', '192.168.1.20:4321', '0.0.0.0:4321', '127.0.0.1.nip.io', undefined]) {
      const r = refusal(() => checkHost(host));
      expect(r.status).toBe(403);
      expect(r.message).toContain('the studio answers only requests to localhost, 127.0.0.1 or [::1]');
    }
  });
});

describe('checkOrigin', () => {
  const host = 'localhost:4321';
  it('lets reads through and writes from the same origin', () => {
    expect(() => checkOrigin({ method: 'GET', origin: undefined, host })).not.toThrow();
    expect(() => checkOrigin({ method: 'POST', origin: 'http://localhost:4321', host })).not.toThrow();
  });

  it('refuses writes without an Origin, from another origin or another port, and anything a browser marks cross-site', () => {
    expect(refusal(() => checkOrigin({ method: 'POST', origin: undefined, host })).message).toContain('without an Origin header');
    expect(refusal(() => checkOrigin({ method: 'PUT', origin: 'https://evil.example', host })).message).toBe(
      'the studio refuses changes from https://evil.example; only its own pages (http://localhost:4321) may make them',
    );
    expect(refusal(() => checkOrigin({ method: 'DELETE', origin: 'http://localhost:3000', host })).status).toBe(403);
    expect(refusal(() => checkOrigin({ method: 'POST', origin: 'null', host })).status).toBe(403);
    expect(refusal(() => checkOrigin({ method: 'GET', origin: undefined, host, fetchSite: 'cross-site' })).status).toBe(403);
  });
});

describe('isLoopbackBinding', () => {
  it("treats Astro's default and loopback names as local, --host and 0.0.0.0 as exposed", () => {
    expect([undefined, false, 'localhost', '127.0.0.1', '::1'].map(isLoopbackBinding)).toEqual([true, true, true, true, true]);
    expect([true, '0.0.0.0', '192.168.1.20', '::'].map(isLoopbackBinding)).toEqual([false, false, false, false]);
  });
});
