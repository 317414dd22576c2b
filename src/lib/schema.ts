/**
 * The single source of truth for every shape Learnspace reads or writes:
 * authored content (courses, chapters, items, the video library) and the
 * pipeline's generated cache. The content collections, the pipeline and the
 * CLI all import from here; types are inferred, never re-declared.
 */
import { z } from 'astro/zod';
import { texProblems } from './math.ts';
import { contentMessages } from './content-messages.ts';

/** A YouTube video id: 11 characters of [A-Za-z0-9_-]. */
export const youtubeId = z.string().regex(/^[A-Za-z0-9_-]{11}$/, 'expected an 11-character YouTube video id like "aircAruvnKk"');

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Folder and file names become URLs, so they are restricted to lowercase slugs. */
export const slug = z.string().regex(slugPattern, 'expected a lowercase slug of letters, digits and single hyphens, like "02-neural-networks"');

const nonEmpty = (what: string) => z.string().trim().min(1, `expected ${what}, got an empty string`);

/** Every TeX formula in a text field renders: one that does not is an issue at the field, placed by line (several lines) and column. */
function texRenders(text: string, ctx: z.RefinementCtx): void {
  for (const p of texProblems(text, { skipCode: true })) {
    const where = text.includes('\n') ? `line ${p.line}, column ${p.column}: ` : `column ${p.column}: `;
    ctx.addIssue({ code: 'custom', message: contentMessages.invalidTex(where, p.formula, p.reason) });
  }
}
/** Text shown as Markdown with TeX math: quiz prompts, choices and explanations; notes and glossary. */
const withMath = <T extends z.ZodString>(schema: T) => schema.superRefine(texRenders);

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL like "https://example.org/page"' });

/** `order` positions a chapter or item among its siblings; it must be unique within the parent. */
const order = z.number().int('expected a whole number').min(0, 'expected 0 or more');

/** A date written as YAML `2026-12-01` (which some parsers turn into a Date) or an ISO string. */
const dateLike = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: `expected a date like 2026-12-01, got "${String(value)}"` });
    return z.NEVER;
  }
  return date;
});

export const courseStatuses = ['draft', 'generating', 'ready', 'failed'] as const;
export const levels = ['beginner', 'intermediate', 'advanced'] as const;

export const courseSchema = z.strictObject({
  name: nonEmpty('a course name'),
  description: nonEmpty('a one-paragraph description').optional(),
  thumbnail: z.string().optional(),
  status: z.enum(courseStatuses).default('ready'),
  createdBy: nonEmpty('the author handle (createdBy)').optional(),
  isPublished: z.boolean().default(false),
  tags: z.array(nonEmpty('a tag')).default([]),
  level: z.enum(levels).default('beginner'),
  language: z.string().default('en'),
  authors: z.array(nonEmpty('an author name')).default([]),
  updatedAt: dateLike.optional(),
});

export const chapterSchema = z.strictObject({
  name: nonEmpty('a chapter name'),
  description: z.string().optional(),
  order,
  /** A chapter's own video, kept for chapters written that way: rendered as the chapter's first item. */
  video: youtubeId.optional(),
});

const itemBase = {
  order,
  title: z.string().trim().min(1).optional(),
  description: z.string().optional(),
  /** Estimated minutes, for items whose length is not known from elsewhere. */
  minutes: z.number().positive().optional(),
};

/** An authored answer must index one of the choices; says which indexes are allowed. */
function answerInChoices(q: { answer: number; choices: string[] }, ctx: z.RefinementCtx): void {
  const n = q.choices.length;
  if (n >= 2 && (q.answer < 0 || q.answer >= n)) {
    ctx.addIssue({ code: 'custom', path: ['answer'], message: `expected 0-${n - 1} (one of the ${n} choices), got ${q.answer}` });
  }
}

export const quizQuestionSchema = z
  .strictObject({
    prompt: withMath(nonEmpty('a question prompt')),
    choices: z
      .array(withMath(nonEmpty('a choice')))
      .min(2, 'expected 2-8 choices')
      .max(8, 'expected 2-8 choices'),
    answer: z.number().int('expected the index of the right choice (0 is the first)'),
    explanation: withMath(z.string()).default(''),
    /** For video quizzes: where in the video this question is taught. */
    startMs: z.number().int().min(0).optional(),
  })
  .superRefine(answerInChoices);

