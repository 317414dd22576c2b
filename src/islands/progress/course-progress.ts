/**
 * `<ls-course-progress>`: a course's completion bar over the item keys the page was built with,
 * or, on catalog cards (no `data-keys`), over the course's outline loaded only once this browser has progress in it.
 */
import { $progress, courseProgress, type CourseProgress } from '../../stores/progress.ts';
import { courseSlugsIn, loadCourseRefs } from './course-refs.ts';
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
  private unwatch?: () => void;

  connectedCallback(): void {
    showProgressNotices();
    if (this.dataset.keys !== undefined) {
      this.show(JSON.parse(this.dataset.keys) as string[]);
      return;
    }
    this.show([]);
    const slug = this.dataset.course ?? '';
    let loading = false;
    this.unwatch = $progress.subscribe((state) => {
      if (loading || !courseSlugsIn(state).includes(slug)) return;
      loading = true;
      void loadCourseRefs([slug]).then(([ref]) => {
        if (ref && this.isConnected) this.show(ref.items.map((item) => item.key));
      });
    });
  }

  private show(keys: readonly string[]): void {
    this.unsubscribe?.();
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
    this.unwatch?.();
  }
}

if (!customElements.get('ls-course-progress')) customElements.define('ls-course-progress', CourseProgressElement);
