/**
 * The text formats of a video's reviewable material in
 * content/generated/videos/<id>/: notes.md (YAML frontmatter + one `## m:ss Title`
 * section per heading), quiz.yaml, transcript.vtt and meta.yaml. Each file is
 * written from and read back into the in-memory VideoResult shape; reading
 * reports problems as file: field: message, like authored content.
 */
import { parseDocument, stringify } from 'yaml';
import { load as loadYaml } from 'js-yaml';
import { friendlyParams, zodProblems, type ContentProblem } from './friendly-errors.ts';
import { parseYaml } from './content-files.ts';
import { texProblems } from './math.ts';
import { contentMessages } from './content-messages.ts';
import {
  notesFrontmatterSchema,
  videoMetaFileSchema,
  videoQuizFileSchema,
  type Generator,
  type Notes,
  type Segment,
  type VideoMeta,
  type VideoQuiz,
  type VideoResult,
} from './schema.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: ContentProblem[] };

const yamlText = (data: unknown, comment?: string): string => {
  const doc = parseDocument(stringify(data, { lineWidth: 0 }));
  if (comment) doc.commentBefore = comment;
  return doc.toString({ lineWidth: 0 });
};

const validate = <T>(
  schema: { safeParse: (d: unknown, p: typeof friendlyParams) => { success: true; data: T } | { success: false; error: import('astro/zod').z.ZodError } },
  data: unknown,
  file: string,
  prefix: PropertyKey[] = [],
): Parsed<T> => {
  const parsed = schema.safeParse(data, friendlyParams);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: zodProblems(file, parsed.error, prefix) };
};

/**
 * Reads a YAML mapping. js-yaml (YAML 1.2 core schema, like `yaml`) reads a library's quizzes about
 * 8 times faster, which the site pays on every build; text it rejects, or that uses anchors, goes
 * through parseYaml, whose messages carry line and column and which caps alias expansion.
 */
