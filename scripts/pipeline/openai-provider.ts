/**
 * Notes and quiz generation through any OpenAI-compatible chat completions
 * server (OpenAI, vLLM, Ollama, LM Studio) with structured output. Failures
 * are told apart by error class and the OpenAI error body: billing is never
 * retried, rate limits wait as the server asks, requests too large are split,
 * an unusable answer gets one fresh call. Endpoint URLs in messages never carry
 * credentials (endpoint-url.ts).
 */
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { z } from 'astro/zod';
import {
  notesModelSchema,
  videoQuizChunkModelSchema,
  videoQuizModelSchema,
  videoQuizSchema,
  type Notes,
  type Segment,
  type VideoQuiz,
} from '../../src/lib/schema.ts';
import { formatTimestamp } from '../../src/browser/timestamp.ts';
import { chaptersWithin, chunkSegments, drawAcross, halve } from './chunking.ts';
import { openAIModelName, type PipelineConfig, type ProviderEndpoint } from './config.ts';
import { displayEndpoint, redactEndpointSecrets } from './endpoint-url.ts';
import { parseModelOutput, UnusableAnswerError } from './model-output.ts';
import { mergeMessage, mergePrompt, notesPrompt, quizPrompt, transcriptMessage } from './model-prompts.ts';
import { tokenCounterFor } from './token-count.ts';
import { AnswerDeferredError, PipelineError, type GenerationInput, type NotesAndQuizGenerator } from './adapters.ts';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** Room for a reasoning model's thinking plus the answer. */
export const MAX_COMPLETION_TOKENS = 16_000;
/** A wait the server asks for beyond this is not sat out: the video fails and says when to try again. */
const LONGEST_WAIT_MS = 60_000;
/** A request the server finds too large is halved at most this many times (down to an eighth of the token budget). */
const MAX_SPLITS = 3;

export type Task = 'notes' | 'quiz';

/** Sends one chat completion request; the default posts it to the task's endpoint, batch mode answers it from a batch's output. */
export type ChatTransport = (task: Task, body: ChatCompletionCreateParamsNonStreaming, label: string) => Promise<ChatCompletion>;

export interface GeneratorOptions {
  transport?: ChatTransport;
  /** Ask every part of a long transcript at once instead of one after another (batch mode gathers them into one batch). */
  allPartsAtOnce?: boolean;
}

