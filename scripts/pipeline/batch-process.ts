/**
 * Batch mode (`videos process --batch`): the same notes and quiz requests as
 * the synchronous path, sent through the OpenAI Batch API at half the price and
 * without a rate-limit storm. Each video is run by the same generator with a
 * transport that answers from batch output; a request with no answer yet is
 * gathered into the next batch. Dependent calls take rounds: every notes part
 * of every video in one batch, then the merges, then the quizzes (which need
 * the notes' key terms). Status files record each video's open batch, so a
 * later run on any machine collects it instead of submitting again.
 */
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { BatchRef } from '../../src/lib/schema.ts';
import { AnswerDeferredError, PipelineError, type NotesAndQuizGenerator } from './adapters.ts';
import { errorOfAnswer, isTerminal, BatchUnsupportedError, type BatchAnswer, type BatchClient, type BatchRequestLine, type BatchState } from './batch-api.ts';
import { createOpenAIGenerator, type ChatTransport, type Task } from './openai-provider.ts';
import { planRun, processOne, type Acquired, type ProcessOptions, type ProcessReport, type VideoOutcome } from './process-videos.ts';
import type { VideoPlan } from './needs-work.ts';

/** Rounds of batches in one run before what is left goes to the normal path (parts, merge, quiz, splits of a too-large request, an expiry). */
const MAX_ROUNDS = 8;
/** OpenAI takes at most 50,000 requests and 200 MB per batch input file. */
const MAX_LINES = 50_000;
const MAX_BYTES = 150 * 1024 * 1024;

export interface BatchRunOptions extends ProcessOptions {
  batchClient: BatchClient;
  /** Asks the model synchronously: for a line the batch returned unreadable and for the second ask after an unusable answer. */
  live: ChatTransport;
  /** Send videos that need work through a batch (`--batch`); false only collects the batches videos already wait in. */
  submitNew: boolean;
  /** Poll until every batch has finished (false: `--no-wait`, submit and exit). */
  wait: boolean;
  /** First wait between polls; it grows by half each time up to `maxPollMs`. */
  pollMs: number;
  maxPollMs?: number;
  /** Lines for the user: submissions, expiries, fallbacks (already free of secrets). */
  notify?: (line: string) => void;
}

export interface SubmittedBatch {
  id: string;
  task: Task;
  requests: number;
  videos: string[];
}

export interface BatchRunReport extends ProcessReport {
  submitted: SubmittedBatch[];
  /** Videos whose batch was still running when this run ended. */
  waiting: { id: string; batchId: string; status: string }[];
  /** Videos processed on the normal path instead (no Batch API, a failed batch, too many rounds). */
  fellBack: string[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A request's custom_id: the video, the kind of request, and a digest of the request itself so a changed request never takes a stale answer. */
export function customIdFor(videoId: string, label: string, body: unknown): string {
  const kind = label.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${videoId}:${kind}:${sha256(JSON.stringify(body)).slice(0, 12)}`;
}

/** Rate limits and server errors in a batch's error file are worth another batch; anything else is the answer. */
const retryableStatus = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

interface Gathered {
  task: Task;
  line: BatchRequestLine;
}

/** A transport for one video in one round: answers from the batches collected, gathers what they do not answer. */
function replayTransport(
  videoId: string,
  answers: Map<string, BatchAnswer>,
  live: ChatTransport,
  gathered: Map<string, Gathered>,
  notify: (line: string) => void,
): ChatTransport {
  const asked = new Set<string>();
  // A normal-path answer replaces the batch's, so later rounds (which replay the video from the start) do not ask again.
  const askLive: ChatTransport = async (task, body, label) => {
    const completion = await live(task, body, label);
    answers.set(customIdFor(videoId, label, body), { kind: 'completion', completion, batchId: 'normal path' });
    return completion;
  };
  return async (task, body, label) => {
    const customId = customIdFor(videoId, label, body);
    const again = asked.has(customId);
    asked.add(customId);
    const answer = answers.get(customId);
    // Asked once more (the batch's answer was not usable): the normal path, like the synchronous retry.
    if (answer && again) return askLive(task, body, label);
    if (answer?.kind === 'completion') return answer.completion;
    if (answer?.kind === 'malformed') {
      notify(`videos: ${videoId}: batch ${answer.batchId} returned an unreadable line for ${label} (${answer.reason}); asking on the normal path`);
      return askLive(task, body, label);
    }
    if (answer?.kind === 'error' && !retryableStatus(answer.status)) throw errorOfAnswer(answer);
    if (answer?.kind === 'unfinished' && answer.code === 'batch_cancelled') {
      throw new PipelineError(
        `batch ${answer.batchId} was cancelled before ${label} ran; run \`npm run videos -- retry ${videoId} --batch\` to submit it again`,
      );
    }
    gathered.set(customId, { task, line: { custom_id: customId, method: 'POST', url: '/v1/chat/completions', body } });
    throw new AnswerDeferredError(customId);
  };
}

