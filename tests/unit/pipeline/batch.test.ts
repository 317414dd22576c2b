// Batch mode end to end: `npm run videos -- process --batch` against a local server with OpenAI's Batch API.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleNotes, startOpenAIServer, validBehaviour, type LocalOpenAI } from './helpers/openai-server.ts';
import { tempProject } from './helpers/temp-content.ts';

const REPO = join(import.meta.dirname, '../../..');
const BIN = join(REPO, 'node_modules/.bin');
// Assembled at run time so nothing key-shaped sits in the source.
const KEY = ['sk', 'batchtest', Math.random().toString(36).slice(2)].join('-');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(root: string, args: string[], baseURL: string, extra: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OPENAI_|LEARNSPACE_|NOTES_GEN|QUIZ_GEN)/.test(k)));
  const child = spawn(process.execPath, [join(REPO, 'scripts/videos.ts'), ...args], {
    cwd: root,
    env: {
      ...clean,
      PATH: `${BIN}:${process.env.PATH}`,
      LEARNSPACE_CONTENT: 'content',
      LEARNSPACE_NO_YOUTUBE: '1',
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: baseURL,
      LEARNSPACE_MAX_RETRIES: '0',
      LEARNSPACE_BATCH_POLL_MS: '20',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return { child, done: new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr }))) };
}

let server: LocalOpenAI;
let root: string;
const run = (args: string[]) => cli(root, args, server.baseURL).done;
const IDS = ['aircAruvnKk', 'IHZwWFHWa-w'];
const gen = (...p: string[]) => join(root, 'content/generated/videos', ...p);
const statusOf = (id: string) =>
  JSON.parse(readFileSync(gen(id, 'status.json'), 'utf8')) as {
    status: string;
    attempts: number;
    error?: string;
    batch?: { id: string; task: string; submittedAt: string; earlier: { id: string }[] };
  };
const schemas = (requests: { schemaName: string }[]) => requests.map((r) => r.schemaName).sort();
/** Every generated file's text, to check no secret reached one. */
const generatedText = () =>
  IDS.filter((id) => existsSync(gen(id)))
    .flatMap((id) => readdirSync(gen(id)).map((f) => readFileSync(gen(id, f), 'utf8')))
    .join('\n');

