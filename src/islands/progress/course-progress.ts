/** `<ls-course-progress>`: a course's completion bar over the item keys the page was built with. */
import { courseProgress, type CourseProgress } from '../../stores/progress.ts';
import { showProgressNotices } from './progress-notice.ts';
import { countOf } from '../../browser/format.ts';

/** "3 of 8 items done · 38%", or "Not started yet". */
export function describeCourseProgress({ completed, total, percentage }: CourseProgress): string {
  if (completed === 0) return 'Not started yet';
  if (completed === total) return `${total === 1 ? 'The only item' : `All ${countOf(total, 'item')}`} done · 100%`;
  return `${completed} of ${countOf(total, 'item')} done · ${percentage}%`;
}

class CourseProgressElement extends HTMLElement {
  private unsubscribe?: () => void;

  connectedCallback(): void {
    showProgressNotices();
    const keys = JSON.parse(this.dataset.keys ?? '[]') as string[];
    const bar = this.querySelector<HTMLElement>('[role="progressbar"]');
    const fill = this.querySelector<HTMLElement>('.fill');
    const label = this.querySelector<HTMLElement>('.label');
    this.unsubscribe = courseProgress(keys).subscribe((progress) => {
      this.dataset.state = progress.completed === progress.total && progress.total > 0 ? 'done' : 'ready';
      this.dataset.percentage = String(progress.percentage);
      fill?.style.setProperty('inline-size', `${progress.percentage}%`);
      bar?.setAttribute('aria-valuenow', String(progress.percentage));
      bar?.removeAttribute('aria-busy');
      if (label) label.textContent = describeCourseProgress(progress);
    });
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
  }
}

if (!customElements.get('ls-course-progress')) customElements.define('ls-course-progress', CourseProgressElement);
