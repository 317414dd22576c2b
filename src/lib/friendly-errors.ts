/**
 * Turns zod failures into the one-line messages instructors read:
 * `content/courses/x/02-models/03-quiz.yaml: questions[1].answer: expected 0-3 (one of the 4 choices), got 5`.
 * Nobody sees a raw ZodError.
 */
import type { z } from 'astro/zod';

/**
 * An error fails `npm run check` and the build; a warning is printed and lets them pass. Only the
 * completeness rules of a draft course (no chapters, a chapter without items, an empty body) are warnings.
 */
export type ProblemSeverity = 'error' | 'warning';

export interface ContentProblem {
  /** Path relative to the project root, as the author sees it in their editor. */
  file: string;
  /** Field path like `questions[1].answer`, or '' for the whole file. */
  field: string;
  message: string;
  /** Absent means 'error'. */
  severity?: ProblemSeverity | undefined;
}

/** True for a problem that fails the check and the build. */
export const isContentError = (p: ContentProblem): boolean => p.severity !== 'warning';

/** The problems that fail `npm run check` and the build. */
export function contentErrors<P extends ContentProblem>(problems: readonly P[]): P[] {
  return problems.filter(isContentError);
}

/** The problems printed as warnings: a draft's unfinished parts. */
export function contentWarnings<P extends ContentProblem>(problems: readonly P[]): P[] {
  return problems.filter((p) => !isContentError(p));
}

/** The name of the error a page throws for content problems under `astro dev` (the overlay's heading). */
export const CONTENT_PROBLEMS_ERROR = 'ContentProblems';

// The content loader runs in Vite's module runner and the dev integrations are loaded with the config:
// each has its own copy of this module, so the count they share lives on globalThis.
const PROBLEM_COUNT = Symbol.for('learnspace.contentProblemCount');

/** Records how many errors the content has as last read (the content loader calls it; warnings do not count). */
export function recordContentProblemCount(count: number): void {
  (globalThis as Record<symbol, unknown>)[PROBLEM_COUNT] = count;
}

/** How many errors the content had when last read in this process; 0 before any read. */
export function contentProblemCount(): number {
  const count = (globalThis as Record<symbol, unknown>)[PROBLEM_COUNT];
  return typeof count === 'number' ? count : 0;
}

/** `['questions', 1, 'answer']` → `questions[1].answer`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** A short, human description of a value found in a file. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `"${shown}"`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return 'an object';
}

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields',
  date: 'a date',
};

/** The default wording for issues whose schema gave no message of its own. */
function defaultMessage(issue: z.core.$ZodRawIssue): string {
  const got = describeValue(issue.input);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = typeNames[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `required: expected ${expected}, but the field is missing`;
      return `expected ${expected}, got ${got}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${got}`;
    case 'too_small':
      if (issue.origin === 'array') return `expected at least ${String(issue.minimum)} entries, got ${got}`;
      if (issue.origin === 'string') return `expected at least ${String(issue.minimum)} characters, got ${got}`;
      return `expected ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}, got ${got}`;
    case 'too_big':
      if (issue.origin === 'array') return `expected at most ${String(issue.maximum)} entries, got ${got}`;
      if (issue.origin === 'string') return `expected at most ${String(issue.maximum)} characters, got ${got}`;
      return `expected ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}, got ${got}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}: check the spelling (allowed fields are listed in the README's authoring guide)`;
    case 'invalid_format':
      return `expected ${issue.format}, got ${got}`;
    default:
      return `invalid value ${got}`;
  }
}

/** Parse params that make zod report inputs and use our default wording. */
export const friendlyParams = {
  reportInput: true,
  error: (issue: z.core.$ZodRawIssue) => defaultMessage(issue),
} as const;

/** Adds "got …" to a schema's own message when the message does not already say what was found. */
function withFound(issue: z.core.$ZodIssue): string {
  const message = issue.message;
  if (/\bgot\b|missing/.test(message) || issue.code === 'custom' || issue.code === 'unrecognized_keys') return message;
  let input = (issue as { input?: unknown }).input;
  const discriminator = (issue as { discriminator?: string }).discriminator;
  if (issue.code === 'invalid_union' && discriminator) {
    // The union reports the whole object; the author needs the discriminator's value.
    input = input && typeof input === 'object' ? (input as Record<string, unknown>)[discriminator] : undefined;
  }
  if (input === undefined) return `${message}, but the field is missing`;
  return `${message}, got ${describeValue(input)}`;
}

/** Flattens a ZodError into problems for one file; unrecognized keys become one problem per key path. */
export function zodProblems(file: string, error: z.ZodError, prefix: readonly PropertyKey[] = []): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          file,
          field: formatPath([...prefix, ...issue.path, key]),
          message: "unknown field: check the spelling (allowed fields are listed in the README's authoring guide)",
        });
      }
      continue;
    }
    problems.push({ file, field: formatPath([...prefix, ...issue.path]), message: withFound(issue) });
  }
  return problems;
}

/** One line per problem, the format every tool and test relies on; a warning starts with `warning: `. */
export function formatProblem(p: ContentProblem): string {
  const line = p.field ? `${p.file}: ${p.field}: ${p.message}` : `${p.file}: ${p.message}`;
  return isContentError(p) ? line : `warning: ${line}`;
}