function readYaml(text: string, file: string, problems: ContentProblem[]): unknown {
  if (!/(^|[\s[{,])&\S/m.test(text)) {
    try {
      const data = loadYaml(text);
      if (data && typeof data === 'object' && !Array.isArray(data)) return data;
    } catch {
      // Fall through for a positioned message.
    }
  }
  return parseYaml(text, file, problems);
}

/* ---------- times: `1:23`, `1:02:03`, with `.456` when not on a whole second ---------- */

/** A section's start as written in its heading; exact to the millisecond. */
export function formatStart(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  const clock = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
  return ms % 1000 ? `${clock}.${String(ms % 1000).padStart(3, '0')}` : clock;
}

const HEADING = /^## +(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.(\d{1,3}))?(?:\s+(.*))?$/;

/* ---------- notes.md ---------- */

const KEY_TERMS = /^(?:\*\*Key terms:\*\*|Key terms:)\s*(.*)$/;
const FENCE = /^(```|~~~)/;

/** A section body never starts a new section: its own `## ` lines become `### `. */
function demoteHeadings(body: string): string {
  let fenced = false;
  return body
    .split('\n')
    .map((line) => {
      if (FENCE.test(line)) fenced = !fenced;
      return !fenced && /^## /.test(line) ? `#${line}` : line;
    })
    .join('\n');
}

/** notes.md: summary, glossary and who wrote it in the frontmatter; one `## m:ss Title` heading per section. */
export function serializeNotes(notes: Notes, generator: Generator | undefined, reviewed: boolean): string {
  const frontmatter = yamlText(
    { summary: notes.summary, glossary: notes.glossary, generator, reviewed },
    ' Study notes for this video. Edit freely; set reviewed: true to keep your version\n (the pipeline then writes its new material to notes.proposed.md instead).',
  );
  const sections = notes.sections.map((s) => {
    const terms = s.keyTerms.length ? `\n\n**Key terms:** ${s.keyTerms.join(', ')}` : '';
    return `## ${formatStart(s.startMs)} ${s.title}\n\n${demoteHeadings(s.body.trim())}${terms}\n`;
  });
  return `---\n${frontmatter}---\n\n${sections.join('\n')}`;
}

export interface NotesFile {
  notes: Notes;
  generator?: Generator | undefined;
  reviewed: boolean;
}

/** Reads notes.md; every problem names the file and the field or line. */
export function parseNotes(text: string, file: string): Parsed<NotesFile> {
  const problems: ContentProblem[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const close = lines.indexOf('---', 1);
  if (lines[0] !== '---' || close === -1) {
    return {
      ok: false,
      problems: [{ file, field: '', message: 'expected frontmatter at the top: a block between two "---" lines with summary, glossary and reviewed' }],
    };
  }
  const yamlProblems: ContentProblem[] = [];
  const data = readYaml(lines.slice(1, close).join('\n'), file, yamlProblems);
  // The frontmatter starts on line 2 of the file.
  problems.push(...yamlProblems.map((p) => ({ ...p, message: p.message.replace(/^line (\d+)/, (_, l: string) => `line ${Number(l) + 1}`) })));
  const front = data === undefined ? null : validate(notesFrontmatterSchema, data, file);
  if (front && !front.ok) problems.push(...front.problems);

  const sections: Notes['sections'] = [];
  let current: { title: string; startMs: number; line: number; body: string[] } | null = null;
  let fenced = false;
  const finish = () => {
    if (!current) return;
    const body = [...current.body];
    while (body.length && !body.at(-1)!.trim()) body.pop();
    const last = body.at(-1)?.match(KEY_TERMS);
    const keyTerms = last
      ? last[1]!
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      : [];
    if (last) body.pop();
    const text = body.join('\n').trim();
    const index = sections.length;
    // The body's first line is the one after the heading.
    for (const tex of texProblems(body.join('\n'), { skipCode: true })) {
      const where = `line ${current.line + tex.line}, column ${tex.column}: `;
      problems.push({ file, field: `sections[${index}].body`, message: contentMessages.invalidTex(where, tex.formula, tex.reason) });
    }
    if (!text)
      problems.push({
        file,
        field: `sections[${index}].body`,
        message: `line ${current.line}: expected text under the heading "${current.title}", got nothing`,
      });
    sections.push({ title: current.title, startMs: current.startMs, body: text, keyTerms });
  };
  for (let i = close + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) fenced = !fenced;
    if (fenced || !line.startsWith('## ')) {
      if (current) current.body.push(line);
      else if (line.trim())
        problems.push({ file, field: '', message: `line ${i + 1}: text before the first section; put it under a "## 1:23 Title" heading, or in the summary` });
      continue;
    }
    finish();
    const m = line.match(HEADING);
    const title = m?.[5]?.trim();
    if (!m || !title) {
      problems.push({
        file,
        field: `sections[${sections.length}]`,
        message: `line ${i + 1}: expected a heading with the section's start time and title, like "## 1:23 Scaling a vector", got "${line.slice(0, 60)}"`,
      });
      current = { title: line.slice(3).trim() || '(untitled)', startMs: 0, line: i + 1, body: [] };
      continue;
    }
    const startMs = ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number((m[4] ?? '').padEnd(3, '0') || 0);
    current = { title, startMs, line: i + 1, body: [] };
  }
  finish();
  if (sections.length === 0)
    problems.push({ file, field: 'sections', message: 'expected at least one section: a "## 1:23 Title" heading with text under it, got none' });
  if (problems.length > 0 || !front?.ok) return { ok: false, problems };
  const { summary, glossary, generator, reviewed } = front.value;
  return { ok: true, value: { notes: { summary, glossary, sections }, generator, reviewed } };
}

/* ---------- quiz.yaml ---------- */

export function serializeQuiz(quiz: VideoQuiz, generator: Generator | undefined, reviewed: boolean): string {
  const questions = quiz.questions.map((q) => ({
    prompt: q.prompt,
    choices: q.choices,
    answer: q.answer,
    explanation: q.explanation,
    startMs: q.startMs,
    kind: q.kind,
  }));
  return yamlText(
    { generator, reviewed, questions },
    ' Quiz for this video. `answer` counts the choices from 0; startMs is where the lecture teaches it.\n Edit freely; set reviewed: true to keep your version (new material then goes to quiz.proposed.yaml).',
  );
}

export interface QuizFile {
  quiz: VideoQuiz;
  generator?: Generator | undefined;
  reviewed: boolean;
}

export function parseQuiz(text: string, file: string): Parsed<QuizFile> {
  const problems: ContentProblem[] = [];
  const data = readYaml(text, file, problems);
  if (data === undefined) return { ok: false, problems };
  const parsed = validate(videoQuizFileSchema, data, file);
  if (!parsed.ok) return parsed;
  const { generator, reviewed, questions } = parsed.value;
  return { ok: true, value: { quiz: { questions }, generator, reviewed } };
}

/* ---------- meta.yaml ---------- */

export function serializeMeta(result: VideoResult): string {
  return yamlText(
    {
      youtubeVideoId: result.youtubeVideoId,
      ...result.meta,
      transcript: { source: result.transcript.source, language: result.transcript.language },
      generator: result.generator,
      inputsHash: result.inputsHash,
    },
    ' Written by the pipeline (npm run videos -- process); not meant to be edited.',
  );
}

export interface MetaFile {
  youtubeVideoId: string;
  meta: VideoMeta;
  transcript: { source: 'youtube' | 'file'; language: string };
  generator: Generator;
  inputsHash: string;
}

export function parseMeta(text: string, file: string): Parsed<MetaFile> {
  const problems: ContentProblem[] = [];
  const data = readYaml(text, file, problems);
  if (data === undefined) return { ok: false, problems };
  const parsed = validate(videoMetaFileSchema, data, file);
  if (!parsed.ok) return parsed;
  const { youtubeVideoId, transcript, generator, inputsHash, ...meta } = parsed.value;
  return { ok: true, value: { youtubeVideoId, meta, transcript, generator, inputsHash } };
}

/* ---------- transcript.vtt ---------- */

const vttTime = (ms: number) => {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
};
const escapeCue = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeCue = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
// A blank line would end the cue, so blank lines inside a caption are written as a lone non-breaking space and read back.
const BLANK = '\u00a0';

/** The transcript as WebVTT: one cue per segment, so a changed caption is a one-line diff. */
export function serializeTranscript(segments: readonly Segment[]): string {
  const cues = segments.map(
    (s) =>
      `${vttTime(s.startMs)} --> ${vttTime(s.endMs)}\n${escapeCue(s.text)
        .split('\n')
        .map((l) => (l === '' ? BLANK : l))
        .join('\n')}`,
  );
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

const CUE_TIMING = /^(\d{2,}):(\d{2}):(\d{2})\.(\d{3}) --> (\d{2,}):(\d{2}):(\d{2})\.(\d{3})$/;
const toMs = (h: string, m: string, s: string, ms: string) => ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms);

/** Reads transcript.vtt as written by serializeTranscript. */
export function parseTranscript(text: string, file: string): Parsed<Segment[]> {
  const blocks = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split(/\n\n+/);
  if (!blocks[0]?.startsWith('WEBVTT')) return { ok: false, problems: [{ file, field: '', message: 'expected a WebVTT file starting with "WEBVTT"' }] };
  const segments: Segment[] = [];
  let line = blocks[0].split('\n').length + 2;
  for (const block of blocks.slice(1)) {
    const rows = block.split('\n');
    const [timing, ...textRows] = rows;
    if (timing === undefined || timing === '') continue;
    const m = timing.match(CUE_TIMING);
    if (!m)
      return {
        ok: false,
        problems: [
          {
            file,
            field: `segments[${segments.length}]`,
            message: `line ${line}: expected a cue timing like "00:01:02.345 --> 00:01:05.000", got "${timing.slice(0, 60)}"`,
          },
        ],
      };
    segments.push({
      startMs: toMs(m[1]!, m[2]!, m[3]!, m[4]!),
      endMs: toMs(m[5]!, m[6]!, m[7]!, m[8]!),
      text: unescapeCue(textRows.map((l) => (l === BLANK ? '' : l)).join('\n')),
    });
    line += rows.length + 1;
  }
  return { ok: true, value: segments };
}
