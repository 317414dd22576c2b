/**
 * A local OpenAI-compatible server (POST /v1/chat/completions on 127.0.0.1)
 * whose behaviour each test sets: valid structured output, broken output,
 * OpenAI's own error answers, server errors, hangs and latency. It counts what
 * it received, on any path. It also serves the Batch API (/v1/files,
 * /v1/batches) with OpenAI's object shapes: multipart upload, input validation,
 * the lifecycle validating → in_progress → finalizing → completed (or expired,
 * failed, held in progress), and output and error files in OpenAI's line format;
 * each batched request is answered by the same behaviour as a synchronous one.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface ReceivedRequest {
  schemaName: string;
  model: string;
  body: {
    messages: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
    temperature?: number;
    max_completion_tokens?: number;
    max_tokens?: number;
  };
  authorization: string | undefined;
  /** The path and query as received. */
  url: string;
  /** The batch that carried it, for a batched request. */
  batchId?: string;
}

export type Reply =
  | { kind: 'json'; content: unknown }
  | { kind: 'raw'; content: string; finishReason?: string }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'hang' };

export type Behaviour = (request: ReceivedRequest, count: number) => Reply;

export const sampleNotes = (startMs = 0) => ({
  summary: 'A neural network is a function built from layers of neurons.',
  sections: [
    { title: 'Neurons', body: '- A neuron holds a number between 0 and 1.', startMs, keyTerms: ['neuron', 'activation'] },
    { title: 'Layers', body: '- Activations in one layer determine the next.', startMs: startMs + 1000, keyTerms: ['layer'] },
  ],
  glossary: [{ term: 'activation', definition: 'The number a neuron holds is called its activation.', startMs }],
});

export const sampleQuestion = (i: number, startMs = 0) => ({
  prompt: `Question ${i}: what does a neuron hold?`,
  choices: ['A number', 'A picture', 'A word', 'A layer'],
  answer: 0,
  explanation: 'A neuron holds a number, its activation.',
  startMs: startMs + i * 1000,
  kind: 'definition',
});

/** One of OpenAI's recorded error answers (tests/fixtures/pipeline/openai-errors/<name>.json). */
export function openAIErrorReply(name: string, headers: Record<string, string> = {}): Reply {
  const recorded = JSON.parse(readFileSync(join(import.meta.dirname, '../../../fixtures/pipeline/openai-errors', `${name}.json`), 'utf8')) as {
    status: number;
    headers: Record<string, string>;
    body: unknown;
  };
  return { kind: 'status', status: recorded.status, headers: { ...recorded.headers, ...headers }, body: recorded.body };
}

/** The transcript part of a request's user message. */
export const transcriptOf = (request: ReceivedRequest) => /<transcript>\n([\s\S]*)\n<\/transcript>/.exec(request.body.messages[1]?.content ?? '')?.[1] ?? '';

/** Valid structured output for whichever schema the request asks for. */
export const validBehaviour: Behaviour = (request) => {
  if (request.schemaName === 'study_notes') return { kind: 'json', content: sampleNotes() };
  const count = request.schemaName === 'video_quiz_part' ? 3 : 6;
  return { kind: 'json', content: { questions: Array.from({ length: count }, (_, i) => sampleQuestion(i)) } };
};

/** How a batch ends: completed; expired after `done` requests (the rest in the error file as batch_expired); failed validation; never finished. */
export type BatchFate = { kind: 'complete' } | { kind: 'expire'; done: number } | { kind: 'fail'; message: string } | { kind: 'hold' };

interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  content: string;
  created_at: number;
}

export interface StoredBatch {
  id: string;
  object: 'batch';
  endpoint: string;
  errors: { object: 'list'; data: { code: string; message: string; param: string | null; line: number | null }[] } | null;
  input_file_id: string;
  completion_window: string;
  status: 'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'expired' | 'cancelling' | 'cancelled';
  output_file_id: string | null;
  error_file_id: string | null;
  created_at: number;
  in_progress_at: number | null;
  expires_at: number;
  finalizing_at: number | null;
  completed_at: number | null;
  failed_at: number | null;
  expired_at: number | null;
  cancelling_at: number | null;
  cancelled_at: number | null;
  request_counts: { total: number; completed: number; failed: number };
  metadata: Record<string, string> | null;
}

