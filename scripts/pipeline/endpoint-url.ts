/**
 * Endpoint URLs as they may appear in messages: without the user, password,
 * query or fragment they can carry (`http://user:pw@host/v1?api-key=…` shows
 * as `http://host/v1`). The first line of defence before any error text is
 * written to a status file, a log or a page.
 */

/** An endpoint URL reduced to scheme, host, port and path. */
export function displayEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '(an unparseable endpoint URL)';
  }
}

/** The secret parts of an endpoint URL: user, password and every query value, raw and decoded. */
function urlSecrets(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [url];
  }
  const raw = [parsed.username, parsed.password, ...parsed.searchParams.values(), parsed.search.slice(1)];
  const decoded = raw.map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  return [...raw, ...decoded];
}

/**
 * Removes from a message every credential an endpoint URL carries and every
 * URL's userinfo and query, wherever the message (or a library's error inside
 * it) quotes them; `extraSecrets` (the API key) are masked too.
 */
export function redactEndpointSecrets(message: string, endpoints: readonly (string | undefined)[], extraSecrets: readonly (string | undefined)[] = []): string {
  let text = message
    // userinfo of any URL: scheme://user:password@host
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, '$1')
    // query and fragment of any URL, up to the punctuation that ends it in a sentence
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^\s?#"'<>]*)[?#][^\s"'<>;,)]*/gi, '$1');
  // Short values (a query flag "1") would mask ordinary words, and are no secret.
  const secrets = [...endpoints.flatMap((e) => (e ? urlSecrets(e) : [])), ...extraSecrets]
    .filter((s): s is string => typeof s === 'string' && s.length >= 4)
    .sort((a, b) => b.length - a.length);
  for (const secret of secrets) text = text.split(secret).join('***');
  return text;
}
