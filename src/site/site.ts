/** Site-wide names and texts, shared by the layout, RSS and pages. */
export const siteName = 'Learnspace';
export const siteDescription = 'Free, visual courses with lectures, readings, quizzes and hands-on assignments. Your progress stays in your browser.';

/** What search engines and link previews show of a description (they cut longer ones themselves). */
export const META_DESCRIPTION_LENGTH = 160;

/**
 * A page's description for `<meta name="description">` and Open Graph: at most 160 characters,
 * cut at the last word that fits and marked with "…", so a long lecture summary is not written
 * twice in full into the head of its page.
 */
export function metaDescription(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= META_DESCRIPTION_LENGTH) return flat;
  const cut = flat.slice(0, META_DESCRIPTION_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > META_DESCRIPTION_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
