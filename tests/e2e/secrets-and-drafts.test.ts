/**
 * The production dist/ carries no secret and no draft, and a pipeline run with
 * credentials in every setting leaks none into content/, its output or dist/:
 * every file is read, gzip-compressed ones (Pagefind's index and fragments)
 * decompressed first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CREDENTIAL_MARKERS, credentialEnv, DRAFT_MARKER, SECRET_ENV_MARKERS, UNRESOLVABLE_HOST } from './support/markers.ts';
import { buildFixtureSite, prepareFixtureContent } from './support/fixture-site.ts';

const dist = join(process.cwd(), 'dist');

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

function readable(path: string): string {
  const bytes = readFileSync(path);
  const body = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return body.toString('latin1');
}

function filesContaining(needle: string): string[] {
  const lower = needle.toLowerCase();
  return [...files(dist)].filter((f) => readable(f).toLowerCase().includes(lower)).map((f) => relative(dist, f));
}

describe('a production build', () => {
  it('reads a realistic dist/ (pages, sitemap, search index)', () => {
    const all = [...files(dist)].map((f) => relative(dist, f));
    expect(all).toContain('index.html');
    expect(all.some((f) => f.startsWith('sitemap'))).toBe(true);
    expect(all.some((f) => f.startsWith('pagefind/') && f.endsWith('.pf_fragment'))).toBe(true);
  });

  it.each(Object.entries(SECRET_ENV_MARKERS))('never contains the value of %s', (_name, value) => {
    expect(filesContaining(value)).toEqual([]);
  });

  it('never contains a word that only a draft course uses', () => {
    expect(filesContaining(DRAFT_MARKER)).toEqual([]);
  });
});

/**
 * Credentials in every pipeline setting, a deploy build after every model endpoint failed
 * (an unresolvable host, then a local server that echoes the key and URL back in its error):
 * no credential reaches content/ or dist/, learners read no internal error, and the courses
 * serving their last notes stay ready.
 */
describe('a deploy build after the pipeline failed against endpoints with credentials in every setting', () => {
  const root = join(process.cwd(), 'tests/.artifacts/secrets-pipeline');
  let content = '';
  let site = '';
  let output = '';
  let echo: Server;

  beforeAll(async () => {
    content = await prepareFixtureContent(root);
    // A failing OpenAI-compatible server that, like some proxies, repeats the credentials it was sent.
    echo = createServer((req, res) => {
      req.resume();
      res.writeHead(401, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: {
            message: `Incorrect API key provided: ${req.headers.authorization} for ${req.url}`,
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        }),
      );
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const port = (echo.address() as AddressInfo).port;
    // Run asynchronously: the echo server answers from this process.
    const videos = async (args: string[], settings: Record<string, string>) => {
      const env = {
        ...cleanEnv(),
        LEARNSPACE_CONTENT: content,
        LEARNSPACE_NO_YOUTUBE: '1',
        LEARNSPACE_MAX_RETRIES: '0',
        LEARNSPACE_TIMEOUT_MS: '20000',
        ...settings,
      };
      const run = await promisify(execFile)(process.execPath, ['scripts/videos.ts', ...args], { cwd: process.cwd(), env, encoding: 'utf8' }).catch(
        (e: { stdout: string; stderr: string }) => e,
      );
      output += run.stdout + run.stderr;
    };
    // First every video gets material (the fixture leaves one failed and one pending), then every refresh fails.
    await videos(['retry', '--all-failed'], {});
    await videos(['process'], {});
    await videos(['process'], credentialEnv(port, UNRESOLVABLE_HOST));
    await videos(['retry', '--all-failed'], credentialEnv(port, `127.0.0.1:${port}`));
    site = await buildFixtureSite(root, content, 'dist', { ...SECRET_ENV_MARKERS, ...credentialEnv(port, UNRESOLVABLE_HOST) });
  }, 600_000);
  afterAll(() => new Promise<void>((resolve) => (echo ? echo.close(() => resolve()) : resolve())));

  const generated = () => join(content, 'generated', 'videos');
  const statuses = () =>
    readdirSync(generated(), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(generated(), d.name, 'status.json')))
      .map((d) => JSON.parse(readFileSync(join(generated(), d.name, 'status.json'), 'utf8')) as { status: string; error?: string; servingPrevious?: boolean });

  it('ran against the failing endpoints: every processed video failed and serves its last notes', () => {
    const all = statuses();
    expect(all.length).toBeGreaterThan(5);
    for (const s of all) expect(s).toMatchObject({ status: 'failed', servingPrevious: true });
    const failed = all;
    expect(failed.map((s) => s.error).join('\n')).toMatch(/401|Incorrect API key/);
    expect(output).toMatch(/ENOTFOUND|getaddrinfo|cannot reach/);
  });

  it.each(Object.entries(CREDENTIAL_MARKERS))('never writes the %s to content/, the CLI output or dist/', (_name, marker) => {
    expect([...files(content)].filter((f) => readable(f).includes(marker)).map((f) => relative(content, f))).toEqual([]);
    expect(output).not.toContain(marker);
    expect([...files(site)].filter((f) => readable(f).includes(marker)).map((f) => relative(site, f))).toEqual([]);
  });

  it.each(Object.entries(SECRET_ENV_MARKERS))('never puts the value of %s in dist/', (_name, value) => {
    expect([...files(site)].filter((f) => readable(f).toLowerCase().includes(value.toLowerCase()))).toEqual([]);
  });

  it('shows learners no DNS error, endpoint, or path on this machine', () => {
    for (const needle of ['ENOTFOUND', 'getaddrinfo', UNRESOLVABLE_HOST, 'Incorrect API key', '[redacted]', process.cwd(), root]) {
      expect(
        [...files(site)].filter((f) => readable(f).includes(needle)).map((f) => relative(site, f)),
        needle,
      ).toEqual([]);
    }
    expect([...files(content)].filter((f) => readable(f).includes(process.cwd())).map((f) => relative(content, f))).toEqual([]);
  });

  it('keeps the courses ready and tells learners the notes are the last version', () => {
    const course = readFileSync(join(site, 'courses/neural-networks/index.html'), 'utf8');
    expect(course).not.toContain('course-status');
    const video = readFileSync(join(site, 'videos/aircAruvnKk/index.html'), 'utf8');
    expect(video).toContain('Notes for this lecture could not be refreshed; showing the last version.');
  });
});

/** The test runner's environment without any pipeline setting of its own. */
function cleanEnv(): Record<string, string> {
  const { DEV: _dev, PROD: _prod, MODE: _mode, SSR: _ssr, BASE_URL: _base, ...rest } = process.env;
  return Object.fromEntries(
    Object.entries(rest).filter((e): e is [string, string] => e[1] !== undefined && !/^(OPENAI_|LEARNSPACE_|NOTES_GEN|QUIZ_GEN)/.test(e[0])),
  );
}
