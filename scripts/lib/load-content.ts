/**
 * Loads and validates the whole content tree, including MDX syntax, exactly
 * as `npm run check` and the prebuild see it.
 */
import { mdxToJs } from 'satteri';
import { readContent } from '../../src/lib/content-files.ts';
import { validateContent, type ValidatedContent } from '../../src/lib/validate-content.ts';

/** Compiles every MDX body so syntax errors surface with the file and line, not as a build crash. */
function checkMdxSyntax(content: ValidatedContent): void {
  for (const course of content.courses) {
    for (const chapter of course.chapters) {
      for (const item of chapter.items) {
        if (item.body === undefined) continue;
        try {
          mdxToJs(item.body);
        } catch (error) {
          const raw = (error as Error).message;
          const m = /^(\d+):(\d+):\s*(.*?)(?:\s*\([\w:-]+\))?$/.exec(raw);
          const line = m ? Number(m[1]) + (item.bodyLine ?? 1) - 1 : undefined;
          const reason = (m ? m[3]! : raw).replace(/\s*\(\d+:\d+\)/g, '');
          content.problems.push({
            file: item.file,
            field: '',
            message: `${line ? `line ${line}, column ${m![2]}: ` : ''}invalid MDX: ${reason} (write "{" and "<" as "\\{" and "&lt;" in plain text)`,
          });
        }
      }
    }
  }
}

export function loadContent(root = process.cwd()): ValidatedContent {
  const content = validateContent(readContent(root));
  checkMdxSyntax(content);
  return content;
}