export const videoItemSchema = z.strictObject({
  ...itemBase,
  type: z.literal('video'),
  video: youtubeId,
  /** `false` hides the generated quiz (e.g. when an authored quiz item replaces it). */
  quiz: z.boolean().default(true),
});
export const textItemSchema = z.strictObject({ ...itemBase, type: z.literal('text'), title: nonEmpty('a title') });
export const quizItemSchema = z.strictObject({
  ...itemBase,
  type: z.literal('quiz'),
  title: nonEmpty('a title'),
  passMark: z.number().min(0).max(100).default(70),
  /** Lets learners tick the quiz complete by hand; by default only passing completes it. */
  manualCompletion: z.boolean().default(false),
  questions: z.array(quizQuestionSchema).min(1, 'expected at least one question'),
});
export const rubricRowSchema = z.strictObject({
  criterion: nonEmpty('a criterion'),
  points: z.number().min(0),
  description: z.string().optional(),
});
export const assignmentItemSchema = z.strictObject({
  ...itemBase,
  type: z.literal('assignment'),
  title: nonEmpty('a title'),
  points: z.number().int().min(0),
  due: dateLike.optional(),
  rubric: z.array(rubricRowSchema).default([]),
  submission: nonEmpty('submission instructions (how learners hand the work in)'),
});
export const resourceItemSchema = z
  .strictObject({
    ...itemBase,
    type: z.literal('resource'),
    title: nonEmpty('a title'),
    url: httpUrl.optional(),
    /** A file under public/, written as a site path like "/files/cheatsheet.pdf". */
    file: z
      .string()
      .regex(/^\/[^?#]+$/, 'expected a path under public/ starting with "/", like "/files/notes.pdf"')
      .optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.url === undefined) === (r.file === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'expected exactly one of `url` or `file`' });
    }
  });

export const itemTypes = ['video', 'text', 'quiz', 'assignment', 'resource'] as const;
export type ItemType = (typeof itemTypes)[number];
/** Item types written as MDX (frontmatter + body); the others are YAML. */
export const mdxItemTypes: readonly ItemType[] = ['text', 'assignment'];

export const itemSchema = z.discriminatedUnion('type', [videoItemSchema, textItemSchema, quizItemSchema, assignmentItemSchema, resourceItemSchema], {
  error: `expected type to be one of ${itemTypes.join(', ')}`,
});

/** A lecture's own chapter: a title and where it starts (milliseconds into the video). */
export const videoChapterSchema = z.object({
  title: nonEmpty('a chapter title'),
  startMs: z.number().int().min(0),
});

export const videoEntrySchema = z.strictObject({
  youtubeVideoId: youtubeId,
  url: httpUrl,
  title: z.string().optional(),
  /** Preferred caption languages, best first. */
  languages: z.array(z.string()).default(['en']),
  /** The lecture's chapters as the instructor wants them; wins over the chapters read from YouTube. */
  chapters: z.array(videoChapterSchema).optional(),
});

/* ---------- generated cache (written by scripts/, read by the site) ---------- */

export const videoStatuses = ['pending', 'processing', 'completed', 'failed'] as const;
export type VideoStatus = (typeof videoStatuses)[number];

/** One OpenAI batch a video's requests went to: its id, and whether it held notes or quiz requests (they may use different endpoints). */
export const batchRefSchema = z.object({ id: z.string().min(1), task: z.enum(['notes', 'quiz']) });

/** The batch holding a video's open requests, and the earlier batches whose answers it still builds on (notes parts before the merge or the quiz). */
export const videoBatchSchema = batchRefSchema.extend({
  submittedAt: z.string(),
  earlier: z.array(batchRefSchema).default([]),
});

export const videoStatusFileSchema = z.object({
  status: z.enum(videoStatuses),
  error: z.string().optional(),
  attempts: z.number().int().min(0).default(0),
  updatedAt: z.string(),
  inputsHash: z.string().optional(),
  /** Set on failure when the last good result is still served. */
  servingPrevious: z.boolean().optional(),
  /** Digest of the result file as written, so a run can trust an unchanged result without parsing it. */
  resultDigest: z.string().optional(),
  /** What a failed run learned about the video before it failed, for titles and course length. */
  title: z.string().optional(),
  durationSeconds: z.number().min(0).optional(),
  /** Set while the video's requests wait in an OpenAI batch (`videos process --batch`), so a later run collects it instead of submitting again. */
  batch: videoBatchSchema.optional(),
});

