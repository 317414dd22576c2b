/**
 * Pipeline settings from `learnspace.config.json` and the environment (env
 * wins), validated once. The API key is kept here and never printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipelineConfigSchema, type PipelineConfigFile } from '../../src/lib/schema.ts';
import { friendlyParams, zodProblems, formatProblem } from '../../src/lib/friendly-errors.ts';

export const CONFIG_FILE = 'learnspace.config.json';
/** Bumped whenever prompts change, so cached notes and quizzes are regenerated. */
export const PROMPT_VERSION = 'v3';
export const OFFLINE_MODEL = 'wink-nlp-extractive-v2';

export interface ProviderEndpoint {
  baseURL: string | undefined;
  model: string;
}

export interface PipelineConfig {
  apiKey: string | undefined;
  provider: 'openai' | 'offline';
  notes: ProviderEndpoint;
  quiz: ProviderEndpoint;
  concurrency: number;
  timeoutMs: number;
  maxRetries: number;
  tokenBudget: number;
  captionLanguages: string[];
  noYoutube: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEFAULTS = {
  model: 'gpt-5-mini',
  concurrency: 4,
  timeoutMs: 120_000,
  maxRetries: 3,
  tokenBudget: 6_000,
  captionLanguages: ['en'],
};

type Env = Record<string, string | undefined>;

function envInt(env: Env, name: string, min: number): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name}: expected a whole number of at least ${min}, got "${raw}"`);
  return n;
}

function envUrl(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    throw new ConfigError(`${name}: expected an http(s) URL like "http://localhost:11434/v1", got "${raw}"`);
  }
  return raw;
}

/** Reads and validates `learnspace.config.json`; a missing file is an empty config. */
export function readConfigFile(root: string): PipelineConfigFile {
  const file = join(root, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`${CONFIG_FILE}: cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${CONFIG_FILE}: is not valid JSON (${(error as Error).message})`);
  }
  const parsed = pipelineConfigSchema.safeParse(data, friendlyParams);
  if (!parsed.success) {
    const lines = zodProblems(CONFIG_FILE, parsed.error).map(formatProblem);
    throw new ConfigError(lines.join('\n'));
  }
  return parsed.data;
}

/** The model name an OpenAI-compatible run records in results: notes and quiz models joined when they differ. */
export function openAIModelName(config: Pick<PipelineConfig, 'notes' | 'quiz'>): string {
  return config.notes.model === config.quiz.model ? config.notes.model : `${config.notes.model} / ${config.quiz.model}`;
}

/** Merges the config file and the environment into the settings a run uses. */
export function resolveConfig(root: string, env: Env = process.env): PipelineConfig {
  const file = readConfigFile(root);
  const apiKey = env.OPENAI_API_KEY?.trim() || undefined;
  const base = envUrl(env, 'OPENAI_BASE_URL') ?? file.openaiBaseUrl;
  const notesEndpoint = envUrl(env, 'NOTES_GENERATION_ENDPOINT') ?? file.notesEndpoint;
  const quizEndpoint = envUrl(env, 'QUIZ_GENERATION_ENDPOINT') ?? file.quizEndpoint;
  // A per-task endpoint is usually a local server (vLLM, Ollama) that needs no key.
  const provider = apiKey || notesEndpoint || quizEndpoint ? 'openai' : 'offline';
  const languages = env.LEARNSPACE_CAPTION_LANGUAGES?.split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  const noYoutube = env.LEARNSPACE_NO_YOUTUBE ? env.LEARNSPACE_NO_YOUTUBE !== '0' : (file.noYoutube ?? false);
  return {
    apiKey,
    provider,
    notes: {
      baseURL: notesEndpoint ?? base,
      model: provider === 'offline' ? OFFLINE_MODEL : env.LEARNSPACE_NOTES_MODEL?.trim() || file.notesModel || DEFAULTS.model,
    },
    quiz: {
      baseURL: quizEndpoint ?? base,
      model: provider === 'offline' ? OFFLINE_MODEL : env.LEARNSPACE_QUIZ_MODEL?.trim() || file.quizModel || DEFAULTS.model,
    },
    concurrency: envInt(env, 'LEARNSPACE_CONCURRENCY', 1) ?? file.concurrency ?? DEFAULTS.concurrency,
    timeoutMs: envInt(env, 'LEARNSPACE_TIMEOUT_MS', 1) ?? file.timeoutMs ?? DEFAULTS.timeoutMs,
    maxRetries: envInt(env, 'LEARNSPACE_MAX_RETRIES', 0) ?? file.maxRetries ?? DEFAULTS.maxRetries,
    tokenBudget: envInt(env, 'LEARNSPACE_TOKEN_BUDGET', 200) ?? file.tokenBudget ?? DEFAULTS.tokenBudget,
    captionLanguages: languages?.length ? languages : (file.captionLanguages ?? DEFAULTS.captionLanguages),
    noYoutube,
  };
}
