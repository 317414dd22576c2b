/** The components every MDX item can use without importing them (their names: mdx-component-names.ts). */
import Callout from './Callout.astro';
import Figure from './Figure.astro';
import type { MdxComponentName } from './mdx-component-names.ts';

export const mdxComponents = { Callout, Figure } satisfies Record<MdxComponentName, unknown>;
