/**
 * Honest model failures: OpenAI's own error answers (tests/fixtures/pipeline/
 * openai-errors) replayed by the local server, each checked by the message the
 * instructor reads and by how many requests reached the server.
 */
import { readFileSync, rmSync } from 'node:fs';
import { APIConnectionError } from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readContent } from '../../../src/lib/content-files.ts';
import { validateContent } from '../../../src/lib/validate-content.ts';
import { readVideoStatus, videoStatusFile } from '../../../src/lib/generated-files.ts';
import { resolveConfig, type PipelineConfig } from '../../../scripts/pipeline/config.ts';
import { createMaterialWriter } from '../../../scripts/pipeline/material-writer.ts';
import { classifyApiError, createOpenAIGenerator } from '../../../scripts/pipeline/openai-provider.ts';
import { processPendingVideos } from '../../../scripts/pipeline/process-videos.ts';
import { openAIErrorReply, startOpenAIServer, transcriptOf, validBehaviour, type LocalOpenAI } from './helpers/openai-server.ts';
import { tempProject } from './helpers/temp-content.ts';

const ID = 'IHZwWFHWa-w';
let server: LocalOpenAI;
let root: string;

beforeEach(async () => {
  server = await startOpenAIServer();
  root = tempProject([{ id: ID, caption: `${ID}.srt`, title: 'Gradient descent' }]);
});
afterEach(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

function config(env: Record<string, string> = {}, overrides: Partial<PipelineConfig> = {}): PipelineConfig {
  const base = resolveConfig(root, { OPENAI_API_KEY: 'sk-test-secret-key', OPENAI_BASE_URL: server.baseURL, LEARNSPACE_MAX_RETRIES: '2', ...env });
  return { ...base, noYoutube: true, ...overrides };
}

async function run(cfg: PipelineConfig) {
  return processPendingVideos({
    root,
    videos: validateContent(readContent(root)).videos,
    config: cfg,
    generator: createOpenAIGenerator(cfg),
    source: null,
    writer: createMaterialWriter(root),
  });
}

const error = () => {
  const s = readVideoStatus(ID, root);
  if (!s.ok) throw new Error(s.error);
  return s.value.error ?? '';
};
const statusFileText = () => readFileSync(videoStatusFile(ID, root), 'utf8');

describe('errors the model server answers with', () => {
  it('says an exhausted quota is a billing problem and never retries it', async () => {
    server.behaviour = () => openAIErrorReply('insufficient-quota');
    await run(config());
    expect(server.requests).toHaveLength(1);
    expect(error()).toMatch(
      /^notes generation: the account at http:\/\/127\.0\.0\.1:\d+\/v1 has run out of quota \(429 insufficient_quota: "You exceeded your current quota, please check your plan and billing details\..*"\)\. This is billing, not a rate limit, so it was not retried: check the plan and billing details of the account behind OPENAI_API_KEY$/,
    );
  });

  it('keeps the server\'s own "try again in 20s" and its Retry-After in a rate-limit failure', async () => {
    server.behaviour = () => openAIErrorReply('rate-limit-tokens');
    await run(config({ LEARNSPACE_MAX_RETRIES: '0' }));
    expect(server.requests).toHaveLength(1);
    expect(error()).toMatch(
      /^notes generation was rate limited by http:\/\/127\.0\.0\.1:\d+\/v1 \(429, 1 attempt, the server asks to wait 20 s\): "Rate limit reached for gpt-5-mini .*Please try again in 20s\./,
    );
    expect(error()).toMatch(/; lower LEARNSPACE_CONCURRENCY or try again later$/);
  });

  it('waits as long as the message says when there is no Retry-After header, then succeeds', async () => {
    server.behaviour = (request, n) =>
      n === 1
        ? {
            kind: 'status',
            status: 429,
            body: {
              error: {
                message: 'Rate limit reached for gpt-5-mini on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 700ms.',
                type: 'requests',
                param: null,
                code: 'rate_limit_exceeded',
              },
            },
          }
        : validBehaviour(request, n);
    const started = Date.now();
    await run(config());
    expect(Date.now() - started).toBeGreaterThanOrEqual(650);
    expect(readVideoStatus(ID, root)).toMatchObject({ ok: true, value: { status: 'completed' } });
  });

  it('does not sit out a wait longer than a minute: fails at once and says how long', async () => {
    server.behaviour = () => openAIErrorReply('rate-limit-tokens', { 'retry-after': '3600' });
    const started = Date.now();
    await run(config());
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(1);
    expect(error()).toContain('(429, 1 attempt, the server asks to wait 3600 s)');
  });

  it('splits the transcript when a request is too large for the tokens-per-minute limit, never resending it as is', async () => {
    let largest = 0;
    server.behaviour = (request, n) => {
      const lines = transcriptOf(request).split('\n').length;
      if (n === 1) largest = lines;
      return lines === largest && request.schemaName === 'study_notes' ? openAIErrorReply('request-too-large') : validBehaviour(request, n);
    };
    await run(config());
    expect(readVideoStatus(ID, root)).toMatchObject({ ok: true, value: { status: 'completed' } });
    const notesCalls = server.requests.filter((r) => r.schemaName === 'study_notes');
    // The whole transcript once, its two halves, then the merge (which carries no transcript).
    expect(notesCalls.map((r) => transcriptOf(r).split('\n').length)).toEqual([largest, Math.ceil(largest / 2), Math.floor(largest / 2), 1]);
    expect(notesCalls[1]!.body.messages[1]!.content).toContain('This is one part of a longer lecture, from 0:01 to ');
    expect(notesCalls[3]!.body.messages[1]!.content).toContain('<partial_notes>');
  });

  it('splits on context_length_exceeded, and when splitting cannot help names the setting to lower', async () => {
    server.behaviour = () => openAIErrorReply('context-length-exceeded');
    await run(config({ LEARNSPACE_TOKEN_BUDGET: '6000' }));
    // The whole transcript, then halves of halves: three splits at most, never one request per caption line.
    expect(server.requests).toHaveLength(4);
    expect(error()).toMatch(
      /^notes: the request is too large for gpt-5-mini at http:\/\/127\.0\.0\.1:\d+\/v1 \(400 context_length_exceeded: "This model's maximum context length is 8192 tokens\..*"\), even with the transcript split 3 times; lower LEARNSPACE_TOKEN_BUDGET \(now 6000\) or use a model with a longer context$/,
    );
  });

  it('splits a quiz too large for one call into parts, and an answer cut off by its length too', async () => {
    server.behaviour = (request, n) => {
      if (request.schemaName === 'video_quiz') return openAIErrorReply('context-length-exceeded');
      if (request.schemaName === 'video_quiz_part' && n === 3) return { kind: 'raw', content: '{"questions": [{"prompt": "What', finishReason: 'length' };
      return validBehaviour(request, n);
    };
    await run(config());
    expect(readVideoStatus(ID, root)).toMatchObject({ ok: true, value: { status: 'completed' } });
    const quizCalls = server.requests.filter((r) => r.schemaName !== 'study_notes').map((r) => `${r.schemaName}:${transcriptOf(r).split('\n').length}`);
    const whole = Number(quizCalls[0]!.split(':')[1]);
    const half = Math.ceil(whole / 2);
    // The whole transcript, its first half (cut off), that half's halves, then the second half.
    expect(quizCalls).toEqual([
      `video_quiz:${whole}`,
      `video_quiz_part:${half}`,
      `video_quiz_part:${Math.ceil(half / 2)}`,
      `video_quiz_part:${Math.floor(half / 2)}`,
      `video_quiz_part:${whole - half}`,
    ]);
  });

  it('masks organisation ids the server names in a rate-limit message', async () => {
    server.behaviour = () => openAIErrorReply('rate-limit-tokens');
    await run(config({ LEARNSPACE_MAX_RETRIES: '0' }));
    expect(error()).toContain('Rate limit reached for gpt-5-mini in organization org-… on tokens per min');
  });

  it('does not retry a rejected key (401)', async () => {
    server.behaviour = () => openAIErrorReply('invalid-api-key');
    await run(config());
    expect(server.requests).toHaveLength(1);
    expect(error()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1 rejected the API key for notes generation \(401\); check OPENAI_API_KEY$/);
    expect(statusFileText()).not.toContain('sk-test-secret-key');
  });

  it('does not retry a refusal (403) and says what to check', async () => {
    server.behaviour = () => openAIErrorReply('unsupported-region');
    await run(config());
    expect(server.requests).toHaveLength(1);
    expect(error()).toMatch(
      /refused notes generation \(403 unsupported_country_region_territory: "Country, region, or territory not supported"\); check that the key's project may use model "gpt-5-mini" \(LEARNSPACE_NOTES_MODEL\)$/,
    );
  });

  it('does not retry a model that does not exist (404) and names the setting', async () => {
    server.behaviour = () => openAIErrorReply('model-not-found');
    await run(config({ LEARNSPACE_NOTES_MODEL: 'gpt-5-mni' }));
    expect(server.requests).toHaveLength(1);
    expect(error()).toMatch(
      /^model "gpt-5-mni" does not exist at http:\/\/127\.0\.0\.1:\d+\/v1 or the key has no access to it \(404 model_not_found\) for notes generation; check LEARNSPACE_NOTES_MODEL$/,
    );
  });

  it('does not retry a base URL without the API behind it (Ollama without /v1)', async () => {
    const withoutV1 = server.baseURL.replace(/\/v1$/, '');
    await run(config({ OPENAI_BASE_URL: withoutV1 }));
    expect(server.hits).toBe(1);
    expect(error()).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+ has no chat completions API \(404 for http:\/\/127\.0\.0\.1:\d+\/chat\/completions\) for notes generation; check NOTES_GENERATION_ENDPOINT or OPENAI_BASE_URL \(OpenAI-compatible servers usually end in \/v1\)$/,
    );
  });
});

