/**
 * Writes a synthetic, deterministic Learnspace content tree (courses, chapters,
 * all five item types, the video library with .vtt captions, and a completed
 * generated cache the pipeline accepts as up to date) so builds can be
 * measured at scale with no model and no network.
 *
 *   npx tsx bench/generate-catalog.ts S /tmp/catalog-s
 */
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { Notes, Segment, VideoQuiz, VideoResult, VideoStatusFile, ItemType } from '../src/lib/schema.ts';
import { parseCaptions } from '../scripts/pipeline/captions.ts';
import { planVideo } from '../scripts/pipeline/needs-work.ts';
import { resolveConfig, PROMPT_VERSION, type PipelineConfig } from '../scripts/pipeline/config.ts';
import { SyntheticText } from './synthetic-text.ts';
import { materialFiles, materialTextsDigest, serializeCacheFile } from '../src/lib/generated-files.ts';
import { serializeMeta, serializeNotes, serializeQuiz, serializeTranscript } from '../src/lib/video-material.ts';
import { youtubeThumbnailUrl } from '../src/lib/thumbnails.ts';

export interface CatalogSize {
  name: string;
  courses: number;
  chaptersPerCourse: number;
  itemsPerChapter: number;
  videos: number;
  /** Range of video lengths in minutes; captions have a cue every 5 s. */
  videoMinutes: readonly [number, number];
  /** Write the completed generated cache (false leaves every video pending, for cold pipeline runs). */
  withCache: boolean;
}

export const SIZES = {
  S: { name: 'S', courses: 10, chaptersPerCourse: 5, itemsPerChapter: 10, videos: 200, videoMinutes: [6, 20], withCache: true },
  L: { name: 'L', courses: 100, chaptersPerCourse: 5, itemsPerChapter: 10, videos: 2000, videoMinutes: [6, 20], withCache: true },
  XL: { name: 'XL', courses: 400, chaptersPerCourse: 5, itemsPerChapter: 10, videos: 8000, videoMinutes: [6, 20], withCache: true },
} as const satisfies Record<string, CatalogSize>;

/** A page's worth of authored or generated text, reused to build the bare-Astro baseline from the same words. */
export interface CatalogDocument {
  /** What the text came from: a library video (notes and transcript), a course description, or an item. */
  kind: 'video' | 'course' | Exclude<ItemType, 'video'>;
  title: string;
  markdown: string;
}

export interface GeneratedCatalog {
  dir: string;
  size: CatalogSize;
  counts: { courses: number; chapters: number; items: number; videos: number; files: number; bytes: number } & Record<ItemType, number>;
  videoIds: string[];
  documents: CatalogDocument[];
}

/** One chapter's item pattern: 4 videos, 3 readings, a quiz, an assignment and a resource per ten items. */
const PATTERN: readonly ItemType[] = ['video', 'text', 'video', 'quiz', 'text', 'video', 'assignment', 'video', 'resource', 'text'];
const FIXED_DATE = '2026-01-05T09:00:00.000Z';
const SEGMENT_MS = 5_000;

/** The inputs hash the pipeline will compute for this caption file, from its own planner (never a copy of its hashing). */
function pipelineInputsHash(id: string, title: string, vttPath: string, config: PipelineConfig): string {
  const root = process.cwd();
  const video = {
    id,
    file: '',
    data: { youtubeVideoId: id, url: `https://www.youtube.com/watch?v=${id}`, title, languages: ['en'] },
    captionFile: relative(root, vttPath),
  };
  const hash = planVideo(root, video, config).knownInputsHash;
  if (!hash) throw new Error(`the pipeline could not hash ${vttPath}`);
  return hash;
}

const pad = (n: number) => String(n).padStart(2, '0');