/** Reasoning models (gpt-5*, o1/o3/o4*) refuse `temperature` and count their thinking in `max_completion_tokens`. */
export function isReasoningModel(model: string): boolean {
  const name = model
    .trim()
    .toLowerCase()
    .replace(/^openai\//, '');
  return /^o[134](-|$)/.test(name) || (name.startsWith('gpt-5') && !name.includes('-chat'));
}

/** What went wrong with a call, by error class first and the OpenAI error body (type, code) second. */
export type ApiFailure =
  'timeout' | 'unreachable' | 'bad-endpoint' | 'rate-limit' | 'quota' | 'too-large' | 'auth' | 'forbidden' | 'model-not-found' | 'server' | 'rejected';

const RETRYABLE: ReadonlySet<ApiFailure> = new Set(['timeout', 'unreachable', 'rate-limit', 'server']);

const CONTEXT_WORDING = /context[_ ]length|maximum context|context window|too many tokens|prompt is too long/i;

function rootCause(error: unknown): Error | undefined {
  let cause = (error as { cause?: unknown }).cause;
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
  return cause instanceof Error ? cause : undefined;
}

/** The server's own sentence, from the error body when there is one; organisation and project ids left out of files that get committed. */
function serverMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  const text = (typeof body?.message === 'string' ? body.message : error.message).replace(/\b(org-|proj_)[A-Za-z0-9]{4,}/g, '$1…');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export function classifyApiError(error: unknown): ApiFailure | null {
  if (error instanceof APIConnectionTimeoutError) return 'timeout';
  if (error instanceof APIConnectionError) {
    const cause = rootCause(error) as NodeJS.ErrnoException | undefined;
    // A host that does not exist or a URL fetch refuses will not get better by asking again.
    if (cause?.code === 'ENOTFOUND' || /credentials|invalid url|bad port/i.test(cause?.message ?? '')) return 'bad-endpoint';
    return 'unreachable';
  }
  if (!(error instanceof APIError)) return null;
  const code = String(error.code ?? '');
  const type = String(error.type ?? '');
  if (error instanceof RateLimitError) {
    if (code === 'insufficient_quota' || type === 'insufficient_quota') return 'quota';
    if (/request too large/i.test(serverMessage(error))) return 'too-large';
    return 'rate-limit';
  }
  if (code === 'context_length_exceeded' || error.status === 413 || (error instanceof BadRequestError && CONTEXT_WORDING.test(serverMessage(error))))
    return 'too-large';
  if (error instanceof AuthenticationError) return 'auth';
  if (code === 'model_not_found') return 'model-not-found';
  if (error instanceof PermissionDeniedError) return 'forbidden';
  if (error instanceof NotFoundError) return /model/i.test(serverMessage(error)) ? 'model-not-found' : 'bad-endpoint';
  if (error.status === 408 || error.status === 409 || (error.status ?? 0) >= 500) return 'server';
  return 'rejected';
}

/** How long the server asked to wait: Retry-After-Ms, Retry-After (seconds or a date), or "try again in 20s" in its message. */
export function serverWaitMs(error: unknown): number | undefined {
  if (!(error instanceof APIError)) return undefined;
  const ms = Number.parseFloat(error.headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const header = error.headers?.get('retry-after');
  if (header) {
    const seconds = Number.parseFloat(header);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(header);
    if (Number.isFinite(date)) return Math.max(0, date - Date.now());
  }
  const said = /try again in (?:(\d+)m)?(\d+(?:\.\d+)?)(ms|s)\b/i.exec(serverMessage(error));
  if (said) return (Number(said[1] ?? 0) * 60 + Number(said[2]) / (said[3] === 'ms' ? 1000 : 1)) * 1000;
  return undefined;
}

const backoffMs = (attempt: number) => Math.min(8_000, 500 * 2 ** (attempt - 1)) * (1 - Math.random() * 0.25);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface CallContext {
  task: Task;
  endpoint: ProviderEndpoint;
  attempts: number;
  config: Pick<PipelineConfig, 'timeoutMs' | 'apiKey'>;
}

const modelSetting = (task: Task) => (task === 'notes' ? 'LEARNSPACE_NOTES_MODEL' : 'LEARNSPACE_QUIZ_MODEL');
const endpointSetting = (task: Task) => `${task === 'notes' ? 'NOTES_GENERATION_ENDPOINT' : 'QUIZ_GENERATION_ENDPOINT'} or OPENAI_BASE_URL`;

/** Turns an SDK error into a message a user can act on; the endpoint shown without credentials, the key never. */
export function describeApiError(error: unknown, context: CallContext): string {
  const { task, endpoint, attempts, config } = context;
  const where = displayEndpoint(endpoint.baseURL ?? DEFAULT_BASE_URL);
  const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
  const failure = classifyApiError(error);
  // A connection error is an APIError too in the SDK, but has no status or body.
  const api = error instanceof APIError && !(error instanceof APIConnectionError) ? error : undefined;
  const said = api ? serverMessage(api) : '';
  const status = `${api?.status ?? ''}${api?.code ? ` ${String(api.code)}` : ''}`;
  let message: string;
  switch (failure) {
    case 'timeout':
      message = `${task} generation timed out after ${config.timeoutMs} ms (${tries}) at ${where}; raise LEARNSPACE_TIMEOUT_MS or use a faster model`;
      break;
    case 'unreachable':
      message = `cannot reach ${where} for ${task} generation (${tries}): ${rootCause(error)?.message ?? (error as Error).message}`;
      break;
    case 'bad-endpoint':
      message = api
        ? `${where} has no chat completions API (404 for ${where}/chat/completions) for ${task} generation; check ${endpointSetting(task)} (OpenAI-compatible servers usually end in /v1)`
        : `cannot use ${where} for ${task} generation: ${rootCause(error)?.message ?? (error as Error).message}; check ${endpointSetting(task)}`;
      break;
    case 'quota':
      message = `${task} generation: the account at ${where} has run out of quota (429 insufficient_quota: "${said}"). This is billing, not a rate limit, so it was not retried: check the plan and billing details of the account behind OPENAI_API_KEY`;
      break;
    case 'rate-limit': {
      const wait = serverWaitMs(error);
      const asked = wait === undefined ? '' : `, the server asks to wait ${Math.ceil(wait / 1000)} s`;
      message = `${task} generation was rate limited by ${where} (429, ${tries}${asked}): "${said}"; lower LEARNSPACE_CONCURRENCY or try again later`;
      break;
    }
    case 'too-large':
      message = `${task}: the request is too large for ${endpoint.model} at ${where} (${status}: "${said}")`;
      break;
    case 'auth':
      message = `${where} rejected the API key for ${task} generation (401); check OPENAI_API_KEY`;
      break;
    case 'forbidden':
      message = `${where} refused ${task} generation (${status}: "${said}"); check that the key's project may use model "${endpoint.model}" (${modelSetting(task)})`;
      break;
    case 'model-not-found':
      message = `model "${endpoint.model}" does not exist at ${where} or the key has no access to it (${status}) for ${task} generation; check ${modelSetting(task)}`;
      break;
    case 'server':
      message = `${task} generation failed at ${where} (${api?.status ?? 'no status'}, ${tries}): ${api?.message ?? ''}`;
      break;
    case 'rejected':
      message = `${task} generation failed at ${where} (${status}): ${said}`;
      break;
    default:
      message = error instanceof PipelineError ? error.message : `${task} generation failed: ${(error as Error).message}`;
  }
  return redactEndpointSecrets(message, [endpoint.baseURL], [config.apiKey]);
}

/** The server found the request (or the answer it would need) too large: the caller splits the transcript. */
class RequestTooLargeError extends PipelineError {
  override name = 'RequestTooLargeError';
}

/** Creates one client per distinct endpoint, configured once (baseURL, key, timeout); retries are ours, decided per failure. */
function clientsFor(config: PipelineConfig): Record<Task, OpenAI> {
  const cache = new Map<string, OpenAI>();
  const make = (endpoint: ProviderEndpoint) => {
    const baseURL = endpoint.baseURL ?? DEFAULT_BASE_URL;
    let client = cache.get(baseURL);
    if (!client) {
      // Local servers behind a per-task endpoint usually need no key, but the SDK requires a value.
      client = new OpenAI({ apiKey: config.apiKey ?? 'no-key', baseURL, timeout: config.timeoutMs, maxRetries: 0 });
      cache.set(baseURL, client);
    }
    return client;
  };
  return { notes: make(config.notes), quiz: make(config.quiz) };
}

/** The synchronous transport on its own: batch mode asks here what a batch could not answer usefully. */
export function liveTransport(config: PipelineConfig): ChatTransport {
  const clients = clientsFor(config);
  return (task, body) => clients[task].chat.completions.create(body);
}

/** Structured-output formats, converted from zod once per schema rather than on every call (the conversion is CPU between calls). */
function responseFormats(): <T>(schema: z.ZodType<T>, name: string) => ReturnType<typeof zodResponseFormat<z.ZodType<T>>> {
  const cache = new Map<string, unknown>();
  return <T>(schema: z.ZodType<T>, name: string) => {
    let format = cache.get(name) as ReturnType<typeof zodResponseFormat<z.ZodType<T>>> | undefined;
    if (!format) {
      format = zodResponseFormat(schema, name);
      cache.set(name, format);
    }
    return format;
  };
}

/** The OpenAI-compatible generator; notes and quiz may go to different endpoints and models. */
export function createOpenAIGenerator(config: PipelineConfig, options: GeneratorOptions = {}): NotesAndQuizGenerator {
  const clients = clientsFor(config);
  const responseFormat = responseFormats();
  const transport: ChatTransport = options.transport ?? ((task, body) => clients[task].chat.completions.create(body));

  /** Runs `run` over the parts in order; with allPartsAtOnce all start together and a real failure wins over a deferred answer. */
  async function eachPart<P, T>(parts: readonly P[], run: (part: P) => Promise<T[]>): Promise<T[]> {
    if (!options.allPartsAtOnce) {
      const results: T[] = [];
      for (const part of parts) results.push(...(await run(part)));
      return results;
    }
    const settled = await Promise.allSettled(parts.map(run));
    const failures = settled.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const failure = failures.find((f) => !(f instanceof AnswerDeferredError)) ?? failures[0];
    if (failure) throw failure;
    return settled.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
  }

  /** One answer from the model, with transport retries for what waiting can fix. */
  async function ask(
    task: Task,
    schema: z.ZodType<unknown>,
    schemaName: string,
    system: string,
    user: string,
    label: string,
  ): Promise<string | null | undefined> {
    const endpoint = config[task];
    const sampling = isReasoningModel(endpoint.model) ? { max_completion_tokens: MAX_COMPLETION_TOKENS } : { temperature: 0.2 };
    for (let attempt = 1; ; attempt++) {
      let choice;
      try {
        const completion = await transport(
          task,
          {
            model: endpoint.model,
            messages: [
              { role: 'system', content: system },
              { role: 'user', content: user },
            ],
            response_format: responseFormat(schema, schemaName),
            ...sampling,
          },
          label,
        );
        choice = completion.choices?.[0];
      } catch (error) {
        if (error instanceof AnswerDeferredError) throw error;
        const failure = classifyApiError(error);
        const context = { task, endpoint, attempts: attempt, config };
        if (failure === 'too-large') throw new RequestTooLargeError(describeApiError(error, context));
        const wait = serverWaitMs(error) ?? backoffMs(attempt);
        if (!failure || !RETRYABLE.has(failure) || attempt > config.maxRetries || wait > LONGEST_WAIT_MS)
          throw new PipelineError(describeApiError(error, context));
        await sleep(wait);
        continue;
      }
      if (choice?.message?.refusal) throw new PipelineError(`${label}: the model refused (${choice.message.refusal.slice(0, 120)})`);
      if (choice?.finish_reason === 'length') throw new RequestTooLargeError(`${label}: the model's answer was cut off (finish_reason length)`);
      return choice?.message?.content;
    }
  }

  /** A validated answer; an unusable one (not JSON, off-schema, empty) is asked for once more with a fresh call. */
  async function complete<T>(task: Task, schema: z.ZodType<T>, schemaName: string, system: string, user: string, label: string): Promise<T> {
    for (let answer = 1; ; answer++) {
      const content = await ask(task, schema, schemaName, system, user, label);
      try {
        return parseModelOutput(content, schema, label);
      } catch (error) {
        if (!(error instanceof UnusableAnswerError)) throw error;
        if (answer >= 2) throw new PipelineError(`${error.message} (asked twice)`);
      }
    }
  }

  /** Runs one stretch of transcript; when the server finds it too large, halves it and runs each half. */
  async function bySplitting<T>(segments: Segment[], run: (segments: Segment[], part: boolean) => Promise<T>, part: boolean, splits = 0): Promise<T[]> {
    try {
      return [await run(segments, part)];
    } catch (error) {
      if (!(error instanceof RequestTooLargeError)) throw error;
      const halves = splits < MAX_SPLITS ? halve(segments) : null;
      if (!halves)
        throw new PipelineError(
          `${error.message}, even with the transcript split ${splits} time${splits === 1 ? '' : 's'}; lower LEARNSPACE_TOKEN_BUDGET (now ${config.tokenBudget}) or use a model with a longer context`,
        );
      return eachPart(halves, (half) => bySplitting(half, run, true, splits + 1));
    }
  }

  const partName = (task: Task, segments: readonly Segment[]) => `${task} (part from ${formatTimestamp(segments[0]?.startMs ?? 0)})`;

  /** Partial notes joined without a model, when even the merge call would be too large. */
  const joinNotes = (partials: Notes[]): Notes => {
    const seen = new Set<string>();
    return {
      summary: partials.map((p) => p.summary).join(' '),
      sections: partials.flatMap((p) => p.sections),
      glossary: partials.flatMap((p) => p.glossary).filter((g) => !seen.has(g.term.toLowerCase()) && seen.add(g.term.toLowerCase())),
    };
  };

  return {
    provider: 'openai',
    model: openAIModelName(config),

    async generateNotes(input: GenerationInput) {
      const countTokens = await tokenCounterFor(config.notes.model);
      const chunks = chunkSegments(input.segments, config.tokenBudget, countTokens);
      const notesFor = (segments: Segment[], part: boolean) =>
        complete(
          'notes',
          notesModelSchema,
          'study_notes',
          notesPrompt(input, chaptersWithin(input.chapters ?? [], segments)),
          transcriptMessage(input, segments, { part }),
          part ? partName('notes', segments) : 'notes',
        );
      const partials: Notes[] = await eachPart(chunks, (segments) => bySplitting(segments, notesFor, chunks.length > 1));
      if (partials.length === 1) return partials[0]!;
      const partialsJson = JSON.stringify(partials.map((p, i) => ({ part: i + 1, ...p })));
      // Too many parts to merge in one call: keep every section and join the summaries.
      if (countTokens(partialsJson) > config.tokenBudget) return joinNotes(partials);
      try {
        return await complete(
          'notes',
          notesModelSchema,
          'study_notes',
          mergePrompt(input, input.chapters ?? []),
          mergeMessage(input, partialsJson),
          'notes (merge)',
        );
      } catch (error) {
        if (error instanceof RequestTooLargeError) return joinNotes(partials);
        throw error;
      }
    },

    async generateQuiz(input: GenerationInput & { notes: Notes }) {
      const countTokens = await tokenCounterFor(config.quiz.model);
      let chunks = chunkSegments(input.segments, config.tokenBudget, countTokens);
      if (chunks.length === 1) {
        try {
          return await complete(
            'quiz',
            videoQuizModelSchema,
            'video_quiz',
            quizPrompt(input, '5 to 10'),
            transcriptMessage(input, chunks[0]!, { notes: input.notes }),
            'quiz',
          );
        } catch (error) {
          if (!(error instanceof RequestTooLargeError)) throw error;
          const halves = halve(chunks[0]!);
          if (!halves)
            throw new PipelineError(`${error.message}; lower LEARNSPACE_TOKEN_BUDGET (now ${config.tokenBudget}) or use a model with a longer context`);
          chunks = halves;
        }
      }
      const perChunk = Math.max(1, Math.ceil(10 / chunks.length));
      const quizFor = (segments: Segment[]) =>
        complete(
          'quiz',
          videoQuizChunkModelSchema,
          'video_quiz_part',
          quizPrompt(input, String(perChunk)),
          transcriptMessage(input, segments, { part: true, notes: input.notes }),
          partName('quiz', segments),
        );
      const groups: VideoQuiz['questions'][] = (await eachPart(chunks, (segments) => bySplitting(segments, quizFor, true))).map((part) => part.questions);
      const questions = drawAcross(groups, 10).sort((a, b) => a.startMs - b.startMs);
      return parseModelOutput(JSON.stringify({ questions }), videoQuizSchema, 'quiz (merged parts)');
    },
  };
}