export const segmentSchema = z.object({
  startMs: z.number().int().min(0),
  endMs: z.number().int().min(0),
  text: z.string(),
});

export const videoMetaSchema = z.object({
  title: z.string(),
  channel: z.string().default(''),
  durationSeconds: z.number().min(0).default(0),
  publishedAt: z.string().optional(),
  thumbnailUrl: z.string().optional(),
  /** Creator chapters read from YouTube (chapter markers, or `0:00 Title` lines in the description). */
  chapters: z.array(videoChapterSchema).optional(),
});

export const glossaryEntrySchema = z.object({ term: z.string().min(1), definition: withMath(z.string().min(1)), startMs: z.number().int().min(0) });

/** What a model (or the offline provider) must return for notes. */
export const notesSchema = z.object({
  summary: withMath(z.string().min(1)),
  sections: z
    .array(
      z.object({
        title: z.string().min(1),
        body: withMath(z.string().min(1)),
        startMs: z.number().int().min(0),
        keyTerms: z.array(z.string()),
      }),
    )
    .min(1),
  /** Each key term with the sentence of the lecture that defines it, and when it is said. */
  glossary: z.array(glossaryEntrySchema).default([]),
});

/** Who wrote a video's material, and with which prompt. */
export const generatorSchema = z.strictObject({
  provider: z.enum(['openai', 'offline']),
  model: z.string(),
  promptVersion: z.string(),
  generatedAt: z.string(),
});

export const quizQuestionKinds = ['definition', 'term', 'statement', 'cloze', 'concept'] as const;

const videoQuizQuestionFields = {
  prompt: withMath(z.string().min(1)),
  choices: z
    .array(withMath(z.string().min(1)))
    .min(2)
    .max(8),
  answer: z.number().int().min(0),
  explanation: withMath(z.string()),
  startMs: z.number().int().min(0),
};
const answerIsAChoice: [(q: { answer: number; choices: string[] }) => boolean, { message: string; path: PropertyKey[] }] = [
  (q) => q.answer < q.choices.length,
  { message: 'answer is not one of the choices', path: ['answer'] },
];

/** What a model (or the offline provider) must return for a video quiz. */
export const videoQuizSchema = z.object({
  questions: z
    .array(
      z
        .object({
          ...videoQuizQuestionFields,
          /** What the question tests: a definition, a term for a definition, a true/false statement, a cloze line, or a concept. */
          kind: z.enum(quizQuestionKinds).optional(),
        })
        .refine(...answerIsAChoice),
    )
    .min(5)
    .max(10),
});

export const videoResultSchema = z.object({
  youtubeVideoId: youtubeId,
  meta: videoMetaSchema,
  transcript: z.object({
    source: z.enum(['youtube', 'file']),
    language: z.string(),
    segments: z.array(segmentSchema),
  }),
  notes: notesSchema,
  quiz: videoQuizSchema,
  generator: generatorSchema,
  inputsHash: z.string(),
  /** Which parts an instructor marked `reviewed: true` (absent in single-file results). */
  review: z.object({ notes: z.boolean(), quiz: z.boolean() }).optional(),
});

/* ---------- reviewable material files (content/generated/videos/<id>/), read by src/lib/video-material.ts ---------- */

/** notes.md frontmatter; the sections are the `## m:ss Title` headings below it. */
export const notesFrontmatterSchema = z.strictObject({
  summary: withMath(nonEmpty('a summary')),
  glossary: z
    .array(
      z.strictObject({
        term: nonEmpty('a term'),
        definition: withMath(nonEmpty('a definition')),
        startMs: z.number().int('expected whole milliseconds').min(0, 'expected 0 or more'),
      }),
    )
    .default([]),
  generator: generatorSchema.optional(),
  reviewed: z.boolean().default(false),
});

