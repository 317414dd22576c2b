/**
 * `npm run videos -- diff <id>`: what the pipeline proposes against the
 * instructor's reviewed material (notes.md vs notes.proposed.md, quiz.yaml vs
 * quiz.proposed.yaml), as a unified line diff (the `diff` package).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { materialFiles, pendingProposals, videoMaterialFile } from '../../src/lib/generated-files.ts';
import { libraryVideos, selectVideos } from './process.ts';

const parts = {
  notes: [materialFiles.notes, materialFiles.notesProposal],
  quiz: [materialFiles.quiz, materialFiles.quizProposal],
} as const;

/** The unified diffs of every waiting proposal; empty when there is none. */
export function proposalDiffs(root: string, id: string, color = false): string[] {
  return pendingProposals(id, root).map((part) => {
    const [reviewedName, proposedName] = parts[part];
    const reviewedFile = videoMaterialFile(id, reviewedName, root);
    const proposedFile = videoMaterialFile(id, proposedName, root);
    const read = (file: string) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return '';
      }
    };
    const patch = createTwoFilesPatch(
      relative(root, reviewedFile),
      relative(root, proposedFile),
      read(reviewedFile),
      read(proposedFile),
      'reviewed',
      'proposed',
      { context: 2 },
    );
    if (!color) return patch;
    return patch
      .split('\n')
      .map((l) =>
        l.startsWith('+') && !l.startsWith('+++')
          ? `\x1b[32m${l}\x1b[0m`
          : l.startsWith('-') && !l.startsWith('---')
            ? `\x1b[31m${l}\x1b[0m`
            : l.startsWith('@@')
              ? `\x1b[36m${l}\x1b[0m`
              : l,
      )
      .join('\n');
  });
}

/** Prints the proposals' diffs, or says there is nothing to review; exit code 0 either way. */
export function runDiff(root: string, id: string, out: (line: string) => void, color: boolean): number {
  selectVideos(libraryVideos(root), [id]);
  const diffs = proposalDiffs(root, id, color);
  if (diffs.length === 0) {
    out(`${id}: nothing to review (no ${materialFiles.notesProposal} or ${materialFiles.quizProposal} beside the reviewed material)`);
    return 0;
  }
  for (const d of diffs) out(d);
  out(`${id}: to accept a proposal, move it over the reviewed file (and set reviewed: true again); to keep yours, delete the proposal.`);
  return 0;
}
