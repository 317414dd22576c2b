/**
 * The planner (planVideo) and the run (processPendingVideos) in-process, on real
 * caption files, the offline extractor and a local OpenAI-compatible server: what
 * is processed, what is kept, and why.
 */
import { mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readContent } from '../../../src/lib/content-files.ts';
import { validateContent, type ValidVideo } from '../../../src/lib/validate-content.ts';
import { materialFiles, videoMaterialDir, readVideoResult, readVideoStatus, videoMaterialFile, videoStatusFile } from '../../../src/lib/generated-files.ts';
import type { VideoMeta } from '../../../src/lib/schema.ts';
import { resolveConfig, type PipelineConfig } from '../../../scripts/pipeline/config.ts';
import { createMaterialWriter } from '../../../scripts/pipeline/material-writer.ts';
import { createOpenAIGenerator } from '../../../scripts/pipeline/openai-provider.ts';
import { createOfflineGenerator } from '../../../scripts/pipeline/offline-provider.ts';
import { inputsHash, planVideo } from '../../../scripts/pipeline/needs-work.ts';
import { mergeMeta, processPendingVideos, type ProcessOptions } from '../../../scripts/pipeline/process-videos.ts';
import { createYouTubeSource } from '../../../scripts/pipeline/youtube.ts';
import type { GenerationInput, NotesAndQuizGenerator } from '../../../scripts/pipeline/adapters.ts';
import { startOpenAIServer, type LocalOpenAI } from './helpers/openai-server.ts';
import { replayFetch } from './helpers/replay-fetch.ts';
import { tempProject } from './helpers/temp-content.ts';

const ID = 'IHZwWFHWa-w';
let server: LocalOpenAI;
let root: string;