function vttTime(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${pad(h)}:${pad(m)}:${pad(s)}.${String(ms % 1000).padStart(3, '0')}`;
}

function captionFile(text: SyntheticText, minutes: number): string {
  const cues: string[] = ['WEBVTT', ''];
  for (let start = 0; start < minutes * 60_000; start += SEGMENT_MS) {
    cues.push(`${vttTime(start)} --> ${vttTime(start + SEGMENT_MS)}`, text.sentence(), '');
  }
  return cues.join('\n');
}

function notesFor(text: SyntheticText, segments: readonly Segment[]): Notes {
  const sections = text.int(3, 6);
  return {
    summary: text.paragraph(3),
    sections: Array.from({ length: sections }, (_, i) => ({
      title: text.title(),
      body: `${text.paragraph()}\n\n${text.paragraph()}`,
      startMs: segments[Math.floor((i * segments.length) / sections)]!.startMs,
      keyTerms: [text.noun(), text.noun(), text.phrase()],
    })),
    glossary: [],
  };
}

function videoQuizFor(text: SyntheticText, segments: readonly Segment[]): VideoQuiz {
  const count = text.int(5, 8);
  return {
    questions: Array.from({ length: count }, (_, i) => ({
      prompt: `${text.sentence().slice(0, -1)}?`,
      choices: [text.phrase(), text.phrase(), text.phrase(), text.phrase()],
      answer: text.int(0, 3),
      explanation: text.sentence(),
      startMs: segments[Math.floor((i * segments.length) / count)]!.startMs,
    })),
  };
}

function mdxBody(text: SyntheticText): string {
  const parts = [
    text.paragraph(),
    `## ${text.title()}`,
    text.paragraph(),
    `- ${text.phrase()}\n- ${text.phrase()}\n- **${text.noun()}**: ${text.sentence()}`,
    text.paragraph(),
  ];
  return parts.join('\n\n');
}

function writeFile(path: string, content: string, counts: GeneratedCatalog['counts']): void {
  writeFileSync(path, content);
  counts.files++;
  counts.bytes += Buffer.byteLength(content);
}

