/**
 * `npm run videos -- show <id> [--json] [--full]`: one video's material for
 * review in a terminal (meta, status, summary, sections, glossary, quiz and a
 * transcript excerpt), or as JSON in the stable shape `MaterialView` below.
 */
import { relative } from 'node:path';
import { isLegacyCache, materialFiles, pendingProposals, readVideoResult, readVideoStatus, videoMaterialDir } from '../../src/lib/generated-files.ts';
import { formatTimestamp } from '../../src/browser/timestamp.ts';
import type { VideoResult, VideoStatusFile } from '../../src/lib/schema.ts';
import { libraryVideos, selectVideos, UsageError } from './process.ts';

/** Segments shown without --full. */
const EXCERPT_SEGMENTS = 8;

/**
 * The `--json` shape, stable for tools: every key is always present (null when unknown).
 * `transcript.segments` holds the first 8 segments unless `--full`; `transcript.complete` says which.
 */
export interface MaterialView {
  id: string;
  /** The folder holding the files, relative to the project root. */
  folder: string;
  status: VideoStatusFile | null;
  /** Parts with a pipeline proposal waiting beside reviewed material: "notes", "quiz". */
  reviewNeeded: ('notes' | 'quiz')[];
  /** Why the material cannot be shown, when it cannot. */
  problem: string | null;
  meta: VideoResult['meta'] | null;
  generator: VideoResult['generator'] | null;
  transcript: { source: 'youtube' | 'file'; language: string; segmentCount: number; complete: boolean; segments: VideoResult['transcript']['segments'] } | null;
  notes: { reviewed: boolean; summary: string; sections: VideoResult['notes']['sections']; glossary: VideoResult['notes']['glossary'] } | null;
  quiz: { reviewed: boolean; questions: VideoResult['quiz']['questions'] } | null;
}

export function materialView(root: string, id: string, full: boolean): MaterialView {
  const status = readVideoStatus(id, root);
  const result = readVideoResult(id, root);
  const r = result.ok ? result.value : null;
  return {
    id,
    folder: relative(root, videoMaterialDir(id, root)),
    status: status.ok ? status.value : null,
    reviewNeeded: pendingProposals(id, root),
    problem: result.ok ? null : result.missing ? 'no material yet: run `npm run videos -- process`' : result.error,
    meta: r?.meta ?? null,
    generator: r?.generator ?? null,
    transcript: r
      ? {
          source: r.transcript.source,
          language: r.transcript.language,
          segmentCount: r.transcript.segments.length,
          complete: full || r.transcript.segments.length <= EXCERPT_SEGMENTS,
          segments: full ? r.transcript.segments : r.transcript.segments.slice(0, EXCERPT_SEGMENTS),
        }
      : null,
    notes: r ? { reviewed: r.review?.notes ?? false, summary: r.notes.summary, sections: r.notes.sections, glossary: r.notes.glossary } : null,
    quiz: r ? { reviewed: r.review?.quiz ?? false, questions: r.quiz.questions } : null,
  };
}

const reviewState = (reviewed: boolean, waiting: boolean) =>
  waiting ? 'reviewed, review needed: a proposal is waiting' : reviewed ? 'reviewed by the instructor' : 'generated, not reviewed';

/** The material as text for a terminal. */
export function formatMaterialView(v: MaterialView, legacy: boolean): string {
  const lines: string[] = [];
  const heading = (text: string) => lines.push('', text, '-'.repeat(text.length));
  lines.push(`${v.meta?.title ?? v.id} (${v.id})`);
  lines.push(`status: ${v.status ? `${v.status.status}${v.status.error ? `: ${v.status.error}` : ''}` : 'pending'}`);
  if (v.reviewNeeded.length) lines.push(`review needed: ${v.reviewNeeded.join(', ')} (see \`npm run videos -- diff ${v.id}\`)`);
  lines.push(`files: ${v.folder}/${legacy ? ' (single-file cache; the next `videos process` moves it to reviewable files)' : ''}`);
  if (v.problem) {
    lines.push(`material: ${v.problem}`);
    return lines.join('\n');
  }
  if (v.meta && v.generator) {
    lines.push(
      `channel: ${v.meta.channel || '-'}  duration: ${formatTimestamp(v.meta.durationSeconds * 1000)}  generator: ${v.generator.provider}/${v.generator.model} (prompt ${v.generator.promptVersion}, ${v.generator.generatedAt})`,
    );
  }
  if (v.notes) {
    heading(`Notes (${materialFiles.notes}: ${reviewState(v.notes.reviewed, v.reviewNeeded.includes('notes'))})`);
    lines.push(v.notes.summary);
    for (const s of v.notes.sections) {
      lines.push('', `## ${formatTimestamp(s.startMs)} ${s.title}`, s.body);
      if (s.keyTerms.length) lines.push(`Key terms: ${s.keyTerms.join(', ')}`);
    }
    heading(`Glossary (${v.notes.glossary.length})`);
    for (const g of v.notes.glossary) lines.push(`${g.term} (${formatTimestamp(g.startMs)}): ${g.definition}`);
  }
  if (v.quiz) {
    heading(`Quiz (${materialFiles.quiz}: ${reviewState(v.quiz.reviewed, v.reviewNeeded.includes('quiz'))})`);
    v.quiz.questions.forEach((q, i) => {
      lines.push('', `${i + 1}. ${q.prompt}  [${q.kind ?? 'question'}, ${formatTimestamp(q.startMs)}]`);
      q.choices.forEach((c, j) => lines.push(`   ${j === q.answer ? '*' : ' '} ${String.fromCharCode(97 + j)}) ${c}`));
      if (q.explanation) lines.push(`   ${q.explanation}`);
    });
  }
  if (v.transcript) {
    const t = v.transcript;
    heading(`Transcript (${t.source}, ${t.language}, ${t.segmentCount} segments${t.complete ? '' : `; first ${t.segments.length}, --full for all`})`);
    for (const s of t.segments) lines.push(`${formatTimestamp(s.startMs).padStart(7)}  ${s.text}`);
  }
  return lines.join('\n');
}

/** Prints one video's material; returns the exit code (1 when it has none to show). */
export function runShow(root: string, id: string, flags: { json?: boolean; full?: boolean }, out: (line: string) => void): number {
  const [video] = selectVideos(libraryVideos(root), [id]);
  if (!video) throw new UsageError(`not in the library: ${id}`);
  const view = materialView(root, id, Boolean(flags.full));
  out(flags.json ? JSON.stringify(view, null, 2) : formatMaterialView(view, isLegacyCache(id, root)));
  return view.problem ? 1 : 0;
}
