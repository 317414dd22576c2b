/**
 * `npm run schemas`: writes schemas/*.schema.json from the zod schemas, for
 * editor completion and inline errors (.vscode/settings.json wires them up).
 * tests/unit/studio/schemas.test.ts fails when the committed files are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { authoredJsonSchemaText, authoredSchemas, type AuthoredSchemaFile } from '../src/lib/json-schemas.ts';

const dir = join(process.cwd(), 'schemas');
mkdirSync(dir, { recursive: true });
for (const file of Object.keys(authoredSchemas) as AuthoredSchemaFile[]) {
  writeFileSync(join(dir, file), authoredJsonSchemaText(file));
  console.log(`wrote schemas/${file}`);
}
