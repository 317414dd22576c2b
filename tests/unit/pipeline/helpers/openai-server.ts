/**
 * A local OpenAI-compatible server (POST /v1/chat/completions on 127.0.0.1)
 * whose behaviour each test sets: valid structured output, broken output,
 * OpenAI's own error answers, server errors, hangs and latency. It counts what
 * it received, on any path.
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
  glossary: [{ term: 'activation', definition: "The number a neuron holds is called its activation.", startMs }],
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
  const recorded = JSON.parse(readFileSync(join(import.meta.dirname, '../../../fixtures/pipeline/openai-errors', `${name}.json`), 'utf8')) as { status: number; headers: Record<string, string>; body: unknown };
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

export interface LocalOpenAI {
  baseURL: string;
  requests: ReceivedRequest[];
  /** Every HTTP request, on any path (a wrong base URL shows up here, not in `requests`). */
  hits: number;
  behaviour: Behaviour;
  latencyMs: number;
  close(): Promise<void>;
}

export async function startOpenAIServer(behaviour: Behaviour = validBehaviour): Promise<LocalOpenAI> {
  const hanging: ServerResponse[] = [];
  const state: LocalOpenAI = {
    baseURL: '',
    requests: [],
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
  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    state.hits++;
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/v1/chat/completions') {
      // What Ollama answers on a path it does not serve.
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
      return;
    }
    const body = JSON.parse(text) as ReceivedRequest['body'] & { model: string };
    const request: ReceivedRequest = { schemaName: body.response_format?.json_schema?.name ?? '', model: body.model, body, authorization: req.headers.authorization, url: req.url ?? '' };
    state.requests.push(request);
    const reply = state.behaviour(request, state.requests.length);
    if (state.latencyMs) await new Promise((r) => setTimeout(r, state.latencyMs));
    if (reply.kind === 'hang') {
      hanging.push(res);
      return;
    }
    if (reply.kind === 'status') {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.body ?? { error: { message: `status ${reply.status}`, type: 'server_error' } }));
      return;
    }
    const content = reply.kind === 'json' ? JSON.stringify(reply.content) : reply.content;
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `chatcmpl-${state.requests.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: (reply.kind === 'raw' && reply.finishReason) || 'stop', logprobs: null }],
        usage: { prompt_tokens: 100, completion_tokens: 100, total_tokens: 200 },
      }),
    );
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
