/**
 * A lecture's notes and transcript live in the HTML of one page, its library page
 * (/videos/<id>/), which search indexes. A course item showing the same video loads
 * them from there on demand, once per page view, instead of carrying a copy of its own.
 */
const pages = new Map<string, Promise<Document>>();

/** The library page at `href`, parsed (fetched once per page view; the offline cache answers it too). */
export function loadLessonSource(href: string): Promise<Document> {
  let page = pages.get(href);
  if (!page) {
    page = fetch(href, { credentials: 'same-origin' }).then(async (response) => {
      if (!response.ok) throw new Error(`${href}: ${response.status}`);
      return new DOMParser().parseFromString(await response.text(), 'text/html');
    });
    // A failed load may be retried later (e.g. once the connection is back).
    page.catch(() => pages.delete(href));
    pages.set(href, page);
  }
  return page;
}
