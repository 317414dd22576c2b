/** Temporary content trees copied from the pipeline fixtures, one per test. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '../../../fixtures/pipeline');

/** A project root whose content/videos holds the given entries, each with its fixture caption file when named. */
export function tempProject(videos: { id: string; caption?: string; title?: string; languages?: string[] }[]): string {
  const root = mkdtempSync(join(tmpdir(), 'learnspace-videos-'));
  const dir = join(root, 'content', 'videos');
  mkdirSync(dir, { recursive: true });
  for (const v of videos) {
    const lines = [`youtubeVideoId: ${v.id}`, `url: https://www.youtube.com/watch?v=${v.id}`];
    if (v.title) lines.push(`title: ${JSON.stringify(v.title)}`);
    if (v.languages) lines.push(`languages: [${v.languages.join(', ')}]`);
    writeFileSync(join(dir, `${v.id}.yaml`), lines.join('\n') + '\n');
    if (v.caption) cpSync(join(FIXTURES, 'captions', v.caption), join(dir, `${v.id}${v.caption.slice(v.caption.lastIndexOf('.'))}`));
  }
  return root;
}
