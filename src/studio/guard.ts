/**
 * The studio's request guards, used by every API route: requests must name a local Host
 * (DNS rebinding), writes must come from the dev server's own origin (another site's page
 * cannot post), and file paths must stay inside content/ (no `..`, absolute paths, NUL
 * bytes or symlinks out). Refusals are plain sentences a user can act on.
 */
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

const REFUSAL = Symbol.for('learnspace.studio.refusal');

/** A request the studio will not serve; `status` is the HTTP status to answer with. */
export class StudioRefusal extends Error {
  override name = 'StudioRefusal';
  readonly [REFUSAL] = true;

  /** Also true for a refusal from another copy of this module (the dev server loads the routes through Vite). */
  static is(error: unknown): error is StudioRefusal {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[REFUSAL] === true;
  }

  readonly status: number;
  /** The request field the message is about, for forms. */
  readonly field: string | undefined;

  constructor(status: number, message: string, field?: string) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Whether Astro's `server.host` setting keeps the dev server on this machine:
 * false (Astro's default, localhost) or an explicit loopback name. `true` and `0.0.0.0` expose it to the network.
 */
export function isLoopbackBinding(host: string | boolean | undefined): boolean {
  if (host === undefined || host === false) return true;
  if (host === true) return false;
  return LOOPBACK_NAMES.has(host.trim().toLowerCase());
}

/** The hostname of a Host header ("localhost:4321", "[::1]:4321"), lower-cased; undefined when unparsable. */
function hostnameOf(hostHeader: string): string | undefined {
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Refuses a request whose Host header is not localhost, 127.0.0.1 or [::1] (a rebound DNS name, a LAN address). */
export function checkHost(hostHeader: string | undefined): void {
  const name = hostHeader ? hostnameOf(hostHeader) : undefined;
  if (!name || !LOOPBACK_NAMES.has(name))
    throw new StudioRefusal(
      403,
      `the studio answers only requests to localhost, 127.0.0.1 or [::1], not "${hostHeader ?? ''}"; open it at http://localhost:<port>/admin/`,
    );
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses a write (POST, PUT, PATCH, DELETE) whose Origin header is missing or is not the dev
 * server's own origin (`http://` + the Host it was asked for), and any request a browser marks cross-site.
 */
export function checkOrigin(request: {
  method: string;
  origin: string | undefined;
  host: string | undefined;
  fetchSite?: string | undefined;
  secure?: boolean;
}): void {
  if (request.fetchSite === 'cross-site') throw new StudioRefusal(403, 'the studio refuses requests from other sites');
  if (!MUTATING.has(request.method.toUpperCase())) return;
  const own = `${request.secure ? 'https' : 'http'}://${request.host ?? ''}`.toLowerCase();
  if (!request.origin) throw new StudioRefusal(403, 'the studio refuses changes without an Origin header; make them from the studio page in your browser');
  if (request.origin.toLowerCase() !== own)
    throw new StudioRefusal(403, `the studio refuses changes from ${request.origin}; only its own pages (${own}) may make them`);
}

/** The deepest part of `path` that exists on disk (the file itself, or a folder above it). */
function existingAncestor(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

const inside = (base: string, path: string) => {
  const rel = relative(base, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * The absolute path of `rel` inside the content folder `contentRoot`, or a StudioRefusal (400)
 * when it contains a NUL byte, is absolute, climbs with `..`, or reaches outside through a symlink.
 * The file itself need not exist yet.
 */
export function resolveContentPath(contentRoot: string, rel: string, field = 'path'): string {
  if (typeof rel !== 'string' || rel.trim() === '') throw new StudioRefusal(400, `${field}: expected a path inside content/, got nothing`, field);
  if (rel.includes('\0')) throw new StudioRefusal(400, `${field}: the path contains a NUL byte; give a plain path inside content/`, field);
  if (isAbsolute(rel) || /^[a-zA-Z]:/.test(rel) || rel.startsWith('\\'))
    throw new StudioRefusal(400, `${field}: "${rel}" is an absolute path; give a path inside content/, like videos/aircAruvnKk.yaml`, field);
  if (rel.split(/[\\/]/).includes('..')) throw new StudioRefusal(400, `${field}: "${rel}" climbs out with ".."; give a path inside content/`, field);
  const root = resolve(contentRoot);
  const target = resolve(root, rel);
  if (!inside(root, target)) throw new StudioRefusal(400, `${field}: "${rel}" is outside content/`, field);
  // A symlink anywhere on the way (or the file itself) may point elsewhere: compare real paths.
  const realRoot = realpathSync(root);
  const existing = existingAncestor(target);
  const real = existsSync(existing) ? realpathSync(existing) : existing;
  const dangling = !existsSync(target) && isDanglingLink(target);
  if (!inside(realRoot, real) || dangling)
    throw new StudioRefusal(400, `${field}: "${rel}" leads outside content/ through a symbolic link; the studio writes only to files inside content/`, field);
  return target;
}

/** A symlink whose target does not exist: writing through it would create a file wherever it points. */
function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** `path` relative to the project root with forward slashes, for messages. */
export function displayPath(projectRoot: string, path: string): string {
  return relative(projectRoot, path).split(sep).join('/');
}
