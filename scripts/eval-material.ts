/**
 * `npm run eval:material`: generates notes and a quiz for every sample lecture
 * that has reference concepts (tests/fixtures/material/references.yaml) with the
 * offline provider, and prints how they measure against the targets. Exit 1
 * when a target is missed; `--json` prints the raw scores.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { markdownTable } from 'markdown-table';
import { contentDir } from '../src/lib/content-files.ts';
import { parseCaptions } from './pipeline/captions.ts';
import { createOfflineGenerator } from './pipeline/offline-provider.ts';
import type { NotesAndQuizGenerator } from './pipeline/adapters.ts';
import { missedTargets, scoreMaterial, summarise, type LectureScore } from './pipeline/offline/evaluate.ts';

export const REFERENCES_FILE = 'tests/fixtures/material/references.yaml';

interface References {
  lectures: Record<string, string[]>;
  filler: string[];
}

export function readReferences(root = process.cwd()): References {
  return parse(readFileSync(resolve(root, REFERENCES_FILE), 'utf8')) as References;
}

/** Scores a generator on every referenced lecture whose caption file is in the library. */
export async function evaluateGenerator(generator: NotesAndQuizGenerator, root = process.cwd()): Promise<LectureScore[]> {
  const references = readReferences(root);
  const filler = new Set(references.filler.map((w) => w.toLowerCase()));
  const videos = join(contentDir(root), 'videos');
  const scores: LectureScore[] = [];
  for (const [id, concepts] of Object.entries(references.lectures)) {
    const { segments } = parseCaptions(readFileSync(join(videos, `${id}.vtt`), 'utf8'), `${id}.vtt`);
    const title = (parse(readFileSync(join(videos, `${id}.yaml`), 'utf8')) as { title?: string }).title ?? id;
    const input = { youtubeVideoId: id, title, segments, language: 'en' };
    const notes = await generator.generateNotes(input);
    const quiz = await generator.generateQuiz({ ...input, notes }).catch((error: Error) => {
      throw new Error(`${id}: ${error.message}`);
    });
    scores.push({ id, ...scoreMaterial(notes, quiz, segments, concepts, filler) });
  }
  return scores;
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** The per-lecture table and the totals row, as Markdown. */
export function scoreTable(scores: readonly LectureScore[]): string {
  const total = summarise(scores);
  const kinds = (k: Record<string, number>) =>
    Object.entries(k)
      .sort()
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
  const rows = scores.map((s) => [
    s.id,
    `${s.recalled.length}/${s.concepts}`,
    `${s.fillerTerms.length}/${s.keyTerms}`,
    `${s.sentences - s.brokenSentences.length}/${s.sentences}`,
    `${s.titles - s.badTitles.length}/${s.titles}`,
    kinds(s.kinds),
    `${s.questions - s.answersNotConcepts.length}/${s.questions}`,
  ]);
  rows.push([
    '**all**',
    pct(total.recall),
    pct(total.filler),
    pct(total.complete),
    pct(total.titleForm),
    `cloze ${pct(total.cloze)}`,
    pct(total.answersConcepts),
  ]);
  return markdownTable([
    [
      'lecture',
      'concept recall (≥ 70 %)',
      'filler key terms (≤ 5 %)',
      'complete sentences (100 %)',
      'titles of 2-8 words, no comma list',
      'quiz mix (cloze ≤ 33 %)',
      'answers are concepts',
    ],
    ...rows,
  ]);
}

async function main() {
  const json = process.argv.includes('--json');
  const started = performance.now();
  const generator = createOfflineGenerator({ libraryDir: join(contentDir(), 'videos') });
  const scores = await evaluateGenerator(generator);
  const seconds = (performance.now() - started) / 1000;
  if (json) console.log(JSON.stringify({ scores, total: summarise(scores) }, null, 2));
  else {
    console.log(scoreTable(scores));
    for (const s of scores) if (s.missed.length) console.log(`${s.id}: missed ${s.missed.join(', ')}`);
    console.log(`\n${scores.length} lectures in ${seconds.toFixed(1)} s`);
  }
  const missed = missedTargets(summarise(scores));
  if (missed.length) {
    console.error(`eval:material: targets missed: ${missed.join('; ')}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
