/**
 * Removes credentials and secrets from any text that leaves the pipeline
 * (status files, CLI output, logs, the admin page): userinfo in URLs, token
 * query parameters, bearer tokens, sk-... keys, and the exact values the run
 * was configured with. Pure and dependency-free, so the site may import it too.
 */

const REDACTED = '[redacted]';

/** Query parameters whose values are credentials wherever they appear. */
const SECRET_PARAMS =
  'api[-_]?key|apikey|key|token|access[-_]?token|refresh[-_]?token|id[-_]?token|auth|authorization|sig|signature|secret|client[-_]?secret|password|passwd|pwd|x-amz-signature|x-amz-credential|x-amz-security-token';

const PATTERNS: [RegExp, string][] = [
  // scheme://user:password@host → scheme://[redacted]@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi, `$1${REDACTED}@`],
  [new RegExp(`([?&;#](?:${SECRET_PARAMS})=)[^&\\s#"'<>]+`, 'gi'), `$1${REDACTED}`],
  [/\b(bearer|basic)(\s+)[A-Za-z0-9._~+/=-]{6,}/gi, `$1$2${REDACTED}`],
  // OpenAI-style keys (sk-..., sk-proj-...), however they were configured.
  [/\bsk-[A-Za-z0-9_-]{8,}/g, `sk-${REDACTED}`],
  [/\b((?:api[-_]?key|token|secret|password)["']?\s*[:=]\s*["']?)(?!\[redacted\])[^\s"',;&]{6,}/gi, `$1${REDACTED}`],
];

export interface RedactionSources {
  /** Exact secret values (an API key). */
  secrets?: readonly (string | undefined)[] | undefined;
  /** Configured URLs: their userinfo and query values are secrets, wherever they show up. */
  urls?: readonly (string | undefined)[] | undefined;
  /** The project folder: absolute paths inside it are shown relative to it. */
  root?: string | undefined;
}

/** The secret parts of a URL (user, password, every query value), as written and percent-decoded. */
function urlSecrets(raw: string): string[] {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [];
  }
  const parts = [url.username, url.password, ...url.searchParams.values()];
  return parts.flatMap((p) => [p, safeDecode(p), encodeURIComponent(safeDecode(p))]);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A redactor for the generic patterns plus the values this run was configured with. */
export function createRedactor(sources: RedactionSources = {}): (text: string) => string {
  const exact = [...new Set([...(sources.secrets ?? []), ...(sources.urls ?? []).flatMap((u) => (u ? urlSecrets(u) : []))])]
    .filter((s): s is string => typeof s === 'string' && s.trim().length >= 4)
    .sort((a, b) => b.length - a.length);
  const exactPattern = exact.length ? new RegExp(exact.map(escapeRegExp).join('|'), 'g') : undefined;
  const root = sources.root?.replace(/[\\/]+$/, '');
  const rootPattern = root && root.length > 1 ? new RegExp(`${escapeRegExp(root)}(?:[\\\\/]|(?![^\\s"'):;,]))`, 'g') : undefined;
  return (text: string) => {
    let out = exactPattern ? text.replace(exactPattern, REDACTED) : text;
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return rootPattern ? out.replace(rootPattern, (match) => (match === root ? '.' : '')) : out;
  };
}

/** The environment variables whose values are secrets or may hold them. */
export const SECRET_ENV = ['OPENAI_API_KEY'] as const;
export const URL_ENV = ['OPENAI_BASE_URL', 'NOTES_GENERATION_ENDPOINT', 'QUIZ_GENERATION_ENDPOINT'] as const;

/** A redactor for the generic patterns and the secrets in this environment. */
export function redactorFromEnv(env: Record<string, string | undefined>, extra: RedactionSources = {}): (text: string) => string {
  return createRedactor({
    secrets: [...SECRET_ENV.map((name) => env[name]?.trim()), ...(extra.secrets ?? [])],
    urls: [...URL_ENV.map((name) => env[name]?.trim()), ...(extra.urls ?? [])],
    root: extra.root,
  });
}

/** Generic patterns only (no configured values): for text read back from files. */
export const redact = createRedactor();
