/**
 * `<ls-complete-toggle>`: records the visit when an item page opens, lets the
 * learner mark the item complete or not (or, for a quiz, says it completes by
 * passing), and (opt-in, for reading) completes
 * it once the end of the article, where the toggle sits, has stayed in view.
 */
import { completeOnRead, itemCompleted, setItemComplete, visitItem } from '../../stores/progress.ts';
import { showProgressNotices } from './progress-notice.ts';

/** How long the end of the article must stay in view to count as read. */
const READ_DWELL_MS = 2000;

class CompleteToggleElement extends HTMLElement {
  private cleanups: (() => void)[] = [];

  connectedCallback(): void {
    showProgressNotices();
    const course = this.dataset.course ?? '';
    const key = this.dataset.key ?? '';
    const box = this.querySelector('input');
    const status = this.querySelector('.status');
    visitItem(course, key);
    const rule = this.querySelector<HTMLElement>('[data-pass-mark]');
    if (rule) {
      const ruleText = rule.textContent;
      this.cleanups.push(
        itemCompleted(key).subscribe((done) => {
          this.dataset.state = done ? 'done' : 'todo';
          rule.textContent = done ? 'Completed: you passed this quiz.' : ruleText;
        }),
      );
      return;
    }
    if (!box) return;
    box.disabled = false;
    const onChange = () => setItemComplete(course, key, box.checked);
    box.addEventListener('change', onChange);
    this.cleanups.push(() => box.removeEventListener('change', onChange));
    this.cleanups.push(
      itemCompleted(key).subscribe((done) => {
        box.checked = done;
        this.dataset.state = done ? 'done' : 'todo';
      }),
    );
    if (this.dataset.completeOnRead === 'true' && 'IntersectionObserver' in window) this.watchReading(course, key, status);
  }

  private watchReading(course: string, key: string, status: Element | null): void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new IntersectionObserver(([entry]) => {
      clearTimeout(timer);
      if (!entry?.isIntersecting) return;
      timer = setTimeout(() => {
        observer.disconnect();
        const before = itemCompleted(key).get();
        completeOnRead(course, key);
        if (!before && itemCompleted(key).get() && status) status.textContent = 'Marked complete: you reached the end.';
      }, READ_DWELL_MS);
    });
    observer.observe(this);
    this.cleanups.push(() => {
      clearTimeout(timer);
      observer.disconnect();
    });
  }

  disconnectedCallback(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}

if (!customElements.get('ls-complete-toggle')) customElements.define('ls-complete-toggle', CompleteToggleElement);
