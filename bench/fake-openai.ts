/**
 * A local OpenAI-compatible chat completions server for the cold pipeline
 * benchmark: fixed latency per call, valid structured output for the notes
 * and quiz schemas (told apart by the response_format schema name), and a
 * record of when each call started and ended, to measure real concurrency.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Notes, VideoQuiz } from '../src/lib/schema.ts';

export interface FakeOpenAI {
  /** Base URL to pass as OPENAI_BASE_URL. */
  baseURL: string;
  calls: { startedAt: number; endedAt: number; schema: string }[];
  /** Most calls in flight at once so far. */
  peakInFlight: () => number;
  reset: () => void;
  close: () => Promise<void>;
}

const NOTES: Notes = {
  summary: 'The video builds the idea step by step, from a picture of the problem to the rule that solves it.',
  sections: [
    { title: 'The picture', body: '- A function as a landscape\n- Its slope says which way is downhill', startMs: 0, keyTerms: ['slope', 'landscape'] },
    { title: 'The rule', body: '- Step against the gradient\n- Smaller steps near the minimum', startMs: 60_000, keyTerms: ['gradient', 'step size'] },
    {
      title: 'Why it works',
      body: '- Each step lowers the cost a little\n- Repeating it finds a local minimum',
      startMs: 120_000,
      keyTerms: ['local minimum'],
    },
  ],
  glossary: [{ term: 'gradient', definition: 'The gradient is the direction of steepest ascent.', startMs: 60_000 }],
};

const QUESTIONS: VideoQuiz['questions'] = Array.from({ length: 5 }, (_, i) => ({
  prompt: `Which statement about step ${i + 1} is right?`,
  choices: ['It lowers the cost', 'It raises the cost', 'It changes nothing', 'It resets the weights'],
  answer: 0,
  explanation: 'Stepping against the gradient lowers the cost.',
  startMs: i * 30_000,
  kind: 'concept',
}));

function answerFor(schemaName: string): unknown {
  if (schemaName === 'study_notes') return NOTES;
  if (schemaName.startsWith('video_quiz')) return { questions: schemaName === 'video_quiz_part' ? QUESTIONS.slice(0, 2) : QUESTIONS };
  throw new Error(`unknown response_format schema "${schemaName}"`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

/** Starts the server on 127.0.0.1 at a free port; every completion answers after `latencyMs`. */
export function startFakeOpenAI(latencyMs: number): Promise<FakeOpenAI> {
  const calls: FakeOpenAI['calls'] = [];
  let inFlight = 0;
  let peak = 0;
  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const startedAt = performance.now();
    inFlight++;
    peak = Math.max(peak, inFlight);
    const request = JSON.parse(await readBody(req)) as { model: string; response_format?: { json_schema?: { name?: string } } };
    const schema = request.response_format?.json_schema?.name ?? '';
    await new Promise((done) => setTimeout(done, latencyMs));
    let status = 200;
    let payload: unknown;
    try {
      payload = {
        id: `chatcmpl-bench-${calls.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [
          { index: 0, message: { role: 'assistant', content: JSON.stringify(answerFor(schema)), refusal: null }, finish_reason: 'stop', logprobs: null },
        ],
        usage: { prompt_tokens: 1000, completion_tokens: 300, total_tokens: 1300 },
      };
    } catch (error) {
      status = 400;
      payload = { error: { message: (error as Error).message, type: 'invalid_request_error' } };
    }
    inFlight--;
    calls.push({ startedAt, endedAt: performance.now(), schema });
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
  };
  // An unreadable request (bad JSON) gets a 500 instead of an unhandled rejection that ends the benchmark.
  const server: Server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        baseURL: `http://127.0.0.1:${port}/v1`,
        calls,
        peakInFlight: () => peak,
        reset: () => {
          calls.length = 0;
          peak = 0;
        },
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
