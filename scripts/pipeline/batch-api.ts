/**
 * The OpenAI Batch API as the pipeline uses it: upload a JSONL of chat
 * completion requests (POST /v1/files, purpose "batch"), create a batch over it
 * (POST /v1/batches), poll it (GET /v1/batches/{id}) and download its output
 * and error files (GET /v1/files/{id}/content), read line by line. A server
 * without these endpoints (404/405) is told apart so the run can fall back.
 */
import OpenAI, { APIError, toFile } from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { PipelineConfig } from './config.ts';
import { displayEndpoint, redactEndpointSecrets } from './endpoint-url.ts';
import { PipelineError } from './adapters.ts';
import type { Task } from './openai-provider.ts';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** One line of a batch input file. */
export interface BatchRequestLine {
  custom_id: string;
  method: 'POST';
  url: '/v1/chat/completions';
  body: ChatCompletionCreateParamsNonStreaming;
}

/** What a batch said about one request: a completion, an error answer, a request it never ran (expired, cancelled), or a line we could not read. */
export type BatchAnswer =
  | { kind: 'completion'; completion: ChatCompletion; batchId: string }
  | { kind: 'error'; status: number; body: unknown; batchId: string }
  | { kind: 'unfinished'; code: string; batchId: string }
  | { kind: 'malformed'; reason: string; batchId: string };

export const TERMINAL_STATUSES = ['completed', 'failed', 'expired', 'cancelled'] as const;
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

export interface BatchState {
  id: string;
  status: string;
  outputFileId: string | null;
  errorFileId: string | null;
  counts: { total: number; completed: number; failed: number };
  /** Why a batch failed validation (OpenAI's `errors.data[].message`, with the line when given). */
  errors: string[];
}

export const isTerminal = (status: string): status is TerminalStatus => (TERMINAL_STATUSES as readonly string[]).includes(status);

/** The server answered 404 or 405 on a Batch API path: it has none (Ollama, vLLM, LM Studio). */
export class BatchUnsupportedError extends PipelineError {
  override name = 'BatchUnsupportedError';
}

export interface BatchClient {
  /** Uploads the lines and creates a batch over them; returns its id. */
  submit(task: Task, lines: readonly BatchRequestLine[]): Promise<string>;
  retrieve(task: Task, id: string): Promise<BatchState>;
  /** Every answer in the batch's output and error files, by custom_id. */
  answers(task: Task, state: BatchState): Promise<Map<string, BatchAnswer>>;
}

const CUSTOM_ID = /"custom_id"\s*:\s*"((?:[^"\\]|\\.)*)"/;

/** Reads one output or error file line in OpenAI's format `{id, custom_id, response: {status_code, request_id, body}, error}`. */
export function readAnswerLine(line: string, batchId: string): { customId: string; answer: BatchAnswer } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    const customId = CUSTOM_ID.exec(line)?.[1];
    return customId ? { customId, answer: { kind: 'malformed', reason: 'not valid JSON', batchId } } : null;
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { custom_id?: unknown }).custom_id !== 'string') return null;
  const {
    custom_id: customId,
    response,
    error,
  } = parsed as { custom_id: string; response?: { status_code?: unknown; body?: unknown } | null; error?: { code?: unknown; message?: unknown } | null };
  if (response && typeof response.status_code === 'number') {
    if (response.status_code === 200) {
      const body = response.body as Partial<ChatCompletion> | undefined;
      if (!body || !Array.isArray(body.choices)) return { customId, answer: { kind: 'malformed', reason: 'a 200 response without choices', batchId } };
      return { customId, answer: { kind: 'completion', completion: body as ChatCompletion, batchId } };
    }
    return { customId, answer: { kind: 'error', status: response.status_code, body: response.body, batchId } };
  }
  if (error && typeof error === 'object')
    return { customId, answer: { kind: 'unfinished', code: typeof error.code === 'string' ? error.code : 'error', batchId } };
  return { customId, answer: { kind: 'malformed', reason: 'neither a response nor an error', batchId } };
}