describe('servers that cannot be reached', () => {
  it('retries a refused connection, which a starting server may give', async () => {
    const gone = await startOpenAIServer();
    await gone.close();
    await run(config({ OPENAI_BASE_URL: gone.baseURL, LEARNSPACE_MAX_RETRIES: '1' }));
    expect(error()).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+\/v1 for notes generation \(2 attempts\): connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
  });

  it('does not retry a port fetch refuses to call', async () => {
    await run(config({ OPENAI_BASE_URL: 'http://127.0.0.1:1/v1', LEARNSPACE_MAX_RETRIES: '2' }));
    expect(error()).toBe('cannot use http://127.0.0.1:1/v1 for notes generation: bad port; check NOTES_GENERATION_ENDPOINT or OPENAI_BASE_URL');
  });

  it('does not retry a host name that does not resolve', () => {
    // What openai-node throws for undici's DNS failure: fetch's TypeError with the resolver's error as its cause.
    const dns = new APIConnectionError({
      cause: new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND llm.internal'), { code: 'ENOTFOUND' }) }),
    });
    const refused = new APIConnectionError({
      cause: new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) }),
    });
    expect(classifyApiError(dns)).toBe('bad-endpoint');
    expect(classifyApiError(refused)).toBe('unreachable');
  });
});

