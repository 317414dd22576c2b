/**
 * `npm run build`'s prebuild: the content check, then the video pipeline as
 * `videos process --quiet` would run it. One process instead of two, so Node,
 * tsx and the shared modules (schemas, YAML, content reader) start once, and
 * the pipeline reuses the video library the check has just validated.
 */
import { runContentCheck } from './lib/content-check.ts';
import { reportKnownError, reportUnexpectedError, runProcess } from './lib/process-command.ts';

const root = process.cwd();
const content = runContentCheck(root);
if (!content) process.exit(1);
try {
  process.exitCode = await runProcess({ root, ids: [], flags: { quiet: true }, library: content.videos });
} catch (error) {
  if (!reportKnownError(error)) reportUnexpectedError(error);
  process.exitCode = 1;
}