/** The SDK error a batch error line stands for, so it is classified exactly like a synchronous answer. */
export const errorOfAnswer = (answer: Extract<BatchAnswer, { kind: 'error' }>) =>
  APIError.generate(answer.status, answer.body as object, undefined, new Headers());

/** The Batch API client for each task's endpoint; the key goes only into the SDK's Authorization header. */
export function createBatchClient(config: Pick<PipelineConfig, 'apiKey' | 'timeoutMs' | 'notes' | 'quiz'>): BatchClient {
  const clients = new Map<string, OpenAI>();
  const clientFor = (task: Task) => {
    const baseURL = config[task].baseURL ?? DEFAULT_BASE_URL;
    let client = clients.get(baseURL);
    if (!client) {
      client = new OpenAI({ apiKey: config.apiKey ?? 'no-key', baseURL, timeout: config.timeoutMs, maxRetries: 2 });
      clients.set(baseURL, client);
    }
    return client;
  };
  const where = (task: Task) => displayEndpoint(config[task].baseURL ?? DEFAULT_BASE_URL);

  /** Turns an SDK failure into a message naming the endpoint and the Batch API call; 404/405 become BatchUnsupportedError. */
  const failure = (task: Task, call: string, error: unknown): Error => {
    const redact = (text: string) => redactEndpointSecrets(text, [config[task].baseURL], [config.apiKey]);
    if (error instanceof APIError && (error.status === 404 || error.status === 405)) {
      return new BatchUnsupportedError(redact(`${where(task)} has no Batch API (${error.status} on ${call})`));
    }
    const status = error instanceof APIError && error.status ? ` (${error.status})` : '';
    const body = error instanceof APIError ? (error.error as { message?: unknown } | undefined) : undefined;
    const said = typeof body?.message === 'string' ? body.message : (error as Error).message;
    return new PipelineError(redact(`batch ${call} at ${where(task)} failed${status}: ${said}`));
  };

  const download = async (task: Task, fileId: string): Promise<string> => {
    try {
      return await (await clientFor(task).files.content(fileId)).text();
    } catch (error) {
      throw failure(task, `GET /files/${fileId}/content`, error);
    }
  };

  return {
    async submit(task, lines) {
      const client = clientFor(task);
      const jsonl = lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
      let fileId: string;
      try {
        const file = await client.files.create({
          file: await toFile(Buffer.from(jsonl), `learnspace-${task}.jsonl`, { type: 'application/jsonl' }),
          purpose: 'batch',
        });
        fileId = file.id;
      } catch (error) {
        throw failure(task, 'POST /files', error);
      }
      try {
        const batch = await client.batches.create({
          input_file_id: fileId,
          endpoint: '/v1/chat/completions',
          completion_window: '24h',
          metadata: { source: 'learnspace', task },
        });
        return batch.id;
      } catch (error) {
        throw failure(task, 'POST /batches', error);
      }
    },

    async retrieve(task, id) {
      try {
        const batch = await clientFor(task).batches.retrieve(id);
        const counts = batch.request_counts ?? { total: 0, completed: 0, failed: 0 };
        const errors = (batch.errors?.data ?? []).map((e) => `${e.line ? `line ${e.line}: ` : ''}${e.message ?? e.code ?? 'error'}`);
        return { id: batch.id, status: batch.status, outputFileId: batch.output_file_id ?? null, errorFileId: batch.error_file_id ?? null, counts, errors };
      } catch (error) {
        throw failure(task, `GET /batches/${id}`, error);
      }
    },

    async answers(task, state) {
      const answers = new Map<string, BatchAnswer>();
      for (const fileId of [state.errorFileId, state.outputFileId]) {
        if (!fileId) continue;
        for (const line of (await download(task, fileId)).split('\n')) {
          if (!line.trim()) continue;
          const read = readAnswerLine(line, state.id);
          // An answer wins over an error line for the same request.
          if (read && !(answers.get(read.customId)?.kind === 'completion')) answers.set(read.customId, read.answer);
        }
      }
      return answers;
    },
  };
}