export interface LocalOpenAI {
  baseURL: string;
  /** Synchronous chat completions. */
  requests: ReceivedRequest[];
  /** Requests answered inside batches, in the order they ran. */
  batchedRequests: ReceivedRequest[];
  /** Every POST /v1/batches and /v1/files, accepted or not. */
  batchCreations: number;
  fileUploads: number;
  batches: Map<string, StoredBatch>;
  /** false: /v1/files and /v1/batches answer 404 like Ollama. */
  batchApi: boolean;
  /** How each new batch ends (decided when it is polled past in_progress). */
  batchFate: (batch: StoredBatch) => BatchFate;
  /** Rewrites an output file line before it is served (to test unreadable lines). */
  outputLine: (line: string, customId: string) => string;
  /** Every HTTP request, on any path (a wrong base URL shows up here, not in `requests`). */
  hits: number;
  behaviour: Behaviour;
  latencyMs: number;
  close(): Promise<void>;
}

const now = () => Math.floor(Date.now() / 1000);
const nextId = (() => {
  let n = 0;
  return (prefix: string) => `${prefix}${(++n).toString(36).padStart(6, '0')}${Math.random().toString(36).slice(2, 10)}`;
})();

/** OpenAI's error body for a request it rejects. */
const invalid = (message: string, param: string | null = null) => ({ error: { message, type: 'invalid_request_error', param, code: null } });

