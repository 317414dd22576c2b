/** `<ls-lesson-notes>` on a course item: the lecture's study notes, loaded from its library page (lesson-source.ts). */
import { loadLessonSource } from './lesson-source.ts';

/** `<ls-lesson-notes data-src="/videos/<id>/">`: replaces its fallback link with the notes from the library page. */
class LessonNotesElement extends HTMLElement {
  async connectedCallback(): Promise<void> {
    const src = this.dataset.src;
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
