// Preloaded with `node --import` (through NODE_OPTIONS): appends the URL of every module the
// process resolves to the file named by RECORD_IMPORTS, so a test can see what a run loaded.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (process.env.RECORD_IMPORTS) appendFileSync(process.env.RECORD_IMPORTS, resolved.url + '\\n');
  return resolved;
}`),
);
