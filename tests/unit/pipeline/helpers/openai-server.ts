/**
 * A local OpenAI-compatible server (POST /v1/chat/completions on 127.0.0.1)
 * whose behaviour each test sets: valid structured output, broken output,
 * rate limits, server errors, hangs and latency. It counts what it received.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  schemaName: string;
  model: string;
  body: { messages: { role: string; content: string }[]; response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } } };
  authorization: string | undefined;
}

export type Reply =
  | { kind: 'json'; content: unknown }
  | { kind: 'raw'; content: string }
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

/** Valid structured output for whichever schema the request asks for. */
export const validBehaviour: Behaviour = (request) => {
  if (request.schemaName === 'study_notes') return { kind: 'json', content: sampleNotes() };
  const count = request.schemaName === 'video_quiz_part' ? 3 : 6;
  return { kind: 'json', content: { questions: Array.from({ length: count }, (_, i) => sampleQuestion(i)) } };
};

export interface LocalOpenAI {
  baseURL: string;
  requests: ReceivedRequest[];
  behaviour: Behaviour;
  latencyMs: number;
  close(): Promise<void>;
}

export async function startOpenAIServer(behaviour: Behaviour = validBehaviour): Promise<LocalOpenAI> {
  const hanging: ServerResponse[] = [];
  const state: LocalOpenAI = {
    baseURL: '',
    requests: [],
    behaviour,
    latencyMs: 0,
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(text) as ReceivedRequest['body'] & { model: string };
    const request: ReceivedRequest = { schemaName: body.response_format?.json_schema?.name ?? '', model: body.model, body, authorization: req.headers.authorization };
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
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
        usage: { prompt_tokens: 100, completion_tokens: 100, total_tokens: 200 },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}
