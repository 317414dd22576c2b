/** Redaction of credentials from pipeline text, on messages shaped like the ones real failures produce. */
import { describe, expect, it } from 'vitest';
import { createRedactor, redact, redactorFromEnv } from '../../../src/lib/redact.ts';

const key = ['sk', 'proj', 'Zx9aQ2lmN0pRstUv'].join('-');

describe('redaction', () => {
  it('removes userinfo and token query values from URLs in error text', () => {
    const text = 'Connection error: request to http://alice:hunter2pass@llm.internal:8000/v1/chat/completions?api-key=abc123def&model=x failed';
    const out = redact(text);
    expect(out).not.toContain('alice');
    expect(out).not.toContain('hunter2pass');
    expect(out).not.toContain('abc123def');
    expect(out).toContain('http://[redacted]@llm.internal:8000/v1/chat/completions?api-key=[redacted]&model=x');
  });

  it.each([
    ['https://host/v1?key=AIzaSyA1b2c3', 'AIzaSyA1b2c3'],
    ['https://host/v1?token=tok_live_9f8e7d', 'tok_live_9f8e7d'],
    ['https://blob.example/x?sv=2024&sig=Zm9vYmFyYmF6', 'Zm9vYmFyYmF6'],
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload', 'eyJhbGciOiJIUzI1NiJ9'],
    [`401 Incorrect API key provided: ${key}`, key],
  ])('removes the secret from %s', (text, secret) => {
    expect(redact(text)).not.toContain(secret);
  });

  it('removes the configured key and every configured URL secret even where no pattern would catch them', () => {
    const env = { OPENAI_API_KEY: 'plainkeyvalue42', OPENAI_BASE_URL: 'http://u:p4ssw0rd@10.0.0.5/v1?deployment=prodsecret9' };
    const redactor = redactorFromEnv(env);
    const out = redactor('model said plainkeyvalue42 and p4ssw0rd and prodsecret9 (decoded p4ssw0rd)');
    expect(out).not.toMatch(/plainkeyvalue42|p4ssw0rd|prodsecret9/);
  });

  it('shows paths inside the project relative to it', () => {
    const redactor = createRedactor({ root: '/home/ci/work/course-site' });
    expect(redactor('cannot read /home/ci/work/course-site/content/generated/videos/x.json (EACCES)')).toBe(
      'cannot read content/generated/videos/x.json (EACCES)',
    );
    expect(redactor('/home/ci/work/course-site-2/a')).toBe('/home/ci/work/course-site-2/a');
  });

  it('leaves ordinary messages alone', () => {
    const text = 'no captions in en; commit content/videos/aircAruvnKk.vtt (or .srt/.txt) with the transcript';
    expect(redact(text)).toBe(text);
  });
});
