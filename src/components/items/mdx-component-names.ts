/** Names of the components every MDX item may use; plain data so the content check (in Node) knows them too. */
export const mdxComponentNames = ['Callout', 'Figure'] as const;
export type MdxComponentName = (typeof mdxComponentNames)[number];
