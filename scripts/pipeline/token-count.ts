/**
 * Counts transcript tokens the way the model will: with OpenAI's own
 * tokenizer (gpt-tokenizer) for the OpenAI model family, and a conservative
 * estimate for any other model, so no script is undercounted.
 */

/** Counts the tokens of a text for one model. */
export type TokenCounter = (text: string) => number;

type Encoding = 'o200k_base' | 'cl100k_base';

/** The tokenizer OpenAI uses for a model name (vLLM/Ollama spellings such as `openai/gpt-oss-20b` included), or null for other families. */
export function openAIEncodingFor(model: string): Encoding | null {
  const name = model
    .trim()
    .toLowerCase()
    .replace(/^openai\//, '');
  if (/^(gpt-5|gpt-4o|gpt-4\.1|gpt-4\.5|gpt-oss|chatgpt-4o|o1|o3|o4)/.test(name)) return 'o200k_base';
  if (/^(gpt-4|gpt-3\.5)/.test(name)) return 'cl100k_base';
  return null;
}

/**
 * An upper estimate for models whose tokenizer is not at hand: a third of a
 * token per ASCII character, half a token per byte of anything else (so one
 * and a half per Chinese character, where characters/4 would claim a quarter).
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let otherBytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) ascii++;
    else otherBytes += code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return Math.ceil(ascii / 3 + otherBytes / 2);
}

const loaded = new Map<Encoding, Promise<TokenCounter>>();

// Transcript text is data: a literal "<|endoftext|>" in it is counted as text, not refused.
const asText = { disallowedSpecial: new Set<string>() };

// Each encoding's tables take 150-300 ms to load, so only the one a run needs is imported.
const importEncoding = (encoding: Encoding): Promise<TokenCounter> =>
  encoding === 'o200k_base'
    ? import('gpt-tokenizer/encoding/o200k_base').then((m) => (text: string) => m.countTokens(text, asText))
    : import('gpt-tokenizer/encoding/cl100k_base').then((m) => (text: string) => m.countTokens(text, asText));

/** The token counter for a model: its real tokenizer when it is an OpenAI model, else `estimateTokens`. */
export async function tokenCounterFor(model: string): Promise<TokenCounter> {
  const encoding = openAIEncodingFor(model);
  if (!encoding) return estimateTokens;
  let counter = loaded.get(encoding);
  if (!counter) {
    counter = importEncoding(encoding);
    loaded.set(encoding, counter);
  }
  return counter;
}
