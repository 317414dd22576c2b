/**
 * JSON Schemas of the authored files, generated from the zod schemas in
 * schema.ts (one source of truth): written to schemas/ for editors (VS Code's
 * YAML extension) by `npm run schemas`, and read by the studio's forms.
 */
import { z } from 'astro/zod';
import { chapterSchema, courseSchema, itemSchema, videoEntrySchema } from './schema.ts';

/** File name in schemas/ → the schema it describes and the files it is for. */
export const authoredSchemas = {
  'course.schema.json': { schema: courseSchema, title: 'Learnspace course (course.yaml)' },
  'chapter.schema.json': { schema: chapterSchema, title: 'Learnspace chapter (chapter.yaml)' },
  'item.schema.json': { schema: itemSchema, title: 'Learnspace content item (video, quiz, resource .yaml; text and assignment .mdx frontmatter)' },
  'video.schema.json': { schema: videoEntrySchema, title: 'Learnspace library video (content/videos/<id>.yaml)' },
} as const;

export type AuthoredSchemaFile = keyof typeof authoredSchemas;

/** The JSON Schema (draft-07, as the YAML extension reads) of one authored file type, describing what an author may write. */
export function authoredJsonSchema(file: AuthoredSchemaFile): Record<string, unknown> {
  const { schema, title } = authoredSchemas[file];
  // io: 'input' makes fields with defaults optional; dates are YAML dates or strings, which JSON Schema cannot say.
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-07', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $schema: json.$schema, $id: `https://learnspace.example/schemas/${file}`, title, ...json };
}

/** The text `npm run schemas` writes for a schema file (stable, so a stale file shows up in a diff). */
export function authoredJsonSchemaText(file: AuthoredSchemaFile): string {
  return `${JSON.stringify(authoredJsonSchema(file), null, 2)}\n`;
}
