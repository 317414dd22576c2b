/**
 * `npm run check`: validates every content file in one run and prints one
 * line per problem (file: field: expected, found). Exit code 1 on any error;
 * warnings (a draft course's unfinished parts) are printed and exit 0.
 */
import { runContentCheck } from './commands/check.ts';

if (!runContentCheck()) process.exit(1);