/** Splits a batch's lines at OpenAI's limits on requests and bytes per input file. */
function inputFiles(lines: readonly BatchRequestLine[]): BatchRequestLine[][] {
  const files: BatchRequestLine[][] = [];
  let current: BatchRequestLine[] = [];
  let bytes = 0;
  for (const line of lines) {
    const size = Buffer.byteLength(JSON.stringify(line)) + 1;
    if (current.length > 0 && (current.length >= MAX_LINES || bytes + size > MAX_BYTES)) {
      files.push(current);
      current = [];
      bytes = 0;
    }
    current.push(line);
    bytes += size;
  }
  if (current.length > 0) files.push(current);
  return files;
}

/**
 * Runs the videos that need work (with `submitNew`) and those waiting in a batch through the Batch
 * API, writing material with the same writer and the same validation as the synchronous path.
 */
export async function processInBatches(options: BatchRunOptions): Promise<BatchRunReport> {
  const { writer, config, batchClient } = options;
  const notify = options.notify ?? (() => {});
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const run = planRun(options);
  const { redact } = run;
  const say = (line: string) => notify(redact(line));
  const maxPollMs = options.maxPollMs ?? Math.max(options.pollMs, 120_000);

  const answers = new Map<string, BatchAnswer>();
  /** Every batch each video's answers are in, oldest first. */
  const history = new Map<string, BatchRef[]>();
  const outcomes: VideoOutcome[] = [];
  const waiting: BatchRunReport['waiting'] = [];
  const submitted: SubmittedBatch[] = [];
  const fellBack: string[] = [];
  const acquired = new Map<string, Promise<Acquired>>();

  /** Polls a batch (with backoff while `wait`) and, once it has finished, reads its answers. */
  const collected = new Map<string, Promise<BatchState>>();
  const collect = (ref: BatchRef): Promise<BatchState> => {
    let pending = collected.get(ref.id);
    if (!pending) {
      pending = (async () => {
        let state = await batchClient.retrieve(ref.task, ref.id);
        let delay = options.pollMs;
        while (!isTerminal(state.status) && options.wait) {
          await sleep(delay);
          delay = Math.min(maxPollMs, Math.round(delay * 1.5));
          const next = await batchClient.retrieve(ref.task, ref.id);
          if (next.status !== state.status)
            say(`videos: batch ${ref.id} (${ref.task}): ${next.status}, ${next.counts.completed + next.counts.failed} of ${next.counts.total} requests done`);
          state = next;
        }
        if (!isTerminal(state.status)) return state;
        const found = await batchClient.answers(ref.task, state);
        for (const [id, answer] of found) answers.set(id, answer);
        const unfinished = [...found.values()].filter((a) => a.kind === 'unfinished').length;
        const failedLines = [...found.values()].filter((a) => a.kind === 'error').length;
        if (state.status === 'expired')
          say(`videos: batch ${ref.id} expired before finishing (${plural(unfinished, 'request')} unfinished); they go into a new batch`);
        else if (state.status === 'cancelled')
          say(`videos: batch ${ref.id} was cancelled (${plural(unfinished, 'request')} unfinished); those videos are marked failed`);
        else if (state.status === 'failed')
          say(`videos: batch ${ref.id} failed${state.errors.length ? ` (${state.errors.slice(0, 3).join('; ')})` : ''}; its videos go to the normal path`);
        else if (failedLines > 0) say(`videos: batch ${ref.id} completed with ${plural(failedLines, 'failed request')}`);
        return state;
      })();
      collected.set(ref.id, pending);
    }
    return pending;
  };

  // Videos already waiting in a batch: collect before anything is submitted.
  let work: VideoPlan[] = options.submitNew ? [...run.todo] : [];
  const fallBack: VideoPlan[] = [];
  const cancelled: VideoPlan[] = [];
  const inBatchStates = await Promise.all(
    run.inBatch.map(async (plan) => {
      const open = plan.openBatch;
      const refs = open ? [...open.earlier, { id: open.id, task: open.task }] : [];
      history.set(plan.video.id, refs);
      try {
        return { plan, batchId: open?.id ?? '', states: await Promise.all(refs.map(collect)), error: null };
      } catch (error) {
        return { plan, batchId: open?.id ?? '', states: [], error: error instanceof Error ? error : new Error(String(error)) };
      }
    }),
  );
  for (const entry of inBatchStates) {
    const id = entry.plan.video.id;
    if (entry.error) {
      say(`videos: ${id}: cannot read its batch ${entry.batchId} (${entry.error.message}); left waiting`);
      waiting.push({ id, batchId: entry.batchId, status: 'unknown' });
      continue;
    }
    const running = entry.states.find((s) => !isTerminal(s.status));
    if (running) waiting.push({ id, batchId: running.id, status: running.status });
    else if (entry.states.some((s) => s.status === 'failed')) fallBack.push(entry.plan);
    else if (entry.states.some((s) => s.status === 'cancelled')) cancelled.push(entry.plan);
    else work.push(entry.plan);
  }

  const attemptsOf = (plan: VideoPlan) => (plan.openBatch ? plan.status?.attempts || 1 : (plan.status?.attempts ?? 0) + 1);
  const reasonOf = (plan: VideoPlan) => plan.reason ?? 'interrupted';
  options.events?.onPlan?.({
    todo: [...work, ...fallBack, ...cancelled],
    upToDate: run.upToDate,
    waitingForRetry: run.waitingForRetry,
    kept: run.kept,
    inBatch: run.inBatch.filter((p) => waiting.some((w) => w.id === p.video.id)),
  });

  const limit = pLimit(config.concurrency);
  const finish = (outcome: VideoOutcome) => {
    outcomes.push(outcome);
    options.events?.onDone?.(outcome);
  };
  /** Marks a video failed exactly as the synchronous path does (last good material kept, the message in its status). */
  const failedOutcome = (plan: VideoPlan, message: string) => {
    const failing: NotesAndQuizGenerator = {
      provider: 'openai',
      model: options.generator.model,
      generateNotes: () => Promise.reject(new PipelineError(message)),
      generateQuiz: () => Promise.reject(new PipelineError(message)),
    };
    return processOne(plan, options, redact, { generator: failing, attempts: attemptsOf(plan), markProcessing: false, acquired, reason: reasonOf(plan) });
  };

  const cancelledMessage = (plan: VideoPlan) =>
    `batch ${history.get(plan.video.id)?.at(-1)?.id ?? ''} was cancelled; run \`npm run videos -- retry ${plan.video.id} --batch\` to submit it again`;
  for (const plan of cancelled) finish(await failedOutcome(plan, cancelledMessage(plan)));

  for (let round = 1; work.length > 0; round++) {
    if (round > MAX_ROUNDS) {
      say(`videos: ${plural(work.length, 'video')} still need answers after ${MAX_ROUNDS} rounds of batches; processing them on the normal path`);
      fallBack.push(...work);
      break;
    }
    // One round: every video runs as far as the answers go; what they still need is gathered per video.
    const gatheredBy = new Map<string, Map<string, Gathered>>();
    await Promise.all(
      work.map((plan) =>
        limit(async () => {
          const gathered = new Map<string, Gathered>();
          const generator = createOpenAIGenerator(config, {
            transport: replayTransport(plan.video.id, answers, options.live, gathered, say),
            allPartsAtOnce: true,
          });
          try {
            finish(await processOne(plan, options, redact, { generator, attempts: attemptsOf(plan), markProcessing: false, acquired, reason: reasonOf(plan) }));
          } catch (error) {
            if (!(error instanceof AnswerDeferredError)) throw error;
            gatheredBy.set(plan.video.id, gathered);
          }
        }),
      ),
    );
    const next = work.filter((plan) => gatheredBy.has(plan.video.id));
    if (next.length === 0) break;

    // Submit one batch per task (notes and quiz may go to different endpoints and models).
    const refsOf = new Map<string, BatchRef[]>();
    const unsent = new Map<string, string>();
    for (const task of ['notes', 'quiz'] as const) {
      const lines = next.flatMap((plan) => [...(gatheredBy.get(plan.video.id)?.values() ?? [])].filter((g) => g.task === task).map((g) => g.line));
      const videosOf = (file: readonly BatchRequestLine[]) => [...new Set(file.map((line) => line.custom_id.slice(0, line.custom_id.indexOf(':'))))];
      for (const file of inputFiles(lines)) {
        try {
          const id = await batchClient.submit(task, file);
          const videos = videosOf(file);
          submitted.push({ id, task, requests: file.length, videos });
          for (const video of videos) refsOf.set(video, [...(refsOf.get(video) ?? []), { id, task }]);
          say(`videos: submitted batch ${id} (${task}: ${plural(file.length, 'request')} for ${plural(videos.length, 'video')})`);
        } catch (error) {
          if (!(error instanceof PipelineError)) throw error;
          const videos = videosOf(file);
          if (error instanceof BatchUnsupportedError)
            say(
              `videos: ${error.message}; processing ${plural(videos.length, 'video')} on the normal path (the Batch API is OpenAI's; local servers such as Ollama and vLLM have none)`,
            );
          for (const video of videos) unsent.set(video, error instanceof BatchUnsupportedError ? '' : error.message);
        }
      }
    }
    for (const plan of next) {
      const problem = unsent.get(plan.video.id);
      if (problem === undefined) continue;
      if (problem === '') fallBack.push(plan);
      else finish(await failedOutcome(plan, problem));
    }

    const submittedAt = now();
    for (const plan of next) {
      const refs = refsOf.get(plan.video.id) ?? [];
      const last = refs.at(-1);
      if (!last) continue;
      const earlier = [...(history.get(plan.video.id) ?? []), ...refs.slice(0, -1)];
      history.set(plan.video.id, [...earlier, last]);
      await writer.writeStatus(plan.video.id, {
        status: 'processing',
        attempts: attemptsOf(plan),
        updatedAt: submittedAt,
        inputsHash: plan.status?.inputsHash,
        resultDigest: plan.status?.resultDigest,
        batch: { ...last, submittedAt, earlier },
      });
    }
    const sent = next.filter((plan) => refsOf.has(plan.video.id));
    if (!options.wait) {
      for (const plan of sent) waiting.push({ id: plan.video.id, batchId: history.get(plan.video.id)?.at(-1)?.id ?? '', status: 'submitted' });
      break;
    }
    const states = await Promise.all([...new Map([...refsOf.values()].flat().map((ref) => [ref.id, ref])).values()].map(collect));
    const failedBatches = new Set(states.filter((s) => s.status === 'failed').map((s) => s.id));
    const cancelledBatches = new Set(states.filter((s) => s.status === 'cancelled').map((s) => s.id));
    work = [];
    for (const plan of sent) {
      if ((refsOf.get(plan.video.id) ?? []).some((ref) => failedBatches.has(ref.id))) fallBack.push(plan);
      else if ((refsOf.get(plan.video.id) ?? []).some((ref) => cancelledBatches.has(ref.id))) finish(await failedOutcome(plan, cancelledMessage(plan)));
      else work.push(plan);
    }
  }

  // The normal path, for what the Batch API could not do: same generator and writer as a run without --batch.
  await Promise.all(
    fallBack.map((plan) =>
      limit(async () => {
        fellBack.push(plan.video.id);
        options.events?.onStart?.(plan.video.id);
        finish(await processOne(plan, options, redact, { attempts: attemptsOf(plan), acquired, reason: reasonOf(plan) }));
      }),
    ),
  );

  return {
    outcomes,
    upToDate: run.upToDate,
    waitingForRetry: run.waitingForRetry,
    kept: run.kept,
    inBatch: run.inBatch.filter((p) => waiting.some((w) => w.id === p.video.id)),
    cacheProblems: run.plans.flatMap((p) => p.cacheProblems).map(redact),
    submitted,
    waiting,
    fellBack,
  };
}