/** Generates the catalog into `dir` (emptied first); same size and seed give byte-identical files. */
export function generateCatalog(dir: string, size: CatalogSize, seed = 7): GeneratedCatalog {
  rmSync(dir, { recursive: true, force: true });
  const text = new SyntheticText(seed);
  const counts: GeneratedCatalog['counts'] = {
    courses: 0,
    chapters: 0,
    items: 0,
    videos: 0,
    files: 0,
    bytes: 0,
    video: 0,
    text: 0,
    quiz: 0,
    assignment: 0,
    resource: 0,
  };
  const documents: CatalogDocument[] = [];
  const videosDir = join(dir, 'videos');
  const generatedDir = join(dir, 'generated', 'videos');
  mkdirSync(videosDir, { recursive: true });
  if (size.withCache) mkdirSync(generatedDir, { recursive: true });
  // The cache is written for an offline build (no key), exactly as `scripts/videos.ts process` would hash it.
  const config = resolveConfig(process.cwd(), {});

  const videoIds: string[] = [];
  for (let v = 0; v < size.videos; v++) {
    const id = text.youtubeId(v);
    videoIds.push(id);
    const title = text.title();
    const minutes = text.int(size.videoMinutes[0], size.videoMinutes[1]);
    writeFile(join(videosDir, `${id}.yaml`), stringify({ youtubeVideoId: id, url: `https://www.youtube.com/watch?v=${id}`, title }), counts);
    const vttPath = join(videosDir, `${id}.vtt`);
    writeFile(vttPath, captionFile(text, minutes), counts);
    counts.videos++;
    const { segments } = parseCaptions(readFileSync(vttPath, 'utf8'), vttPath);
    const notes = notesFor(text, segments);
    const quiz = videoQuizFor(text, segments);
    documents.push({
      kind: 'video',
      title,
      markdown: [notes.summary, ...notes.sections.map((s) => `## ${s.title}\n\n${s.body}`), '## Transcript', segments.map((s) => s.text).join(' ')].join(
        '\n\n',
      ),
    });
    if (!size.withCache) continue;
    const hash = pipelineInputsHash(id, title, vttPath, config);
    const result: VideoResult = {
      youtubeVideoId: id,
      meta: { title, channel: 'Synthetic Lectures', durationSeconds: minutes * 60, publishedAt: FIXED_DATE, thumbnailUrl: youtubeThumbnailUrl(id) },
      transcript: { source: 'file', language: 'en', segments },
      notes,
      quiz,
      generator: { provider: config.provider, model: config.notes.model, promptVersion: PROMPT_VERSION, generatedAt: FIXED_DATE },
      inputsHash: hash,
    };
    const files: Record<string, string> = {
      [materialFiles.meta]: serializeMeta(result),
      [materialFiles.transcript]: serializeTranscript(segments),
      [materialFiles.notes]: serializeNotes(notes, result.generator, false),
      [materialFiles.quiz]: serializeQuiz(quiz, result.generator, false),
    };
    const status: VideoStatusFile = {
      status: 'completed',
      attempts: 1,
      updatedAt: FIXED_DATE,
      inputsHash: hash,
      resultDigest: materialTextsDigest((name) => files[name]!),
    };
    mkdirSync(join(generatedDir, id), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFile(join(generatedDir, id, name), text, counts);
    writeFile(join(generatedDir, id, materialFiles.status), serializeCacheFile(status), counts);
  }

  let nextVideo = 0;
  for (let c = 0; c < size.courses; c++) {
    const courseSlug = `course-${String(c + 1).padStart(3, '0')}`;
    const courseDir = join(dir, 'courses', courseSlug);
    mkdirSync(courseDir, { recursive: true });
    const name = `${text.title()} ${c + 1}`;
    const description = text.paragraph(2);
    writeFile(
      join(courseDir, 'course.yaml'),
      stringify({
        name,
        description,
        createdBy: 'bench',
        isPublished: true,
        status: 'ready',
        tags: [text.noun(), text.noun()],
        level: text.pick(['beginner', 'intermediate', 'advanced']),
        authors: ['Synthetic Author'],
      }),
      counts,
    );
    counts.courses++;
    documents.push({ kind: 'course', title: name, markdown: description });
    for (let ch = 0; ch < size.chaptersPerCourse; ch++) {
      const chapterDir = join(courseDir, `${pad(ch + 1)}-${text.noun()}-${text.noun()}`.replace(/-+/g, '-'));
      mkdirSync(chapterDir, { recursive: true });
      writeFile(join(chapterDir, 'chapter.yaml'), stringify({ name: text.title(), description: text.sentence(), order: ch + 1 }), counts);
      counts.chapters++;
      for (let i = 0; i < size.itemsPerChapter; i++) {
        const type = PATTERN[i % PATTERN.length]!;
        const order = i + 1;
        const base = `${pad(order)}-${type}`;
        const title = text.title();
        counts.items++;
        counts[type]++;
        switch (type) {
          case 'video': {
            const video = videoIds[nextVideo++ % videoIds.length]!;
            writeFile(join(chapterDir, `${base}.yaml`), stringify({ type, order, video }), counts);
            break;
          }
          case 'text': {
            const body = mdxBody(text);
            writeFile(join(chapterDir, `${base}.mdx`), `---\n${stringify({ type, order, title })}---\n\n${body}\n`, counts);
            documents.push({ kind: type, title, markdown: body });
            break;
          }
          case 'assignment': {
            const body = mdxBody(text);
            const frontmatter = {
              type,
              order,
              title,
              points: 20,
              rubric: [
                { criterion: text.phrase(), points: 10 },
                { criterion: text.phrase(), points: 10 },
              ],
              submission: text.sentence(),
            };
            writeFile(join(chapterDir, `${base}.mdx`), `---\n${stringify(frontmatter)}---\n\n${body}\n`, counts);
            documents.push({ kind: type, title, markdown: body });
            break;
          }
          case 'quiz': {
            const questions = Array.from({ length: text.int(3, 5) }, () => ({
              prompt: `${text.sentence().slice(0, -1)}?`,
              choices: [text.phrase(), text.phrase(), text.phrase(), text.phrase()],
              answer: text.int(0, 3),
              explanation: text.sentence(),
            }));
            writeFile(join(chapterDir, `${base}.yaml`), stringify({ type, order, title, questions }), counts);
            documents.push({
              kind: type,
              title,
              markdown: questions.map((q, n) => `${n + 1}. ${q.prompt}\n\n${q.choices.map((choice) => `   - ${choice}`).join('\n')}`).join('\n\n'),
            });
            break;
          }
          case 'resource': {
            const description = text.sentence();
            writeFile(
              join(chapterDir, `${base}.yaml`),
              stringify({ type, order, title, description, url: `https://example.org/${text.noun()}/${c}-${ch}-${i}` }),
              counts,
            );
            documents.push({ kind: type, title, markdown: description });
            break;
          }
        }
      }
    }
  }
  return { dir, size, counts, videoIds, documents };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [sizeName, out] = process.argv.slice(2);
  const size = SIZES[(sizeName ?? '').toUpperCase() as keyof typeof SIZES];
  if (!size || !out) {
    console.error('usage: tsx bench/generate-catalog.ts <S|L|XL> <output dir>');
    process.exit(1);
  }
  const started = performance.now();
  const catalog = generateCatalog(out, size);
  console.log(`${size.name}: ${JSON.stringify(catalog.counts)} in ${((performance.now() - started) / 1000).toFixed(1)} s → ${out}`);
}
