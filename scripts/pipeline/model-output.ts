/**
 * Model output is untrusted: every answer, from any provider, is JSON-parsed
 * and validated with the same zod schemas the site reads. Kept apart from the
 * OpenAI adapter so the pipeline core does not load the SDK to use it.
 */
import type { z } from 'astro/zod';
import { formatPath, friendlyParams } from '../../src/lib/friendly-errors.ts';
import { PipelineError } from './adapters.ts';

/** An answer that is empty, not JSON or off-schema: worth one fresh call, unlike a refusal or a server error. */
export class UnusableAnswerError extends PipelineError {
  override name = 'UnusableAnswerError';
}

/** Parses and validates one model answer; every way it can be wrong becomes a readable failure. */
export function parseModelOutput<T>(content: string | null | undefined, schema: z.ZodType<T>, task: string): T {
  if (!content?.trim()) throw new UnusableAnswerError(`${task}: the model returned no content`);
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    throw new UnusableAnswerError(
      `${task}: the model returned invalid JSON (${(error as Error).message}); starts with ${JSON.stringify(content.slice(0, 60))}`,
    );
  }
  const parsed = schema.safeParse(data, friendlyParams);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`);
    throw new UnusableAnswerError(`${task}: the model's output does not match the schema: ${issues.join('; ')}`);
  }
  return parsed.data;
}
