/**
 * Astro integration: TeX math in MDX text and assignment items becomes MathML before @astrojs/mdx
 * compiles the file (a Vite pre-transform, registered ahead of mdx() in astro.config.mjs). MDX would
 * read a formula's braces as JavaScript expressions, so each formula is replaced by its MathML as JSX
 * (src/lib/math.ts, `mdxWithMath`); code and component tags are left alone. The page ships no script
 * for it. A formula temml cannot read fails the file with the check's message (`npm run check` names it first).
 */
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { contentMessages } from '../lib/content-messages.ts';
import { lineColumn, mayContainMath, mdxWithMath, TexError } from '../lib/math.ts';

const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---(?:\r?\n|$)/;

/** An MDX file's source with the formulas in its body as MathML JSX; the frontmatter stays as written. */
export function mdxSourceWithMath(source: string): string {
  if (!mayContainMath(source)) return source;
  const front = FRONTMATTER.exec(source)?.[0] ?? '';
  return front + mdxWithMath(source.slice(front.length));
}

function mdxMathPlugin(): Plugin {
  return {
    name: 'learnspace-mdx-math',
    enforce: 'pre',
    transform: {
      filter: { id: /\.mdx(?:\?|$)/ },
      handler(code, id) {
        try {
          const out = mdxSourceWithMath(code);
          return out === code ? null : { code: out, map: null };
        } catch (error) {
          if (!(error instanceof TexError)) throw error;
          // Only the first bad formula is known here; the content check lists every one with its place.
          const at = code.indexOf(error.tex);
          const where = at === -1 ? '' : (({ line, column }) => `line ${line}, column ${column + error.offset}: `)(lineColumn(code, at));
          throw new Error(`${id.replace(/\?.*$/, '')}: ${contentMessages.invalidTex(where, error.tex, error.message)}`, { cause: error });
        }
      },
    },
  };
}

export function mdxMath(): AstroIntegration {
  return {
    name: 'learnspace-mdx-math',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [mdxMathPlugin()] } });
      },
    },
  };
}