beforeEach(async () => {
  server = await startOpenAIServer();
  root = tempProject([{ id: ID, caption: 'IHZwWFHWa-w.srt', title: 'Gradient descent' }]);
});
afterEach(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const entryFile = (id = ID) => join(root, 'content', 'videos', `${id}.yaml`);
const library = (): ValidVideo[] => validateContent(readContent(root)).videos;
const video = (id = ID) => library().find((v) => v.id === id)!;
const withModel = (): PipelineConfig => ({
  ...resolveConfig(root, { OPENAI_API_KEY: 'sk-test-planner', OPENAI_BASE_URL: server.baseURL, LEARNSPACE_MAX_RETRIES: '0' }),
  noYoutube: true,
});
const keyless = (): PipelineConfig => ({ ...resolveConfig(root, {}), noYoutube: true });

/** The offline extractor, with every input it was given kept for the test to read. */
function observedOffline(seen: GenerationInput[]): NotesAndQuizGenerator {
  const offline = createOfflineGenerator();
  return { ...offline, generateNotes: (input) => (seen.push(input), offline.generateNotes(input)) };
}

function run(config: PipelineConfig, extra: Partial<ProcessOptions> = {}) {
  return processPendingVideos({
    root,
    videos: library(),
    config,
    generator: config.provider === 'openai' ? createOpenAIGenerator(config) : createOfflineGenerator(),
    source: null,
    writer: createMaterialWriter(root),
    ...extra,
  });
}

const status = (id = ID) => {
  const s = readVideoStatus(id, root);
  if (!s.ok) throw new Error(s.error);
  return s.value;
};
const result = (id = ID) => {
  const r = readVideoResult(id, root);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
/** The material files a run writes beside the status, as one text, to see whether a run touched them. */
const materialText = (id = ID) =>
  [materialFiles.meta, materialFiles.transcript, materialFiles.notes, materialFiles.quiz]
    .map((name) => readFileSync(videoMaterialFile(id, name, root), 'utf8'))
    .join('\n');
const appendToEntry = (lines: string) => writeFileSync(entryFile(), readFileSync(entryFile(), 'utf8') + lines);

describe('model-written material is never downgraded', () => {
  it('keeps model-written notes in a keyless run after the inputs changed, and says why', async () => {
    await run(withModel());
    const written = materialText();
    appendToEntry('languages: [en-GB]\n');
    const report = await run(keyless());
    expect(report.outcomes).toEqual([]);
    expect(report.kept.map((p) => [p.video.id, p.keptFrom])).toEqual([[ID, 'inputs changed']]);
    expect(report.upToDate).toEqual([]);
    expect(materialText()).toBe(written);
    expect(result().generator.provider).toBe('openai');
  });

  it('keeps them even though the keyless provider alone changes the inputs', async () => {
    await run(withModel());
    const report = await run(keyless());
    expect(report.kept.map((p) => p.keptFrom)).toEqual(['inputs changed']);
    expect(status()).toMatchObject({ status: 'completed', attempts: 1 });
  });

  it('keeps them when a retry or an interrupted run would use the offline extractor', async () => {
    await run(withModel());
    expect((await run(keyless(), { retry: new Set([ID]) })).kept.map((p) => p.keptFrom)).toEqual(['retry']);
    writeFileSync(videoStatusFile(ID, root), JSON.stringify({ ...status(), status: 'processing' }));
    expect((await run(keyless())).kept.map((p) => p.keptFrom)).toEqual(['interrupted']);
    expect(result().generator.provider).toBe('openai');
  });

  it('replaces them when asked: --force, or the offline provider chosen explicitly', async () => {
    await run(withModel());
    const forced = await run(keyless(), { force: true });
    expect(forced.outcomes).toMatchObject([{ id: ID, status: 'completed', reason: 'forced' }]);
    expect(result().generator.provider).toBe('offline');

    await run(withModel(), { force: true });
    const explicit = await run(keyless(), { replaceModelMaterial: true });
    expect(explicit.outcomes).toMatchObject([{ id: ID, status: 'completed', reason: 'inputs changed' }]);
    expect(result().generator.provider).toBe('offline');
  });

  it("lets a model replace the offline extractor's notes", async () => {
    await run(keyless());
    const report = await run(withModel());
    expect(report.outcomes).toMatchObject([{ status: 'completed', reason: 'inputs changed' }]);
    expect(result().generator.provider).toBe('openai');
  });
});

describe('what changes the inputs', () => {
  it('lets a title added after processing through without a model call', async () => {
    await run(withModel());
    const calls = server.requests.length;
    writeFileSync(entryFile(), readFileSync(entryFile(), 'utf8').replace('title: "Gradient descent"', 'title: "Gradient descent, how neural networks learn"'));
    const report = await run(withModel());
    expect(report.outcomes).toEqual([]);
    expect(report.upToDate.map((p) => p.video.id)).toEqual([ID]);
    expect(server.requests.length).toBe(calls);
    expect(video().data.title).toBe('Gradient descent, how neural networks learn');
  });

  it("reprocesses when the entry's language changes, and passes the language to the generator", async () => {
    await run(keyless());
    expect(planVideo(root, video(), keyless()).reason).toBeNull();
    appendToEntry('languages: [de, en]\n');
    expect(planVideo(root, video(), keyless()).reason).toBe('inputs changed');
    const seen: GenerationInput[] = [];
    await run(keyless(), { generator: observedOffline(seen) });
    expect(seen.map((i) => i.language)).toEqual(['de']);
    expect(planVideo(root, video(), keyless()).reason).toBeNull();
  });

  it("reprocesses when the entry's chapters change, and the generator follows them", async () => {
    await run(keyless());
    appendToEntry('chapters:\n  - { title: Cost functions, startMs: 0 }\n  - { title: Gradient steps, startMs: 60000 }\n');
    expect(planVideo(root, video(), keyless()).reason).toBe('inputs changed');
    const seen: GenerationInput[] = [];
    await run(keyless(), { generator: observedOffline(seen) });
    expect(seen[0]!.chapters).toEqual([
      { title: 'Cost functions', startMs: 0 },
      { title: 'Gradient steps', startMs: 60000 },
    ]);
    expect(planVideo(root, video(), keyless()).reason).toBeNull();
    writeFileSync(entryFile(), readFileSync(entryFile(), 'utf8').replace('Gradient steps', 'Taking a step'));
    expect(planVideo(root, video(), keyless()).reason).toBe('inputs changed');
  });

  it('counts language and chapters in the hash, leaving English and no chapters out so older caches stay valid', () => {
    const config = keyless();
    const plain = inputsHash('digest', config);
    expect(inputsHash('digest', config, { language: 'en', chapters: [] })).toBe(plain);
    expect(inputsHash('digest', config, { language: 'EN' })).toBe(plain);
    expect(inputsHash('digest', config, { language: 'de' })).not.toBe(plain);
    expect(inputsHash('digest', config, { chapters: [{ title: 'Intro', startMs: 0 }] })).not.toBe(plain);
    expect(inputsHash('digest', config, { chapters: [{ title: 'Intro', startMs: 0 }] })).not.toBe(
      inputsHash('digest', config, { chapters: [{ title: 'Intro', startMs: 1000 }] }),
    );
    expect(inputsHash('other', config)).not.toBe(plain);
    expect(inputsHash('digest', withModel())).not.toBe(plain);
    expect(plain).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reprocesses a failed video when its caption file changes, and not otherwise', async () => {
    await run(keyless());
    writeFileSync(videoStatusFile(ID, root), JSON.stringify({ ...status(), status: 'failed', error: 'model down' }));
    expect(planVideo(root, video(), keyless()).reason).toBeNull();
    const caption = join(root, 'content', 'videos', `${ID}.srt`);
    writeFileSync(caption, readFileSync(caption, 'utf8').replace('Last video', 'In the last video'));
    expect(planVideo(root, video(), keyless()).reason).toBe('inputs changed');
  });
});

describe('planVideo', () => {
  it('names each reason for work', async () => {
    const config = keyless();
    expect(planVideo(root, video(), config)).toMatchObject({ reason: 'new', status: null, previous: null, cacheProblems: [] });
    mkdirSync(videoMaterialDir(ID, root), { recursive: true });
    writeFileSync(videoStatusFile(ID, root), JSON.stringify({ status: 'pending', attempts: 0, updatedAt: '2026-01-01T00:00:00Z' }));
    expect(planVideo(root, video(), config).reason).toBe('pending');
    await run(config);
    const done = planVideo(root, video(), config);
    expect(done).toMatchObject({ reason: null, previous: null, knownInputsHash: status().inputsHash });
    expect(planVideo(root, video(), config, { force: true }).reason).toBe('forced');
    expect(planVideo(root, video(), config, { retry: new Set([ID]) }).reason).toBe('retry');
    expect(planVideo(root, video(), config, { retry: new Set(['aircAruvnKk']) }).reason).toBeNull();
  });

  it('reads and trusts a result edited by hand only after checking it, and regenerates one that no longer parses', async () => {
    await run(keyless());
    const file = videoMaterialFile(ID, materialFiles.notes, root);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^summary: .*$/m, 'summary: Edited by the instructor.'));
    const plan = planVideo(root, video(), keyless());
    expect(plan.reason).toBeNull();
    expect(plan.previous?.notes.summary).toBe('Edited by the instructor.');

    writeFileSync(file, '---\nsummary: [unclosed\n---\n');
    const broken = planVideo(root, video(), keyless());
    expect(broken.reason).toBe('unreadable cache');
    expect(broken.cacheProblems).toEqual([expect.stringContaining(`${ID}/notes.md`)]);
  });

  it('says which status file is unreadable and processes the video again', async () => {
    await run(keyless());
    writeFileSync(videoStatusFile(ID, root), '{"status": "done"}');
    const plan = planVideo(root, video(), keyless());
    expect(plan.reason).toBe('unreadable cache');
    expect(plan.status).toBeNull();
    expect(plan.cacheProblems).toEqual([expect.stringContaining(`${ID}/status.json`)]);
  });

  it('treats a completed status without its result as an unreadable cache', async () => {
    await run(keyless());
    for (const name of [materialFiles.meta, materialFiles.transcript, materialFiles.notes, materialFiles.quiz]) unlinkSync(videoMaterialFile(ID, name, root));
    expect(planVideo(root, video(), keyless())).toMatchObject({ reason: 'unreadable cache', cacheProblems: [] });
  });

  it('keeps a failed video waiting for `retry` even when its last result no longer parses', async () => {
    await run(keyless());
    writeFileSync(videoStatusFile(ID, root), JSON.stringify({ ...status(), status: 'failed', error: 'x' }));
    writeFileSync(videoMaterialFile(ID, materialFiles.quiz, root), 'questions: not a list\n');
    const plan = planVideo(root, video(), keyless());
    expect(plan.reason).toBeNull();
    expect(plan.cacheProblems).toHaveLength(1);
  });

  it('uses the cached YouTube transcript as the inputs of a video without a caption file', async () => {
    rmSync(root, { recursive: true, force: true });
    root = tempProject([{ id: 'aircAruvnKk' }]);
    const config = { ...keyless(), noYoutube: false };
    const source = createYouTubeSource({ fetch: replayFetch().fetch });
    await run(config, { source });
    const plan = planVideo(root, video('aircAruvnKk'), config);
    expect(plan).toMatchObject({ reason: null, knownInputsHash: status('aircAruvnKk').inputsHash });
    expect(plan.previous?.transcript.source).toBe('youtube');
    const report = await run(config, { source: null });
    expect(report.outcomes).toEqual([]);
  });

  it('reads the result when the status file records no digest of it (a cache from before digests)', async () => {
    await run(keyless());
    const { resultDigest: _digest, ...older } = status();
    writeFileSync(videoStatusFile(ID, root), JSON.stringify(older));
    const plan = planVideo(root, video(), keyless());
    expect(plan.reason).toBeNull();
    expect(plan.previous?.youtubeVideoId).toBe(ID);
  });

  it("regenerates a result whose recorded inputs differ from its status file's", async () => {
    await run(keyless());
    const file = videoMaterialFile(ID, materialFiles.meta, root);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^inputsHash: .*$/m, `inputsHash: ${'f'.repeat(32)}`));
    expect(planVideo(root, video(), keyless()).reason).toBe('inputs changed');
  });

  it('never retries on its own a YouTube video that failed and has no result to compare with', async () => {
    rmSync(root, { recursive: true, force: true });
    root = tempProject([{ id: 'noCaption01' }]);
    mkdirSync(videoMaterialDir('noCaption01', root), { recursive: true });
    writeFileSync(
      videoStatusFile('noCaption01', root),
      JSON.stringify({ status: 'failed', attempts: 1, updatedAt: '2026-01-01T00:00:00Z', error: 'x', inputsHash: 'a'.repeat(32) }),
    );
    expect(planVideo(root, video('noCaption01'), keyless())).toMatchObject({ reason: null, knownInputsHash: undefined });
  });

  it('a caption file that disappeared is read as changed inputs, never as up to date', async () => {
    await run(keyless());
    const v = video();
    unlinkSync(join(root, 'content', 'videos', `${ID}.srt`));
    expect(planVideo(root, v, keyless()).reason).toBe('inputs changed');
  });
});

