/** `<ls-lesson-notes>` on a course item: the lecture's study notes, loaded from its library page (lesson-source.ts). */
import { loadLessonSource } from './lesson-source.ts';

/** `<ls-lesson-notes>`: replaces its fallback link to the library page with the notes loaded from that page. */
class LessonNotesElement extends HTMLElement {
  async connectedCallback(): Promise<void> {
    // The fallback link's href (made relative or absolute by exporters like any link), without its #fragment.
    const src = this.querySelector<HTMLAnchorElement>('a[data-lesson-source]')?.href.replace(/#.*$/, '');
    if (!src || this.dataset.loaded) return;
    try {
      const notes = (await loadLessonSource(src)).querySelector('#lesson-notes .video-notes');
      if (!notes) throw new Error(`${src} has no notes`);
      this.replaceChildren(document.importNode(notes, true));
      this.dataset.loaded = 'true';
      // A link to a notes section (#n-<seconds>) could not land before the section existed.
      if (/^#n-\d+$/.test(location.hash)) document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'start', behavior: 'instant' });
    } catch {
      this.querySelector('[data-loading]')?.replaceChildren('The notes could not be loaded here. ');
    }
  }
}

if (!customElements.get('ls-lesson-notes')) customElements.define('ls-lesson-notes', LessonNotesElement);
