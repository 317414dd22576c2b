import { readFileSync, rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readContent } from '../../../src/lib/content-files.ts';
import { validateContent } from '../../../src/lib/validate-content.ts';
import { materialFiles, readVideoResult, readVideoStatus, videoMaterialFile } from '../../../src/lib/video-cache.ts';
import { resolveConfig, type PipelineConfig } from '../../../scripts/pipeline/config.ts';
import { createMaterialWriter } from '../../../scripts/pipeline/material-writer.ts';
import { createOpenAIGenerator } from '../../../scripts/pipeline/openai-provider.ts';
import { processPendingVideos } from '../../../scripts/pipeline/process-videos.ts';
import { createYouTubeSource } from '../../../scripts/pipeline/youtube.ts';
import { sampleNotes, sampleQuestion, startOpenAIServer, validBehaviour, type LocalOpenAI } from './helpers/openai-server.ts';
import { replayFetch } from './helpers/replay-fetch.ts';
import { tempProject } from './helpers/temp-content.ts';

let server: LocalOpenAI;
let root: string;

beforeEach(async () => {
  server = await startOpenAIServer();
  root = tempProject([{ id: 'IHZwWFHWa-w', caption: 'IHZwWFHWa-w.srt', title: 'Gradient descent' }]);
});
afterEach(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

function config(overrides: Partial<PipelineConfig> = {}): PipelineConfig {
  const base = resolveConfig(root, { OPENAI_API_KEY: 'sk-test-secret-key', OPENAI_BASE_URL: server.baseURL, LEARNSPACE_MAX_RETRIES: '0' });
  return { ...base, noYoutube: true, ...overrides };
}

async function run(cfg: PipelineConfig, extra: { force?: boolean; youtube?: boolean } = {}) {
  const videos = validateContent(readContent(root)).videos;
  return processPendingVideos({
    root,
    videos,
    config: cfg,
    generator: createOpenAIGenerator(cfg),
    source: extra.youtube ? createYouTubeSource({ fetch: replayFetch().fetch }) : null,
    writer: createMaterialWriter(root),
    force: extra.force,
  });
}

const status = (id = 'IHZwWFHWa-w') => {
  const s = readVideoStatus(id, root);
  if (!s.ok) throw new Error(s.error);
  return s.value;
};

describe('generation through an OpenAI-compatible server', () => {
  it('writes validated notes and quiz and marks the video completed', async () => {
    const report = await run(config());
    expect(report.outcomes).toMatchObject([{ id: 'IHZwWFHWa-w', status: 'completed', attempts: 1 }]);
    expect(status()).toMatchObject({ status: 'completed', attempts: 1 });
    const result = readVideoResult('IHZwWFHWa-w', root);
    expect(result.ok && result.value.generator).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', promptVersion: 'v1' });
    expect(result.ok && result.value.transcript.source).toBe('file');
    expect(server.requests.map((r) => r.schemaName)).toEqual(['study_notes', 'video_quiz']);
    const first = server.requests[0]!;
    expect(first.authorization).toBe('Bearer sk-test-secret-key');
    expect(first.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'study_notes', strict: true } });
    expect(first.body.messages[1]!.content).toContain('[1500] Last video we laid out the structure');
  });

  it('costs nothing the second time: no model call for an unchanged completed video', async () => {
    await run(config());
    const before = server.requests.length;
    const report = await run(config());
    expect(report.outcomes).toEqual([]);
    expect(report.upToDate.map((p) => p.video.id)).toEqual(['IHZwWFHWa-w']);
    expect(server.requests.length).toBe(before);
  });

  it('regenerates when the model changes', async () => {
    await run(config());
    const report = await run({ ...config(), quiz: { baseURL: server.baseURL, model: 'llama3.1:8b' } });
    expect(report.outcomes).toMatchObject([{ status: 'completed', reason: 'inputs changed' }]);
    expect(server.requests.at(-1)!.model).toBe('llama3.1:8b');
  });

  it('fails with the reason when the model returns invalid JSON', async () => {
    server.behaviour = () => ({ kind: 'raw', content: 'Sure! Here are your notes: {"summary": ' });
    const report = await run(config());
    expect(report.outcomes[0]!.status).toBe('failed');
    expect(status()).toMatchObject({ status: 'failed', attempts: 1 });
    expect(status().error).toMatch(/^notes: the model returned invalid JSON \(.*\); starts with "Sure! Here are your notes/);
  });

  it('fails with the field path when the output does not match the schema (prompt injection cannot change the shape)', async () => {
    server.behaviour = (request) =>
      request.schemaName === 'study_notes' ? { kind: 'json', content: sampleNotes() } : { kind: 'json', content: { questions: [{ ...sampleQuestion(0), answer: 7 }], hacked: true } };
    await run(config());
    expect(status().error).toBe("quiz: the model's output does not match the schema: questions[0].answer: answer is not one of the choices; questions: expected at least 5 entries, got a list of 1");
  });

  it('keeps the last good notes when regeneration fails', async () => {
    await run(config());
    const notesFile = videoMaterialFile('IHZwWFHWa-w', materialFiles.notes, root);
    const good = readFileSync(notesFile, 'utf8');
    server.behaviour = () => ({ kind: 'status', status: 500 });
    await run(config(), { force: true });
    expect(readFileSync(notesFile, 'utf8')).toBe(good);
    expect(status()).toMatchObject({ status: 'failed', attempts: 2, servingPrevious: true });
  });

  it('retries server errors with backoff and counts them on the server', async () => {
    server.behaviour = () => ({ kind: 'status', status: 500 });
    await run(config({ maxRetries: 2 }));
    expect(server.requests).toHaveLength(3);
    expect(status().error).toMatch(/^notes generation failed at http:\/\/127\.0\.0\.1:\d+\/v1 \(500, 3 attempts\)/);
  });

  it('honours Retry-After on 429 and then succeeds', async () => {
    server.behaviour = (request, n) => (n === 1 ? { kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'Rate limit reached', type: 'requests' } } } : validBehaviour(request, n));
    const started = Date.now();
    await run(config({ maxRetries: 2 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(status().status).toBe('completed');
    expect(server.requests.map((r) => r.schemaName)).toEqual(['study_notes', 'study_notes', 'video_quiz']);
  });

  it('reports a rate limit that outlasts the retries as an actionable failure', async () => {
    server.behaviour = () => ({ kind: 'status', status: 429, headers: { 'retry-after-ms': '10' } });
    await run(config({ maxRetries: 1 }));
    expect(server.requests).toHaveLength(2);
    expect(status().error).toMatch(/rate limited by .* \(429, 2 attempts\); lower LEARNSPACE_CONCURRENCY/);
  });

  it('times out a hanging server', async () => {
    server.behaviour = () => ({ kind: 'hang' });
    await run(config({ timeoutMs: 300 }));
    expect(status().error).toMatch(/^notes generation timed out after 300 ms \(1 attempt\) .*LEARNSPACE_TIMEOUT_MS/);
  });

  it('never writes the API key into a status file', async () => {
    server.behaviour = () => ({ kind: 'status', status: 401, body: { error: { message: 'Incorrect API key provided: sk-test-secret-key', type: 'invalid_request_error' } } });
    await run(config());
    expect(status().error).toMatch(/rejected the API key .* check OPENAI_API_KEY/);
    expect(readFileSync(`${root}/content/generated/videos/IHZwWFHWa-w/status.json`, 'utf8')).not.toContain('sk-test-secret-key');
  });

  it('map-reduces a transcript longer than the token budget', async () => {
    server.behaviour = (request, n) => (request.schemaName === 'study_notes' ? { kind: 'json', content: sampleNotes(n * 10_000) } : validBehaviour(request, n));
    await run(config({ tokenBudget: 400 }));
    const names = server.requests.map((r) => r.schemaName);
    const parts = names.filter((n) => n === 'video_quiz_part').length;
    expect(parts).toBeGreaterThan(1);
    // One notes call per chunk plus the merge.
    expect(names.filter((n) => n === 'study_notes')).toHaveLength(parts + 1);
    expect(server.requests.at(-1)!.body.messages[1]!.content).toContain('Part ');
    const result = readVideoResult('IHZwWFHWa-w', root);
    expect(result.ok && result.value.quiz.questions.length).toBe(Math.min(10, parts * 3));
  });

  it('uses per-task endpoints for notes and quiz', async () => {
    const quizServer = await startOpenAIServer();
    try {
      const cfg = resolveConfig(root, { NOTES_GENERATION_ENDPOINT: server.baseURL, QUIZ_GENERATION_ENDPOINT: quizServer.baseURL, LEARNSPACE_QUIZ_MODEL: 'qwen2.5' });
      expect(cfg.provider).toBe('openai');
      await run({ ...cfg, noYoutube: true });
      expect(server.requests.map((r) => r.schemaName)).toEqual(['study_notes']);
      expect(quizServer.requests.map((r) => [r.schemaName, r.model])).toEqual([['video_quiz', 'qwen2.5']]);
    } finally {
      await quizServer.close();
    }
  });

  it('one failing video never stops the others, and YouTube transcripts come through the adapter', async () => {
    rmSync(root, { recursive: true, force: true });
    root = tempProject([{ id: 'aircAruvnKk' }, { id: 'noCaption01' }, { id: 'IHZwWFHWa-w', caption: 'IHZwWFHWa-w.srt' }]);
    const report = await run(config({ noYoutube: false }), { youtube: true });
    const byId = Object.fromEntries(report.outcomes.map((o) => [o.id, o]));
    expect(byId['aircAruvnKk']).toMatchObject({ status: 'completed' });
    expect(byId['IHZwWFHWa-w']).toMatchObject({ status: 'completed' });
    expect(status('noCaption01')).toMatchObject({ status: 'failed', error: 'no captions in en; commit content/videos/noCaption01.vtt (or .srt/.txt) with the transcript' });
    const yt = readVideoResult('aircAruvnKk', root);
    expect(yt.ok && yt.value.meta.channel).toBe('3Blue1Brown');
    expect(yt.ok && yt.value.transcript.source).toBe('youtube');
  });
});
