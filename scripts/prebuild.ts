/**
 * `npm run build`'s prebuild: the content check, then the video pipeline as
 * `videos process --quiet` would run it, then the thumbnails of videos lacking one. One process instead of two, so Node,
 * the shared modules (schemas, YAML, content reader) start once, and
 * the pipeline reuses the video library the check has just validated.
 */
import { runContentCheck } from './commands/check.ts';
import { reportKnownError, reportUnexpectedError, runProcess } from './commands/process.ts';
import { resolveConfig } from './pipeline/config.ts';
import { fetchThumbnails, thumbnailSummary } from './pipeline/thumbnails.ts';

const root = process.cwd();
const content = runContentCheck(root);
if (!content) process.exit(1);
try {
  process.exitCode = await runProcess({ root, ids: [], flags: { quiet: true }, library: content.videos });
  // Thumbnails for videos lacking one; a failed fetch is a warning (the site shows a placeholder), never a failed build.
  if (!resolveConfig(root).noYoutube) {
    const outcomes = await fetchThumbnails(
      content.videos.map((v) => v.id),
      { root, timeoutMs: 5000 },
    );
    if (outcomes.some((o) => o.status !== 'kept'))
      process.stderr.write(`${outcomes.some((o) => o.status === 'failed') ? 'warning: ' : ''}${thumbnailSummary(outcomes)}
`);
  }
} catch (error) {
  if (!reportKnownError(error)) reportUnexpectedError(error);
  process.exitCode = 1;
}
