/**
 * The shape of learner progress as stored in the browser and in export files, and the one decoder that reads it: older
 * versions are migrated, anything else is rejected with a readable reason.
 *
 * Written with `zod/mini` rather than `astro/zod` (classic zod): this module
 * ships to the browser, where classic zod would add ~90 KB gzip and mini adds ~6 KB.
 */
import * as z from 'zod/mini';
import { formatPath } from '../lib/friendly-errors.ts';

export const PROGRESS_VERSION = 3;

const timestamp = z.number().check(z.int(), z.minimum(0));
const percent = z.number().check(z.minimum(0), z.maximum(100));
const seconds = z.number().check(z.minimum(0));

/** One item's record, keyed by its stable `course/chapter/item` key. */
export const itemProgressSchema = z.object({
  completed: z.boolean(),
  completedAt: z.optional(timestamp),
  /** When `completed` last changed (by hand or automatically): the merge rule compares it. */
  changedAt: z.optional(timestamp),
  visitedAt: z.optional(timestamp),
  quiz: z.optional(
    z.object({
      attempts: z.number().check(z.int(), z.minimum(0)),
      bestScore: percent,
      lastScore: percent,
      passedAt: z.optional(timestamp),
    }),
  ),
  video: z.optional(
    z.object({
      /** Seconds of playback actually watched, accumulated; seeking adds nothing. */
      watchedSeconds: seconds,
      durationSeconds: seconds,
    }),
  ),
});

export const courseProgressRecordSchema = z.object({
  lastItemKey: z.optional(z.string()),
  lastVisitedAt: z.optional(timestamp),
});

/** One flashcard's FSRS memory state (ts-fsrs `Card`, dates as epoch ms), keyed by the card's stable id. */
export const reviewCardStateSchema = z.object({
  due: timestamp,
  stability: z.number().check(z.minimum(0)),
  difficulty: z.number().check(z.minimum(0)),
  scheduledDays: z.number().check(z.minimum(0)),
  learningSteps: z.number().check(z.int(), z.minimum(0)),
  reps: z.number().check(z.int(), z.minimum(0)),
  lapses: z.number().check(z.int(), z.minimum(0)),
  /** 0 new, 1 learning, 2 review, 3 relearning (ts-fsrs `State`). */
  state: z.number().check(z.int(), z.minimum(0), z.maximum(3)),
  lastReview: z.optional(timestamp),
});

/** A learner's note or bookmark at a moment of a video, keyed by a random id. */
export const learnerMarkSchema = z.object({
  kind: z.enum(['note', 'bookmark']),
  videoId: z.string().check(z.minLength(1)),
  /** The video's (or lecture item's) title when the mark was made, for lists away from the page. */
  title: z.string(),
  /** The page it was made on (a course item or the library page); the link back adds `?t=`. */
  href: z.string().check(z.regex(/^\/[^/]/)),
  seconds: seconds,
  text: z.string().check(z.maxLength(2000)),
  createdAt: timestamp,
});

export const progressSchema = z.object({
  version: z.literal(PROGRESS_VERSION),
  items: z.record(z.string(), itemProgressSchema),
  courses: z.record(z.string(), courseProgressRecordSchema),
  reviews: z.record(z.string(), reviewCardStateSchema),
  marks: z.record(z.string(), learnerMarkSchema),
});

/** Version 2: items and courses, before review cards and learner notes. */
export const progressV2Schema = z.object({
  version: z.literal(2),
  items: z.record(z.string(), itemProgressSchema),
  courses: z.record(z.string(), courseProgressRecordSchema),
});

/**
 * Version 1: one row per course item (`{version: 1, progress: [{courseId, contentItemId, completed, completedAt?}]}`).
 */
export const progressV1Schema = z.object({
  version: z.literal(1),
  progress: z.array(
    z.object({
      courseId: z.string(),
      contentItemId: z.string(),
      completed: z.boolean(),
      completedAt: z.optional(timestamp),
      progressPercentage: z.optional(percent),
    }),
  ),
  lastVisited: z.optional(z.record(z.string(), z.string())),
});

export type ItemProgress = z.infer<typeof itemProgressSchema>;
export type CourseProgressRecord = z.infer<typeof courseProgressRecordSchema>;
export type ProgressState = z.infer<typeof progressSchema>;
export type ProgressV1 = z.infer<typeof progressV1Schema>;
export type ProgressV2 = z.infer<typeof progressV2Schema>;
export type ReviewCardState = z.infer<typeof reviewCardStateSchema>;
export type LearnerMark = z.infer<typeof learnerMarkSchema>;

export function emptyProgress(): ProgressState {
  return { version: PROGRESS_VERSION, items: {}, courses: {}, reviews: {}, marks: {} };
}

/** v2 → v3: the same records, with no review cards or learner marks yet. */
export function migrateV2(old: ProgressV2): ProgressState {
  return { ...emptyProgress(), items: old.items, courses: old.courses };
}

/** v1 rows → current records; every row's course becomes a started course. */
export function migrateV1(old: ProgressV1): ProgressState {
  const state = emptyProgress();
  for (const row of old.progress) {
    state.items[row.contentItemId] = {
      completed: row.completed,
      ...(row.completed && row.completedAt !== undefined ? { completedAt: row.completedAt, changedAt: row.completedAt } : {}),
    };
    state.courses[row.courseId] ??= {};
  }
  for (const [courseSlug, itemKey] of Object.entries(old.lastVisited ?? {})) {
    state.courses[courseSlug] = { ...state.courses[courseSlug], lastItemKey: itemKey };
  }
  return state;
}

export type DecodeResult = { ok: true; state: ProgressState; migratedFrom?: number } | { ok: false; reason: string };

function describeIssues(issues: readonly { path: readonly PropertyKey[]; code: string; message: string; expected?: string }[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const what = issue.code === 'invalid_type' && issue.expected ? `expected ${issue.expected}` : issue.message;
      const path = formatPath(issue.path);
      return path ? `${path}: ${what}` : what;
    })
    .join('; ');
}

/** Reads stored or imported progress (already JSON-parsed): current version as is, older ones migrated. */
export function decodeProgress(data: unknown): DecodeResult {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, reason: 'expected a Learnspace progress object' };
  }
  const version = (data as { version?: unknown }).version;
  if (version === 1) {
    const parsed = progressV1Schema.safeParse(data);
    return parsed.success ? { ok: true, state: migrateV1(parsed.data), migratedFrom: 1 } : { ok: false, reason: describeIssues(parsed.error.issues) };
  }
  if (version === 2) {
    const parsed = progressV2Schema.safeParse(data);
    return parsed.success ? { ok: true, state: migrateV2(parsed.data), migratedFrom: 2 } : { ok: false, reason: describeIssues(parsed.error.issues) };
  }
  if (version === PROGRESS_VERSION) {
    const parsed = progressSchema.safeParse(data);
    return parsed.success ? { ok: true, state: parsed.data } : { ok: false, reason: describeIssues(parsed.error.issues) };
  }
  if (typeof version === 'number' && version > PROGRESS_VERSION) {
    return { ok: false, reason: `version ${version} was written by a newer Learnspace; this one reads up to version ${PROGRESS_VERSION}` };
  }
  return { ok: false, reason: 'expected a Learnspace progress object with a version number' };
}

/** Parses JSON text (storage value or export file) and decodes it. */
export function decodeProgressText(text: string): DecodeResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  return decodeProgress(data);
}