export async function startOpenAIServer(behaviour: Behaviour = validBehaviour): Promise<LocalOpenAI> {
  const hanging: ServerResponse[] = [];
  const files = new Map<string, StoredFile>();
  const state: LocalOpenAI = {
    baseURL: '',
    requests: [],
    batchedRequests: [],
    batchCreations: 0,
    fileUploads: 0,
    batches: new Map(),
    batchApi: true,
    batchFate: () => ({ kind: 'complete' }),
    outputLine: (line) => line,
    hits: 0,
    behaviour,
    latencyMs: 0,
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const completionBody = (model: string, content: string, finishReason: string, n: number) => ({
    id: `chatcmpl-${n}`,
    object: 'chat.completion',
    created: now(),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: finishReason, logprobs: null }],
    usage: { prompt_tokens: 100, completion_tokens: 100, total_tokens: 200 },
  });

  const storeFile = (filename: string, purpose: string, content: string): StoredFile => {
    const file = { id: nextId('file-'), filename, purpose, content, created_at: now() };
    files.set(file.id, file);
    return file;
  };
  const fileObject = (file: StoredFile) => ({
    object: 'file',
    id: file.id,
    purpose: file.purpose,
    filename: file.filename,
    bytes: Buffer.byteLength(file.content),
    created_at: file.created_at,
    expires_at: null,
    status: 'processed',
    status_details: null,
  });

  /** Runs a batch's requests through the behaviour and writes its output and error files, as OpenAI does when it finishes. */
  const finishBatch = (batch: StoredBatch, fate: BatchFate) => {
    const lines = (files.get(batch.input_file_id)?.content ?? '').split('\n').filter((l) => l.trim());
    const output: string[] = [];
    const errors: string[] = [];
    lines.forEach((raw, index) => {
      const line = JSON.parse(raw) as { custom_id: string; body: ReceivedRequest['body'] & { model: string } };
      const requestId = nextId('req_');
      const entry = (response: unknown, error: unknown) => JSON.stringify({ id: nextId('batch_req_'), custom_id: line.custom_id, response, error });
      if (fate.kind === 'expire' && index >= fate.done) {
        errors.push(entry(null, { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' }));
        return;
      }
      const request: ReceivedRequest = {
        schemaName: line.body.response_format?.json_schema?.name ?? '',
        model: line.body.model,
        body: line.body,
        authorization: undefined,
        url: '/v1/chat/completions',
        batchId: batch.id,
      };
      state.batchedRequests.push(request);
      const reply = state.behaviour(request, state.requests.length + state.batchedRequests.length);
      if (reply.kind === 'status') {
        batch.request_counts.failed++;
        errors.push(
          entry(
            { status_code: reply.status, request_id: requestId, body: reply.body ?? { error: { message: `status ${reply.status}`, type: 'server_error' } } },
            null,
          ),
        );
        return;
      }
      batch.request_counts.completed++;
      const content = reply.kind === 'json' ? JSON.stringify(reply.content) : reply.kind === 'raw' ? reply.content : '';
      const finish = (reply.kind === 'raw' && reply.finishReason) || 'stop';
      output.push(
        state.outputLine(
          entry({ status_code: 200, request_id: requestId, body: completionBody(line.body.model, content, finish, state.batchedRequests.length) }, null),
          line.custom_id,
        ),
      );
    });
    if (output.length) batch.output_file_id = storeFile(`${batch.id}_output.jsonl`, 'batch_output', output.join('\n') + '\n').id;
    if (errors.length) batch.error_file_id = storeFile(`${batch.id}_error.jsonl`, 'batch_output', errors.join('\n') + '\n').id;
    batch.finalizing_at = now();
    if (fate.kind === 'expire') {
      batch.status = 'expired';
      batch.expired_at = now();
    } else {
      batch.status = 'completed';
      batch.completed_at = now();
    }
  };

  /** One poll: validating → in_progress → finalizing → the batch's fate. */
  const advance = (batch: StoredBatch) => {
    if (batch.status === 'validating') {
      batch.status = 'in_progress';
      batch.in_progress_at = now();
    } else if (batch.status === 'in_progress') {
      if (state.batchFate(batch).kind !== 'hold') batch.status = 'finalizing';
    } else if (batch.status === 'finalizing') {
      const fate = state.batchFate(batch);
      if (fate.kind === 'fail') {
        batch.status = 'failed';
        batch.failed_at = now();
        batch.errors = { object: 'list', data: [{ code: 'invalid_request', message: fate.message, param: null, line: 1 }] };
      } else finishBatch(batch, fate);
    }
  };

  /** The Batch API paths; false when the path is not one of them. */
  const batchApi = async (req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<boolean> => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (!path.startsWith('/v1/files') && !path.startsWith('/v1/batches')) return false;
    const send = (status: number, payload: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    if (req.method === 'POST' && path === '/v1/batches') state.batchCreations++;
    if (req.method === 'POST' && path === '/v1/files') state.fileUploads++;
    if (!state.batchApi) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
      return true;
    }
    if (req.method === 'POST' && path === '/v1/files') {
      // Real multipart parsing: the platform's own form-data reader over the raw body.
      const form = await new Request('http://127.0.0.1/v1/files', {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: new Uint8Array(body),
      }).formData();
      const file = form.get('file');
      const purpose = form.get('purpose');
      if (!(file instanceof File)) return (send(400, invalid("'file' is a required property", 'file')), true);
      if (purpose !== 'batch')
        return (
          send(400, invalid(`'${String(purpose)}' is not one of ['fine-tune', 'assistants', 'batch', 'user_data', 'evals', 'vision'] - 'purpose'`, 'purpose')),
          true
        );
      send(200, fileObject(storeFile(file.name, 'batch', await file.text())));
      return true;
    }
    const content = /^\/v1\/files\/([^/]+)\/content$/.exec(path);
    if (req.method === 'GET' && content) {
      const file = files.get(content[1] ?? '');
      if (!file) return (send(404, invalid(`No such File object: ${content[1]}`, 'id')), true);
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file.content);
      return true;
    }
    if (req.method === 'POST' && path === '/v1/batches') {
      const request = JSON.parse(body.toString('utf8')) as {
        input_file_id?: string;
        endpoint?: string;
        completion_window?: string;
        metadata?: Record<string, string>;
      };
      const input = files.get(request.input_file_id ?? '');
      if (!input) return (send(400, invalid(`Invalid 'input_file_id': '${request.input_file_id}'. File not found.`, 'input_file_id')), true);
      if (request.completion_window !== '24h')
        return (send(400, invalid(`Invalid 'completion_window': '${request.completion_window}'. Supported values are: '24h'.`, 'completion_window')), true);
      const lines = input.content.split('\n').filter((l) => l.trim());
      const created = now();
      const batch: StoredBatch = {
        id: nextId('batch_'),
        object: 'batch',
        endpoint: request.endpoint ?? '',
        errors: null,
        input_file_id: input.id,
        completion_window: '24h',
        status: 'validating',
        output_file_id: null,
        error_file_id: null,
        created_at: created,
        in_progress_at: null,
        expires_at: created + 86_400,
        finalizing_at: null,
        completed_at: null,
        failed_at: null,
        expired_at: null,
        cancelling_at: null,
        cancelled_at: null,
        request_counts: { total: lines.length, completed: 0, failed: 0 },
        metadata: request.metadata ?? null,
      };
      // What OpenAI checks while validating: each line's shape, unique custom_ids, one model, the batch's endpoint.
      const seen = new Set<string>();
      const models = new Set<string>();
      const problems: { code: string; message: string; param: string | null; line: number | null }[] = [];
      lines.forEach((raw, i) => {
        try {
          const line = JSON.parse(raw) as { custom_id?: string; method?: string; url?: string; body?: { model?: string } };
          if (!line.custom_id || seen.has(line.custom_id))
            problems.push({
              code: 'duplicate_custom_id',
              message: 'The custom_id for this request is a duplicate of another request. The custom_id parameter must be unique for each request in a batch.',
              param: 'custom_id',
              line: i + 1,
            });
          seen.add(line.custom_id ?? '');
          if (line.method !== 'POST' || line.url !== request.endpoint)
            problems.push({ code: 'invalid_url', message: `The URL provided for this request does not match the batch endpoint.`, param: 'url', line: i + 1 });
          models.add(line.body?.model ?? '');
        } catch {
          problems.push({ code: 'invalid_json_line', message: 'This line is not parseable as valid JSON.', param: null, line: i + 1 });
        }
      });
      if (models.size > 1)
        problems.push({
          code: 'mismatched_model',
          message: 'The provided model name must be the same across all requests in the file.',
          param: 'body.model',
          line: null,
        });
      if (problems.length) {
        batch.status = 'failed';
        batch.failed_at = created;
        batch.errors = { object: 'list', data: problems };
      }
      state.batches.set(batch.id, batch);
      send(200, batch);
      return true;
    }
    const one = /^\/v1\/batches\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && one) {
      const batch = state.batches.get(one[1] ?? '');
      if (!batch) return (send(404, invalid(`No batch found with id '${one[1]}'.`, 'batch_id')), true);
      advance(batch);
      send(200, batch);
      return true;
    }
    send(404, invalid(`Invalid URL (${req.method} ${path})`));
    return true;
  };

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    state.hits++;
    if (await batchApi(req, raw, res)) return;
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/v1/chat/completions') {
      // What Ollama answers on a path it does not serve.
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
      return;
    }
    const body = JSON.parse(text) as ReceivedRequest['body'] & { model: string };
    const request: ReceivedRequest = {
      schemaName: body.response_format?.json_schema?.name ?? '',
      model: body.model,
      body,
      authorization: req.headers.authorization,
      url: req.url ?? '',
    };
    state.requests.push(request);
    const reply = state.behaviour(request, state.requests.length);
    if (state.latencyMs) await new Promise((r) => setTimeout(r, state.latencyMs));
    if (reply.kind === 'hang') {
      hanging.push(res);
      return;
    }
    if (reply.kind === 'status') {
      res
        .writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
        .end(JSON.stringify(reply.body ?? { error: { message: `status ${reply.status}`, type: 'server_error' } }));
      return;
    }
    const content = reply.kind === 'json' ? JSON.stringify(reply.content) : reply.content;
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(completionBody(body.model, content, (reply.kind === 'raw' && reply.finishReason) || 'stop', state.requests.length)));
  };
  // A request the server cannot read (bad JSON) gets a 500, as a real server answers, instead of an unhandled rejection.
  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}
