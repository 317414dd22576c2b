/** HTML text escaping shared by the site's server rendering and the LMS exporter (browser-safe, no imports). */

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text (or an attribute value) made safe to place in HTML; the same entities Astro writes for an expression. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => entities[c]!);
