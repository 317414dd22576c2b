/** The components every MDX item can use without importing them. */
import Callout from './Callout.astro';
import Figure from './Figure.astro';

export const mdxComponents = { Callout, Figure };