beforeEach(async () => {
  server = await startOpenAIServer();
  root = tempProject([
    { id: 'aircAruvnKk', caption: 'aircAruvnKk.vtt', title: 'But what is a neural network?' },
    { id: 'IHZwWFHWa-w', caption: 'IHZwWFHWa-w.srt' },
  ]);
});
afterEach(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('videos process --batch', { timeout: 240_000 }, () => {
  it('sends the same requests as the synchronous path through two batches (notes, then quizzes) and writes the material', async () => {
    const result = await run(['process', '--batch']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/submitted batch batch_\w+ \(notes: 2 requests for 2 videos\)/);
    expect(result.stderr).toMatch(/submitted batch batch_\w+ \(quiz: 2 requests for 2 videos\)/);
    expect(result.stdout).toContain('videos: 2 processed, 0 failed');
    expect(server.requests).toHaveLength(0);
    expect(schemas(server.batchedRequests)).toEqual(['study_notes', 'study_notes', 'video_quiz', 'video_quiz']);
    expect([...server.batches.values()].map((b) => [b.endpoint, b.completion_window, b.status])).toEqual([
      ['/v1/chat/completions', '24h', 'completed'],
      ['/v1/chat/completions', '24h', 'completed'],
    ]);
    for (const id of IDS) {
      expect(statusOf(id)).toMatchObject({ status: 'completed', attempts: 1 });
      expect(statusOf(id).batch).toBeUndefined();
      expect(readFileSync(gen(id, 'notes.md'), 'utf8')).toContain(sampleNotes().summary);
    }
    expect(generatedText()).not.toContain(KEY);

    // The synchronous path on a fresh copy asks exactly the same things.
    const batched = server.batchedRequests.map((r) => JSON.stringify(r.body)).sort();
    rmSync(join(root, 'content/generated'), { recursive: true, force: true });
    expect((await run(['process'])).code).toBe(0);
    expect(server.requests.map((r) => JSON.stringify(r.body)).sort()).toEqual(batched);
  });

  it('runs a long transcript in rounds (all notes parts in one batch, then the merge, then the quiz parts), asking what the synchronous path asks', async () => {
    const budget = { LEARNSPACE_TOKEN_BUDGET: '700' };
    const result = await cli(root, ['process', '--batch'], server.baseURL, budget).done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('videos: 2 processed, 0 failed');
    const kinds = [...server.batches.values()].map((batch) => {
      const inBatch = server.batchedRequests.filter((r) => r.batchId === batch.id);
      return [
        ...new Set(
          inBatch.map((r) =>
            r.body.messages[0]?.content.startsWith('You merge')
              ? 'merge'
              : `${r.schemaName}${r.body.messages[1]?.content.includes('This is one part') ? ' part' : ''}`,
          ),
        ),
      ].join(', ');
    });
    // Round 1: the short lecture's notes and every part of the long one; round 2: the long one's merge and the short one's quiz (two batches, one per task); round 3: the long one's quiz parts.
    expect(kinds).toEqual(['study_notes, study_notes part', 'merge', 'video_quiz', 'video_quiz_part part']);
    const batched = server.batchedRequests.map((r) => JSON.stringify(r.body)).sort();
    rmSync(join(root, 'content/generated'), { recursive: true, force: true });
    expect((await cli(root, ['process'], server.baseURL, budget).done).code).toBe(0);
    expect(server.requests.map((r) => JSON.stringify(r.body)).sort()).toEqual(batched);
  });

  it('resumes after being killed: the next run collects the batch instead of submitting it again', async () => {
    server.batchFate = () => ({ kind: 'hold' });
    const first = cli(root, ['process', '--batch'], server.baseURL);
    // Killed once its batch is recorded in both status files.
    while (!IDS.every((id) => existsSync(gen(id, 'status.json')) && statusOf(id).batch)) await new Promise((r) => setTimeout(r, 50));
    first.child.kill('SIGKILL');
    await first.done;
    const batchId = statusOf(IDS[0]!).batch?.id;
    expect(IDS.map((id) => statusOf(id))).toMatchObject([
      { status: 'processing', batch: { id: batchId, task: 'notes' } },
      { status: 'processing', batch: { id: batchId, task: 'notes' } },
    ]);
    expect(server.batchCreations).toBe(1);

    // A run without --batch while it is still running leaves it alone and says so.
    const plain = await run(['process']);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain(`2 videos wait in batch ${batchId}; run \`npm run videos -- process --batch\` again to collect it`);
    expect(server.batchCreations).toBe(1);
    expect(server.requests).toHaveLength(0);

    server.batchFate = () => ({ kind: 'complete' });
    const resumed = await run(['process', '--batch']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('videos: 2 processed, 0 failed');
    // One more batch only: the quizzes, which need the collected notes.
    expect(server.batchCreations).toBe(2);
    expect(resumed.stderr).not.toMatch(/submitted batch \S+ \(notes/);
    expect(schemas(server.batchedRequests)).toEqual(['study_notes', 'study_notes', 'video_quiz', 'video_quiz']);
    for (const id of IDS) expect(statusOf(id)).toMatchObject({ status: 'completed', attempts: 1 });
  });

  it('--no-wait submits and exits; a later run collects', async () => {
    const submitted = await run(['process', '--batch', '--no-wait']);
    expect(submitted.code).toBe(0);
    expect(submitted.stderr).toMatch(/2 videos wait in batch batch_\w+; run `npm run videos -- process --batch` again to collect it/);
    expect(statusOf(IDS[1]!)).toMatchObject({ status: 'processing', batch: { task: 'notes' } });
    // The batch finishes while nobody waits (each poll moves the local server's batch one step).
    const finishAll = async () => {
      for (const id of server.batches.keys())
        for (let i = 0; i < 3; i++) await fetch(`${server.baseURL}/batches/${id}`, { headers: { authorization: `Bearer ${KEY}` } });
    };
    await finishAll();
    const second = await run(['process', '--batch', '--no-wait']);
    expect(second.stderr).toMatch(/\(quiz: 2 requests for 2 videos\)/);
    await finishAll();
    const third = await run(['process', '--batch', '--no-wait']);
    expect(third.stdout).toContain('videos: 2 processed, 0 failed');
    expect(server.batchCreations).toBe(2);
    for (const id of IDS) expect(statusOf(id)).toMatchObject({ status: 'completed' });
  });

  it('resubmits what an expired batch left unfinished, and says so', async () => {
    server.batchFate = (batch) => (server.batches.size === 1 && batch.request_counts.total === 2 ? { kind: 'expire', done: 1 } : { kind: 'complete' });
    const result = await run(['process', '--batch']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/batch batch_\w+ expired before finishing \(1 request unfinished\); they go into a new batch/);
    expect(result.stderr).toMatch(/\(notes: 1 request for 1 video\)/);
    expect(result.stdout).toContain('videos: 2 processed, 0 failed');
    expect(schemas(server.batchedRequests)).toEqual(['study_notes', 'study_notes', 'video_quiz', 'video_quiz']);
  });

  it('writes the videos that finished and marks the one whose request failed, with the same message as the synchronous path', async () => {
    server.behaviour = (request, count) =>
      lectureIs(request, 'But what is a neural network?')
        ? {
            kind: 'status',
            status: 400,
            body: {
              error: {
                message: "Invalid schema for response_format 'study_notes': context=(), 'additionalProperties' is required to be supplied and to be false.",
                type: 'invalid_request_error',
                param: 'response_format',
                code: null,
              },
            },
          }
        : validBehaviour(request, count);
    const result = await run(['process', '--batch']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('videos: 1 processed, 1 failed');
    expect(statusOf('IHZwWFHWa-w')).toMatchObject({ status: 'completed' });
    const failed = statusOf('aircAruvnKk');
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.error).toContain('notes generation failed at http://127.0.0.1:');
    expect(failed.error).toContain("(400): Invalid schema for response_format 'study_notes'");
    expect(failed.batch).toBeUndefined();
    expect(generatedText()).not.toContain(KEY);
  });

  it('asks on the normal path for an unreadable line or an off-schema answer', async () => {
    let damaged = '';
    server.outputLine = (line, customId) => {
      if (damaged || !customId.startsWith('aircAruvnKk:notes')) return line;
      damaged = customId;
      return line.slice(0, 80);
    };
    // Batched answers (no Authorization header) for the second video's quiz are off-schema; synchronous ones are fine.
    server.behaviour = (request, count) =>
      request.authorization === undefined && request.schemaName === 'video_quiz' && lectureIs(request, 'IHZwWFHWa-w')
        ? { kind: 'json', content: { questions: [{ prompt: 'no choices' }] } }
        : validBehaviour(request, count);
    const result = await run(['process', '--batch']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`videos: aircAruvnKk: batch batch_`);
    expect(result.stderr).toMatch(/returned an unreadable line for notes \(not valid JSON\); asking on the normal path/);
    expect(result.stdout).toContain('videos: 2 processed, 0 failed');
    expect(schemas(server.requests)).toEqual(['study_notes', 'video_quiz']);
    for (const id of IDS) expect(statusOf(id)).toMatchObject({ status: 'completed' });
  });

  it('falls back to the normal path, saying why, on a server without the Batch API', async () => {
    server.batchApi = false;
    const result = await run(['process', '--batch']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/videos: http:\/\/127\.0\.0\.1:\d+\/v1 has no Batch API \(404 on POST \/files\); processing 2 videos on the normal path/);
    expect(result.stdout).toContain('videos: 2 processed, 0 failed');
    expect(schemas(server.requests)).toEqual(['study_notes', 'study_notes', 'video_quiz', 'video_quiz']);
    expect(server.batchCreations).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toContain(KEY);
  });

  it('sends the videos of a batch that failed validation to the normal path', async () => {
    server.batchFate = () => ({ kind: 'fail', message: 'The provided model name must be the same across all requests in the file.' });
    const result = await run(['process', '--batch']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /batch batch_\w+ failed \(line 1: The provided model name must be the same across all requests in the file\.\); its videos go to the normal path/,
    );
    expect(result.stdout).toContain('videos: 2 processed, 0 failed');
    expect(schemas(server.requests)).toEqual(['study_notes', 'study_notes', 'video_quiz', 'video_quiz']);
    expect(`${result.stdout}${result.stderr}`).not.toContain(KEY);
  });

  it('says --batch needs a key', async () => {
    const offline = await cli(root, ['process', '--batch'], server.baseURL, { OPENAI_API_KEY: '' }).done;
    expect(offline.code).toBe(1);
    expect(offline.stderr).toContain('videos: --batch sends requests to the OpenAI Batch API: set OPENAI_API_KEY');
  });
});

/** True for requests about the lecture with this title (the user message starts with it). */
const lectureIs = (request: { body: { messages: { content: string }[] } }, title: string) =>
  (request.body.messages[1]?.content ?? '').startsWith(`Lecture title: ${JSON.stringify(title)}`);
