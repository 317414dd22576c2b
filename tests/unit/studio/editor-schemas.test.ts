/**
 * The JSON Schemas editors use (schemas/*.schema.json, wired in .vscode/settings.json)
 * are generated from the zod schemas: committed copies must be current, accept every
 * sample file, and flag the mistakes an author makes.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { authoredJsonSchemaText, authoredSchemas, type AuthoredSchemaFile } from '../../../src/lib/json-schemas.ts';
import { splitMdx } from '../../../src/studio/content-writer.ts';

const project = join(import.meta.dirname, '../../..');
const committed = (file: string) => JSON.parse(readFileSync(join(project, 'schemas', file), 'utf8')) as Record<string, unknown>;

// Formats (uri) are left to the check, as the YAML extension's own checks are looser too.
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
function validator(file: AuthoredSchemaFile) {
  if (!ajv.getSchema(file)) ajv.addSchema(committed(file), file);
  const validate = ajv.getSchema(file);
  if (!validate) throw new Error(`schemas/${file} did not compile`);
  return validate;
}

/** Every authored YAML (and MDX frontmatter) file of the sample courses, with the schema the editor applies to it. */
function sampleFiles(): { file: string; schema: AuthoredSchemaFile; data: unknown }[] {
  const out: { file: string; schema: AuthoredSchemaFile; data: unknown }[] = [];
  const courses = join(project, 'content/courses');
  for (const course of readdirSync(courses)) {
    out.push({ file: `${course}/course.yaml`, schema: 'course.schema.json', data: parse(readFileSync(join(courses, course, 'course.yaml'), 'utf8')) });
    for (const chapter of readdirSync(join(courses, course), { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const name of readdirSync(join(courses, course, chapter.name))) {
        const text = readFileSync(join(courses, course, chapter.name, name), 'utf8');
        const file = `${course}/${chapter.name}/${name}`;
        if (name === 'chapter.yaml') out.push({ file, schema: 'chapter.schema.json', data: parse(text) });
        else if (name.endsWith('.yaml')) out.push({ file, schema: 'item.schema.json', data: parse(text) });
        else if (name.endsWith('.mdx')) out.push({ file, schema: 'item.schema.json', data: parse(splitMdx(text).frontmatter) });
      }
    }
  }
  return out;
}

describe('editor JSON Schemas', () => {
  it('are current: schemas/ matches what `npm run schemas` writes from src/lib/schema.ts', () => {
    for (const file of Object.keys(authoredSchemas) as AuthoredSchemaFile[]) {
      const text = readFileSync(join(project, 'schemas', file), 'utf8');
      expect(text, `schemas/${file} is stale: run \`npm run schemas\` and commit the result`).toBe(authoredJsonSchemaText(file));
    }
  });

  it('accept every course, chapter and item file of the sample courses', () => {
    const files = sampleFiles();
    expect(files.length).toBeGreaterThan(20);
    for (const { file, schema, data } of files) {
      const validate = validator(schema);
      // YAML reads `due: 2026-12-15` as a date; the editor sees the same text as a string.
      const json = JSON.parse(JSON.stringify(data)) as unknown;
      expect(validate(json) ? [] : validate.errors, file).toEqual([]);
    }
  });

  it('flag what an author gets wrong: a misspelt field, a missing name, a status that does not exist', () => {
    const course = validator('course.schema.json');
    expect(course({ name: 'A course', isPublised: true })).toBe(false);
    expect(course.errors?.[0]?.params).toEqual({ additionalProperty: 'isPublised' });
    expect(course({ description: 'No name' })).toBe(false);
    expect(course({ name: 'A course', status: 'finished' })).toBe(false);
    const item = validator('item.schema.json');
    expect(item({ type: 'quiz', order: 1, title: 'Check', questions: [] })).toBe(false);
    expect(item({ type: 'video', order: 1, video: 'aircAruvnKk' })).toBe(true);
    const video = validator('video.schema.json');
    expect(video({ youtubeVideoId: 'short', url: 'https://youtu.be/short' })).toBe(false);
  });

  it('are wired for the YAML extension to course, chapter, item and library files', () => {
    const settings = JSON.parse(readFileSync(join(project, '.vscode/settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string[]> };
    expect(settings['yaml.schemas']).toEqual({
      './schemas/course.schema.json': ['content/courses/*/course.yaml'],
      './schemas/chapter.schema.json': ['content/courses/*/*/chapter.yaml'],
      './schemas/item.schema.json': ['content/courses/*/*/*.yaml', '!content/courses/*/*/chapter.yaml'],
      './schemas/video.schema.json': ['content/videos/*.yaml'],
    });
  });
});
