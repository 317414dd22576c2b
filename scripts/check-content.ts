/**
 * `npm run check`: validates every content file in one run and prints one
 * line per problem (file: field: expected, found). Exit code 1 on any problem.
 */
import { performance } from 'node:perf_hooks';
import { formatProblem } from '../src/lib/friendly-errors.ts';
import { loadContent } from './lib/load-content.ts';

const started = performance.now();
const content = loadContent();
const ms = Math.round(performance.now() - started);

if (content.problems.length > 0) {
  const lines = content.problems.map(formatProblem).sort();
  const n = lines.length;
  console.error(`\n✗ ${n} problem${n === 1 ? '' : 's'} in content — fix ${n === 1 ? 'it' : 'them'} and run \`npm run check\` again:\n`);
  for (const line of lines) console.error(`  ${line}`);
  console.error('');
  process.exit(1);
}
const chapters = content.courses.reduce((n, c) => n + c.chapters.length, 0);
const items = content.courses.reduce((n, c) => n + c.chapters.reduce((m, ch) => m + ch.items.length, 0), 0);
console.log(`✓ content OK: ${content.courses.length} courses, ${chapters} chapters, ${items} items, ${content.videos.length} videos (${ms} ms)`);