export const videoQuizFileQuestionSchema = z
  .strictObject({
    prompt: withMath(nonEmpty('a question prompt')),
    choices: z
      .array(withMath(nonEmpty('a choice')))
      .min(2, 'expected 2-8 choices')
      .max(8, 'expected 2-8 choices'),
    answer: z.number().int('expected the index of the right choice (0 is the first)'),
    explanation: withMath(z.string()).default(''),
    /** Where in the video the question is taught, in milliseconds. */
    startMs: z.number().int('expected whole milliseconds').min(0, 'expected 0 or more'),
    kind: z.enum(quizQuestionKinds).optional(),
  })
  .superRefine(answerInChoices);

/** quiz.yaml: the generated quiz, which an instructor may edit and mark reviewed. */
export const videoQuizFileSchema = z.strictObject({
  generator: generatorSchema.optional(),
  reviewed: z.boolean().default(false),
  questions: z.array(videoQuizFileQuestionSchema).min(1, 'expected at least one question'),
});

/** meta.yaml: what the pipeline knows about the video and the run that wrote its material. */
export const videoMetaFileSchema = z.strictObject({
  youtubeVideoId: youtubeId,
  ...videoMetaSchema.shape,
  transcript: z.strictObject({ source: z.enum(['youtube', 'file']), language: z.string() }),
  generator: generatorSchema,
  inputsHash: z.string(),
});

export type Course = z.infer<typeof courseSchema>;
export type Chapter = z.infer<typeof chapterSchema>;
export type Item = z.infer<typeof itemSchema>;
export type QuizQuestion = z.infer<typeof quizQuestionSchema>;
export type VideoEntry = z.infer<typeof videoEntrySchema>;
export type VideoStatusFile = z.infer<typeof videoStatusFileSchema>;
export type VideoBatch = z.infer<typeof videoBatchSchema>;
export type BatchRef = z.infer<typeof batchRefSchema>;
export type Segment = z.infer<typeof segmentSchema>;
export type VideoMeta = z.infer<typeof videoMetaSchema>;
export type Notes = z.infer<typeof notesSchema>;
export type VideoQuiz = z.infer<typeof videoQuizSchema>;
export type VideoResult = z.infer<typeof videoResultSchema>;
export type VideoChapter = z.infer<typeof videoChapterSchema>;
export type GlossaryEntry = Notes['glossary'][number];
export type Generator = z.infer<typeof generatorSchema>;

/* ---------- video pipeline (scripts/pipeline) ---------- */

/** One chunk's share of a quiz when a long transcript is map-reduced; merged into `videoQuizSchema`. */
export const videoQuizChunkSchema = z.object({
  questions: videoQuizSchema.shape.questions.element.array().min(1).max(10),
});

/** `learnspace.config.json` at the repo root; every field can also be set by environment variable (env wins). */
export const pipelineConfigSchema = z.strictObject({
  openaiBaseUrl: httpUrl.optional(),
  notesEndpoint: httpUrl.optional(),
  quizEndpoint: httpUrl.optional(),
  notesModel: z.string().trim().min(1).optional(),
  quizModel: z.string().trim().min(1).optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
  timeoutMs: z.number().int().min(1).optional(),
  maxRetries: z.number().int().min(0).max(10).optional(),
  tokenBudget: z.number().int().min(200).optional(),
  captionLanguages: z.array(z.string().trim().min(1)).optional(),
  /** Skip YouTube entirely: caption-file videos use the entry's metadata, others fail with a hint. */
  noYoutube: z.boolean().optional(),
});

export type VideoQuizChunk = z.infer<typeof videoQuizChunkSchema>;

/**
 * The shapes a model is asked for (structured output needs every field required):
 * the stored shapes with the glossary and each question's kind required.
 */
export const notesModelSchema = notesSchema.extend({ glossary: z.array(glossaryEntrySchema) });
const modelQuestion = z.object({ ...videoQuizQuestionFields, kind: z.enum(quizQuestionKinds) }).refine(...answerIsAChoice);
export const videoQuizModelSchema = z.object({ questions: z.array(modelQuestion).min(5).max(10) });
export const videoQuizChunkModelSchema = z.object({ questions: z.array(modelQuestion).min(1).max(10) });
export type PipelineConfigFile = z.infer<typeof pipelineConfigSchema>;
