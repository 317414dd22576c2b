import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readContent } from '../../../src/lib/content-files.ts';
import { validateContent } from '../../../src/lib/validate-content.ts';
import { materialFiles, readVideoResult, readVideoStatus, videoMaterialFile } from '../../../src/lib/generated-files.ts';
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
    expect(result.ok && result.value.generator).toMatchObject({ provider: 'openai', model: 'gpt-5-mini', promptVersion: 'v3' });
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

  it('fails with the reason when the model returns invalid JSON twice', async () => {
    server.behaviour = () => ({ kind: 'raw', content: 'Sure! Here are your notes: {"summary": ' });
    const report = await run(config());
    expect(report.outcomes[0]!.status).toBe('failed');
    expect(status()).toMatchObject({ status: 'failed', attempts: 1 });
    expect(server.requests.map((r) => r.schemaName)).toEqual(['study_notes', 'study_notes']);
    expect(status().error).toMatch(/^notes: the model returned invalid JSON \(.*\); starts with "Sure! Here are your notes.*\(asked twice\)$/);
  });

  it('asks again with a fresh call when an answer is garbage once, then keeps the good one', async () => {
    server.behaviour = (request, n) => (n === 1 ? { kind: 'raw', content: '```json\n{"summary": "Notes' } : validBehaviour(request, n));
    const report = await run(config());
    expect(report.outcomes).toMatchObject([{ status: 'completed' }]);
    expect(server.requests.map((r) => r.schemaName)).toEqual(['study_notes', 'study_notes', 'video_quiz']);
    const result = readVideoResult('IHZwWFHWa-w', root);
    expect(result.ok && result.value.notes.glossary[0]!.term).toBe('activation');
  });

  it('asks again when an answer is off-schema once (a question without its kind)', async () => {
    server.behaviour = (request, n) =>
      request.schemaName === 'video_quiz' && n === 2
        ? { kind: 'json', content: { questions: Array.from({ length: 6 }, (_, i) => ({ ...sampleQuestion(i), kind: undefined })) } }
        : validBehaviour(request, n);
    await run(config());
    expect(status().status).toBe('completed');
    expect(server.requests.map((r) => r.schemaName)).toEqual(['study_notes', 'video_quiz', 'video_quiz']);
  });

  it('fails with the field path when the output does not match the schema (prompt injection cannot change the shape)', async () => {
    server.behaviour = (request) =>
      request.schemaName === 'study_notes'
        ? { kind: 'json', content: sampleNotes() }
        : { kind: 'json', content: { questions: [{ ...sampleQuestion(0), answer: 7 }], hacked: true } };
    await run(config());
    expect(status().error).toBe(
      "quiz: the model's output does not match the schema: questions[0].answer: answer is not one of the choices; questions: expected at least 5 entries, got a list of 1 (asked twice)",
    );
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
    server.behaviour = (request, n) =>
      n === 1
        ? { kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'Rate limit reached', type: 'requests' } } }
        : validBehaviour(request, n);
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
    expect(status().error).toMatch(
      /rate limited by http:\/\/127\.0\.0\.1:\d+\/v1 \(429, 2 attempts, the server asks to wait 1 s\): "status 429"; lower LEARNSPACE_CONCURRENCY/,
    );
  });

  it('times out a hanging server', async () => {
    server.behaviour = () => ({ kind: 'hang' });
    await run(config({ timeoutMs: 300 }));
    expect(status().error).toMatch(/^notes generation timed out after 300 ms \(1 attempt\) .*LEARNSPACE_TIMEOUT_MS/);
  });

  it('never writes the API key into a status file', async () => {
    server.behaviour = () => ({
      kind: 'status',
      status: 401,
      body: { error: { message: 'Incorrect API key provided: sk-test-secret-key', type: 'invalid_request_error' } },
    });
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
    expect(server.requests.at(-1)!.body.messages[1]!.content).toContain('This is one part of a longer lecture, from ');
    const result = readVideoResult('IHZwWFHWa-w', root);
    expect(result.ok && result.value.quiz.questions.length).toBe(Math.min(10, parts * 3));
  });

  it("asks for sections by the lecture's chapters, a glossary and the question mix, in the transcript's language", async () => {
    appendFileSync(
      `${root}/content/videos/IHZwWFHWa-w.yaml`,
      'languages: [de]\nchapters:\n  - { title: Wie ein Netz lernt, startMs: 0 }\n  - { title: Die Kostenfunktion, startMs: 60000 }\n',
    );
    await run(config());
    const [notes, quiz] = server.requests;
    expect(notes!.body.messages[0]!.content).toContain('in German, the language of the transcript');
    expect(notes!.body.messages[0]!.content).toContain('write exactly one section per chapter, in order, with the chapter title as the section title');
    expect(notes!.body.messages[0]!.content).toContain('glossary: each key concept the lecture defines');
    expect(notes!.body.messages[1]!.content).toContain('<chapters>\n[0] Wie ein Netz lernt\n[60000] Die Kostenfunktion\n</chapters>');
    expect(quiz!.body.messages[0]!.content).toMatch(/definition: .*\n- term: .*\n- statement: .*\n- concept: .*\n- cloze: .*at most a third/);
    expect(quiz!.body.messages[0]!.content).toContain('the wrong choices are the same kind of thing as the right one and of similar length');
    // The quiz is told the concepts the notes found, so its answers are key concepts.
    expect(quiz!.body.messages[1]!.content).toContain('Key concepts from the study notes: activation; neuron; layer');
  });

  it('sends a reasoning model max_completion_tokens and no temperature, other models a temperature', async () => {
    await run(config());
    expect(server.requests[0]!.model).toBe('gpt-5-mini');
    expect(server.requests[0]!.body.max_completion_tokens).toBe(16_000);
    expect(server.requests[0]!.body).not.toHaveProperty('temperature');
    const local = { baseURL: server.baseURL, model: 'llama3.1:8b' };
    await run({ ...config(), notes: local, quiz: local }, { force: true });
    expect(server.requests.at(-1)!.body.temperature).toBe(0.2);
    expect(server.requests.at(-1)!.body).not.toHaveProperty('max_completion_tokens');
  });

  it('uses per-task endpoints for notes and quiz', async () => {
    const quizServer = await startOpenAIServer();
    try {
      const cfg = resolveConfig(root, {
        NOTES_GENERATION_ENDPOINT: server.baseURL,
        QUIZ_GENERATION_ENDPOINT: quizServer.baseURL,
        LEARNSPACE_QUIZ_MODEL: 'qwen2.5',
      });
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
    expect(status('noCaption01')).toMatchObject({
      status: 'failed',
      error: 'no captions in en; commit content/videos/noCaption01.vtt (or .srt/.txt) with the transcript',
    });
    const yt = readVideoResult('aircAruvnKk', root);
    expect(yt.ok && yt.value.meta.channel).toBe('3Blue1Brown');
    expect(yt.ok && yt.value.transcript.source).toBe('youtube');
  });
});
