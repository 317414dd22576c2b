import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCaptions } from '../../../scripts/pipeline/captions.ts';
import { chunkSegments, segmentLine } from '../../../scripts/pipeline/chunking.ts';
import { estimateTokens, openAIEncodingFor, tokenCounterFor } from '../../../scripts/pipeline/token-count.ts';
import { FIXTURES } from './helpers/temp-content.ts';

const chinese = '梯度下降是一种优化算法，它沿着代价函数下降最快的方向逐步调整网络的权重和偏置。'.repeat(400).slice(0, 13_000);

describe('token counting', () => {
  it('uses the OpenAI tokenizer for the OpenAI family, however the server spells it', () => {
    expect(openAIEncodingFor('gpt-5-mini')).toBe('o200k_base');
    expect(openAIEncodingFor('o4-mini')).toBe('o200k_base');
    expect(openAIEncodingFor('openai/gpt-oss-20b')).toBe('o200k_base');
    expect(openAIEncodingFor('gpt-4-turbo')).toBe('cl100k_base');
    expect(openAIEncodingFor('llama3.1:8b')).toBeNull();
    expect(openAIEncodingFor('Qwen/Qwen2.5-7B-Instruct')).toBeNull();
  });

  it('counts 13,000 Chinese characters as about 10,000 tokens, not the 3,250 of characters/4', async () => {
    const count = await tokenCounterFor('gpt-5-mini');
    expect(count(chinese)).toBeGreaterThan(9_000);
    expect(count(chinese)).toBeLessThan(13_000);
    // Without a tokenizer the estimate is above every common tokenizer's count.
    expect(estimateTokens(chinese)).toBe(19_500);
  });

  it('estimates English conservatively too: above the real count of a real transcript', async () => {
    const text = parseCaptions(readFileSync(`${FIXTURES}/captions/aircAruvnKk.vtt`, 'utf8'), 'aircAruvnKk.vtt')
      .segments.map(segmentLine)
      .join('\n');
    const real = (await tokenCounterFor('gpt-4o-mini'))(text);
    expect(estimateTokens(text)).toBeGreaterThan(real);
    expect(estimateTokens(text)).toBeLessThan(real * 2);
  });

  it('counts a transcript that says "<|endoftext|>" as text instead of failing', async () => {
    const count = await tokenCounterFor('gpt-5-mini');
    expect(count('and then it printed <|endoftext|> on the screen')).toBeGreaterThan(10);
  });

  it('chunks by real tokens: no chunk over the budget', async () => {
    const count = await tokenCounterFor('gpt-5-mini');
    const segments = Array.from({ length: 260 }, (_, i) => ({ startMs: i * 4000, endMs: i * 4000 + 3900, text: chinese.slice(i * 50, i * 50 + 50) }));
    const chunks = chunkSegments(segments, 3_000, count);
    expect(chunks.length).toBe(4);
    for (const chunk of chunks) expect(chunk.reduce((sum, s) => sum + count(segmentLine(s) + '\n'), 0)).toBeLessThanOrEqual(3_000);
  });
});