describe('endpoint credentials in failure messages', () => {
  const MARKERS = ['USERMARKER', 'PASSMARKER', 'QUERYMARKER'];

  it('never shows the user, password or query token of an endpoint URL that fetch refuses', async () => {
    const url = server.baseURL.replace('http://', 'http://USERMARKER:PASSMARKER@') + '?api-key=QUERYMARKER';
    await run(config({ OPENAI_BASE_URL: url }));
    expect(server.hits).toBe(0);
    expect(error()).toMatch(
      /^cannot use http:\/\/127\.0\.0\.1:\d+\/v1 for notes generation: Request cannot be constructed from a URL that includes credentials: http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions; check NOTES_GENERATION_ENDPOINT or OPENAI_BASE_URL$/,
    );
    for (const marker of MARKERS) expect(statusFileText()).not.toContain(marker);
  });

  it('never shows a query token, even when the server quotes the URL it was called with', async () => {
    server.behaviour = (request) => ({
      kind: 'status',
      status: 502,
      body: { error: { message: `upstream failed for ${request.url} (api-key=QUERYMARKER)`, type: 'server_error' } },
    });
    await run(config({ OPENAI_BASE_URL: `${server.baseURL}?api-key=QUERYMARKER`, LEARNSPACE_MAX_RETRIES: '0' }));
    // The token still reached the server: only the message is cleaned.
    expect(server.requests[0]!.url).toBe('/v1/chat/completions?api-key=QUERYMARKER');
    expect(error()).toMatch(
      /^notes generation failed at http:\/\/127\.0\.0\.1:\d+\/v1 \(502, 1 attempt\): 502 upstream failed for \/v1\/chat\/completions\?\*\*\* \(\*\*\*\)$/,
    );
    for (const marker of MARKERS) expect(statusFileText()).not.toContain(marker);
  });
});

describe('tokens counted by the model family', () => {
  // 13,000 characters of Chinese in 4-second caption lines.
  const sentence = '梯度下降是一种优化算法，它沿着代价函数下降最快的方向逐步调整网络的权重和偏置。';
  const segments = Array.from({ length: Math.ceil(13_000 / sentence.length) }, (_, i) => ({ startMs: i * 4000, endMs: i * 4000 + 3900, text: sentence }));

  it('chunks a Chinese transcript by real tokens for an OpenAI model, where characters/4 would send it whole', async () => {
    const generator = createOpenAIGenerator(config({ LEARNSPACE_TOKEN_BUDGET: '6000' }));
    await generator.generateNotes({ youtubeVideoId: ID, title: '梯度下降', segments, language: 'zh' });
    const parts = server.requests.filter((r) => r.body.messages[1]!.content.includes('<transcript>'));
    // 13,000 characters are about 10,000 o200k tokens, not 3,250: two parts and a merge.
    expect(parts.length).toBe(2);
    expect(server.requests[0]!.body.messages[0]!.content).toContain('in Chinese, the language of the transcript');
  });

  it('counts conservatively for a model without a known tokenizer', async () => {
    const local = { baseURL: server.baseURL, model: 'qwen2.5:7b' };
    const generator = createOpenAIGenerator(config({ LEARNSPACE_TOKEN_BUDGET: '6000' }, { notes: local, quiz: local }));
    await generator.generateNotes({ youtubeVideoId: ID, title: '梯度下降', segments, language: 'zh' });
    const parts = server.requests.filter((r) => r.body.messages[1]!.content.includes('<transcript>'));
    // Estimated at 1.5 tokens a character: about 19,500 tokens, four parts.
    expect(parts.length).toBe(4);
  });
});
