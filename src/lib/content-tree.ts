/**
 * The one front door for authored content: reads the files, validates every
 * rule (schemas, cross-file references, MDX syntax and components) and joins
 * them into one course tree. `npm run check`, the prebuild and the site's
 * content loader (src/site/content-loader.ts) all go through loadContentTree.
 */
import { z } from 'astro/zod';
import { mdxToJs } from 'satteri';
import { chapterSchema, courseSchema, itemSchema, videoEntrySchema } from './schema.ts';
import { readContent } from './content-files.ts';
import { validateContent } from './validate-content.ts';
import { closestName } from './did-you-mean.ts';
import { contentMessages } from './content-messages.ts';
import { mdxComponentNames } from '../components/items/mdx-component-names.ts';
import type { ContentProblem } from './friendly-errors.ts';
import { mdxTexProblems, mdxWithoutMath } from './math.ts';

/** An item as validated: `key` is `course/chapter/item`, the id progress and the items collection use. */
export const itemNodeSchema = z.object({
  slug: z.string(),
  key: z.string(),
  file: z.string(),
  data: itemSchema,
  /** The MDX body of text and assignment items. */
  body: z.string().optional(),
  /** 1-based line where the body starts in its file, to report body errors at the right line. */
  bodyLine: z.number().optional(),
});
export const chapterNodeSchema = z.object({ slug: z.string(), key: z.string(), file: z.string(), data: chapterSchema, items: z.array(itemNodeSchema) });
export const courseNodeSchema = z.object({ slug: z.string(), file: z.string(), data: courseSchema, chapters: z.array(chapterNodeSchema) });
export const videoNodeSchema = z.object({ id: z.string(), file: z.string(), data: videoEntrySchema, captionFile: z.string().optional() });

export type ItemNode = z.output<typeof itemNodeSchema>;
export type ChapterNode = z.output<typeof chapterNodeSchema>;
export type CourseNode = z.output<typeof courseNodeSchema>;
export type VideoNode = z.output<typeof videoNodeSchema>;

/** The validated content: courses in folder order (chapters and items by `order`), the video library, every problem. */
export interface ContentTree {
  courses: CourseNode[];
  videos: VideoNode[];
  problems: ContentProblem[];
}

const knownComponents: readonly string[] = mdxComponentNames;

/**
 * Compiles an MDX body: syntax errors, components that do not exist and TeX formulas that do not
 * render become problems at their line. Formulas are compiled as placeholders of their size (their
 * braces are TeX, not MDX expressions; the site's MDX gets them as MathML, src/integrations/mdx-math.ts).
 */
export function mdxBodyProblems(item: Pick<ItemNode, 'file' | 'body' | 'bodyLine'>): ContentProblem[] {
  if (item.body === undefined) return [];
  const offset = (item.bodyLine ?? 1) - 1;
  const texProblems = mdxTexProblems(item.body).map((p) => ({
    file: item.file,
    field: '',
    message: contentMessages.invalidTex(`line ${p.line + offset}, column ${p.column}: `, p.formula, p.reason),
  }));
  let code: string;
  try {
    code = mdxToJs(mdxWithoutMath(item.body)).code;
  } catch (error) {
    const raw = (error as Error).message;
    const m = /^(\d+):(\d+):\s*(.*?)(?:\s*\([\w:-]+\))?$/.exec(raw);
    const where = m ? `line ${Number(m[1]) + offset}, column ${m[2]}: ` : '';
    const reason = (m ? m[3]! : raw).replace(/\s*\(\d+:\d+\)/g, '');
    return [...texProblems, { file: item.file, field: '', message: contentMessages.invalidMdx(where, reason) }];
  }
  const problems: ContentProblem[] = [...texProblems];
  // The compiled module names every component the body uses but does not import.
  for (const [, name] of code.matchAll(/_missingMdxReference\("([^"]+)", true\)/g)) {
    if (knownComponents.includes(name!)) continue;
    const lineIndex = item.body.split('\n').findIndex((l) => new RegExp(`<${name}(?:[\\s/>]|$)`).test(l));
    const where = lineIndex >= 0 ? `line ${lineIndex + 1 + offset}: ` : '';
    problems.push({
      file: item.file,
      field: '',
      message: contentMessages.unknownComponent(where, name!, closestName(name!, knownComponents), knownComponents),
    });
  }
  return problems;
}

/** Reads, validates and joins the content under `root`; never throws for bad content. */
export function loadContentTree(root = process.cwd()): ContentTree {
  const tree = validateContent(readContent(root));
  for (const course of tree.courses) {
    for (const chapter of course.chapters) {
      for (const item of chapter.items) tree.problems.push(...mdxBodyProblems(item));
    }
  }
  return tree;
}