describe('a run', () => {
  it('classifies videos into work, up to date and waiting for retry', async () => {
    rmSync(root, { recursive: true, force: true });
    root = tempProject([
      { id: ID, caption: 'IHZwWFHWa-w.srt' },
      { id: 'aircAruvnKk', caption: 'aircAruvnKk.vtt' },
    ]);
    await run(keyless());
    writeFileSync(videoStatusFile('aircAruvnKk', root), JSON.stringify({ ...status('aircAruvnKk'), status: 'failed', error: 'x' }));
    const plans: string[][] = [];
    const report = await run(keyless(), {
      events: { onPlan: (p) => plans.push([p.todo.length, p.upToDate.length, p.waitingForRetry.length, p.kept.length].map(String)) },
    });
    expect(plans).toEqual([['0', '1', '1', '0']]);
    expect(report.upToDate.map((p) => p.video.id)).toEqual([ID]);
    expect(report.waitingForRetry.map((p) => p.video.id)).toEqual(['aircAruvnKk']);
  });

  it("writes no credential into a failed video's status, and records what it learned before failing", async () => {
    const secrets = { user: 'plannerUser', password: 'plannerPass77', token: 'plannerToken99', key: 'sk-plannerkeyvalue123' };
    const config: PipelineConfig = {
      ...resolveConfig(root, {
        OPENAI_API_KEY: secrets.key,
        OPENAI_BASE_URL: `http://${secrets.user}:${secrets.password}@127.0.0.1:9/v1?api-key=${secrets.token}`,
        LEARNSPACE_MAX_RETRIES: '0',
        LEARNSPACE_TIMEOUT_MS: '2000',
      }),
      noYoutube: true,
    };
    const report = await run(config);
    const failed = status();
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, title: 'Gradient descent' });
    expect(failed.durationSeconds).toBeGreaterThan(60);
    expect(failed.error).toMatch(/127\.0\.0\.1|connect|reach/i);
    const written = JSON.stringify(failed) + JSON.stringify(report.outcomes);
    for (const secret of Object.values(secrets)) expect(written).not.toContain(secret);
    expect(written).not.toContain(root);
  });

  it('never lets an empty YouTube answer (bot check) replace metadata it already knows', async () => {
    expect(
      mergeMeta(
        { title: '', channel: '', durationSeconds: 0 },
        {
          title: 'Gradient descent',
          channel: '3Blue1Brown',
          durationSeconds: 1263,
          publishedAt: '2017',
          thumbnailUrl: 't',
          chapters: [{ title: 'Intro', startMs: 0 }],
        },
      ),
    ).toEqual({
      title: 'Gradient descent',
      channel: '3Blue1Brown',
      durationSeconds: 1263,
      publishedAt: '2017',
      thumbnailUrl: 't',
      chapters: [{ title: 'Intro', startMs: 0 }],
    });
    const fresh: VideoMeta = { title: 'New', channel: 'C', durationSeconds: 5, publishedAt: 'p', thumbnailUrl: 'u', chapters: [{ title: 'A', startMs: 0 }] };
    expect(mergeMeta(fresh, { title: 'Old', channel: 'O', durationSeconds: 9 })).toEqual(fresh);
    expect(mergeMeta(fresh, undefined)).toBe(fresh);

    rmSync(root, { recursive: true, force: true });
    root = tempProject([{ id: 'botCheck001', caption: 'IHZwWFHWa-w.srt', title: 'Gradient descent' }]);
    const report = await run({ ...keyless(), noYoutube: false }, { source: createYouTubeSource({ fetch: replayFetch().fetch }) });
    expect(report.outcomes).toMatchObject([
      { status: 'completed', warnings: [expect.stringContaining('metadata from the entry, not YouTube (YouTube asked to confirm this is not a bot')] },
    ]);
    expect(result('botCheck001').meta.title).toBe('Gradient descent');
  });

  it("passes YouTube's chapters to the generator when the entry has none, and the entry's when it has them", async () => {
    rmSync(root, { recursive: true, force: true });
    root = tempProject([{ id: 'chaptered01', caption: 'IHZwWFHWa-w.srt' }]);
    const seen: GenerationInput[] = [];
    const source = createYouTubeSource({ fetch: replayFetch().fetch });
    await run({ ...keyless(), noYoutube: false }, { source, generator: observedOffline(seen) });
    expect(seen[0]!.chapters?.map((c) => c.title)).toEqual(['Intro', 'Where vectors land', 'Matrix multiplication as composition', 'Three dimensions']);
    expect(result('chaptered01').meta.chapters).toHaveLength(4);
    expect(planVideo(root, video('chaptered01'), keyless()).reason).toBeNull();

    writeFileSync(entryFile('chaptered01'), readFileSync(entryFile('chaptered01'), 'utf8') + 'chapters:\n  - { title: Only one, startMs: 0 }\n');
    await run({ ...keyless(), noYoutube: false }, { source, generator: observedOffline(seen) });
    expect(seen[1]!.chapters).toEqual([{ title: 'Only one', startMs: 0 }]);
  });
});
