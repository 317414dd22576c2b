/** `<ls-continue-button>`: "Start", "Continue: <item>" or "Review", from the learner's last visit. */
import { $progress } from '../../stores/progress.ts';
import { continueTarget, type ItemRef } from '../../stores/progress-model.ts';
import { showProgressNotices } from './progress-notice.ts';

const labels = { start: 'Start the course', continue: 'Continue: ', review: 'Review the course' } as const;

class ContinueButtonElement extends HTMLElement {
  private unsubscribe?: () => void;

  connectedCallback(): void {
    showProgressNotices();
    const course = this.dataset.course ?? '';
    const items = JSON.parse(this.dataset.items ?? '[]') as ItemRef[];
    const link = this.querySelector('a');
    if (!link) return;
    this.unsubscribe = $progress.subscribe((state) => {
      const target = continueTarget(state, course, items);
      if (!target) return;
      this.dataset.state = target.kind;
      link.href = target.item.href;
      link.textContent = target.kind === 'continue' ? labels.continue + target.item.title : labels[target.kind];
    });
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
  }
}

if (!customElements.get('ls-continue-button')) customElements.define('ls-continue-button', ContinueButtonElement);
