import { describe, expect, it } from 'vitest';
import { displayEndpoint, redactEndpointSecrets } from '../../../scripts/pipeline/endpoint-url.ts';

const ENDPOINT = 'http://USERMARKER:PASSMARKER@llm.internal:8000/v1?api-key=QUERYMARKER&api-version=2024-10-21#FRAGMARKER';
const MARKERS = ['USERMARKER', 'PASSMARKER', 'QUERYMARKER', 'FRAGMARKER'];

describe('endpoint URLs shown in messages', () => {
  it('shows scheme, host, port and path only', () => {
    expect(displayEndpoint(ENDPOINT)).toBe('http://llm.internal:8000/v1');
    expect(displayEndpoint('https://api.openai.com/v1/')).toBe('https://api.openai.com/v1');
    expect(displayEndpoint('not a url with SECRETMARKER')).toBe('(an unparseable endpoint URL)');
  });

  it('cleans every place a library error quotes the URL, raw or percent-encoded', () => {
    const quoted = [
      `Request cannot be constructed from a URL that includes credentials: http://USERMARKER:PASSMARKER@llm.internal:8000/v1/chat/completions?api-key=QUERYMARKER&api-version=2024-10-21`,
      `proxy said: bad token "QUERYMARKER" for user USERMARKER`,
      `redirected to https://USERMARKER%3Ax:PASSMARKER@other.host/path#FRAGMARKER, giving up`,
    ].join('\n');
    const clean = redactEndpointSecrets(quoted, [ENDPOINT], ['sk-live-KEYMARKER']);
    for (const marker of MARKERS) expect(clean).not.toContain(marker);
    expect(clean).toContain('credentials: http://llm.internal:8000/v1/chat/completions\n');
    expect(clean).toContain('bad token "***" for user ***');
    expect(clean).toContain('redirected to https://other.host/path, giving up');
  });

  it('masks the API key wherever it appears', () => {
    expect(redactEndpointSecrets('Incorrect API key provided: sk-live-KEYMARKER.', [undefined], ['sk-live-KEYMARKER'])).toBe(
      'Incorrect API key provided: ***.',
    );
  });
});
