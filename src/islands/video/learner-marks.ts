/**
 * `<ls-learner-marks>`: adds, lists and deletes the learner's notes and bookmarks on one video.
 * The time field follows the player (TIME_EVENT) until the learner types in it; links to a
 * mark carry `?t=` and `data-seek-ms`, so the player seeks in place.
 */
import { addVideoMark, deleteMark, videoMarks, type MarkEntry } from '../../stores/progress.ts';
import { seekTargetFromUrl, TIME_EVENT, type TimeDetail } from '../../browser/seek-target.ts';
import { formatTimestamp } from '../../browser/timestamp.ts';
import { markHref } from '../../stores/progress-model.ts';

/** `75`, `1:15` or `1:01:15` → seconds; undefined for anything else. */
export function parseTimestamp(text: string): number | undefined {
  const match = /^\s*(?:(\d+):)??(?:(\d+):)?(\d+)\s*$/.exec(text);
  if (!match) return undefined;
  const [, h, m, s] = match;
  if ((h !== undefined || m !== undefined) && Number(s) > 59) return undefined;
  if (h !== undefined && Number(m) > 59) return undefined;
  return Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s);
}

/**
 * The form, built here rather than sent in every video page's HTML (it only works with this
 * script, and it is the same everywhere). Static markup: no learner or page data in it.
 */
const FORM_HTML =
  '<div class="mark-time"><label for="mark-at">At</label>' +
  '<input id="mark-at" name="at" value="0:00" inputmode="numeric" autocomplete="off" size="7" aria-describedby="mark-time-hint">' +
  '<span id="mark-time-hint" class="muted">follows the video while it plays</span></div>' +
  '<label for="mark-text" class="visually-hidden">Note</label>' +
  '<textarea id="mark-text" name="text" rows="2" maxlength="2000" placeholder="A note at this moment (optional for a bookmark)"></textarea>' +
  '<p class="mark-error" role="alert" data-error></p>' +
  '<div class="mark-actions"><button type="submit" class="button primary" value="note">Add note</button>' +
  '<button type="submit" class="button" value="bookmark">Bookmark this moment</button></div>';

class LearnerMarksElement extends HTMLElement {
  private unsubscribe?: () => void;

  connectedCallback(): void {
    const { video = '', title = '', href = location.pathname } = this.dataset;
    const list = this.querySelector<HTMLOListElement>('[data-list]')!;
    let form = this.querySelector<HTMLFormElement>('[data-form]');
    if (!form) {
      form = document.createElement('form');
      form.className = 'mark-form';
      form.dataset.form = '';
      form.innerHTML = FORM_HTML;
      list.before(form);
    }
    const at = form.querySelector<HTMLInputElement>('[name="at"]')!;
    const text = form.querySelector<HTMLTextAreaElement>('[name="text"]')!;
    const error = form.querySelector<HTMLElement>('[data-error]')!;
    const empty = this.querySelector<HTMLElement>('[data-empty]')!;
    let typed = false;
    at.value = formatTimestamp(seekTargetFromUrl(location)?.ms ?? 0);
    at.addEventListener('input', () => (typed = true));
    window.addEventListener(TIME_EVENT, (event) => {
      const { ms, playing } = (event as CustomEvent<TimeDetail>).detail;
      if (playing) typed = false;
      if (!typed && document.activeElement !== at) at.value = formatTimestamp(ms);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const kind = (event.submitter as HTMLButtonElement | null)?.value === 'bookmark' ? 'bookmark' : 'note';
      const seconds = parseTimestamp(at.value);
      if (seconds === undefined) {
        error.textContent = 'At: write the time as minutes:seconds, for example 4:05.';
        at.focus();
        return;
      }
      if (kind === 'note' && text.value.trim() === '') {
        error.textContent = 'Write the note first, or bookmark this moment without one.';
        text.focus();
        return;
      }
      error.textContent = '';
      addVideoMark({ kind, videoId: video, title, href, seconds, text: text.value });
      text.value = '';
    });
    this.unsubscribe = videoMarks(video).subscribe((marks) => {
      list.replaceChildren(...marks.map((mark) => this.renderMark(mark)));
      empty.hidden = marks.length > 0;
    });
  }

  private renderMark(mark: MarkEntry): HTMLLIElement {
    const li = document.createElement('li');
    li.dataset.mark = mark.kind;
    const link = document.createElement('a');
    link.href = markHref(mark);
    link.dataset.seekMs = String(mark.seconds * 1000);
    link.textContent = formatTimestamp(mark.seconds * 1000);
    link.setAttribute('aria-label', `${mark.kind === 'bookmark' ? 'Bookmark' : 'Note'} at ${formatTimestamp(mark.seconds * 1000)}`);
    const body = document.createElement('span');
    body.className = 'mark-text';
    body.textContent = mark.text || 'Bookmark';
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Delete';
    remove.setAttribute('aria-label', `Delete the ${mark.kind} at ${formatTimestamp(mark.seconds * 1000)}`);
    remove.addEventListener('click', () => deleteMark(mark.id));
    li.append(link, body, remove);
    return li;
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
  }
}

if (!customElements.get('ls-learner-marks')) customElements.define('ls-learner-marks', LearnerMarksElement);
