/** `<ls-item-status>`: a check mark that follows one item's completion, in every tab. */
import { itemCompleted } from '../../stores/progress.ts';
import { showProgressNotices } from './progress-notice.ts';

class ItemStatusElement extends HTMLElement {
  private unsubscribe?: () => void;

  connectedCallback(): void {
    showProgressNotices();
    const label = this.querySelector('.label');
    this.unsubscribe = itemCompleted(this.dataset.key ?? '').subscribe((done) => {
      this.dataset.state = done ? 'done' : 'todo';
      if (label) label.textContent = done ? 'Completed' : 'Not completed';
    });
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
  }
}

if (!customElements.get('ls-item-status')) customElements.define('ls-item-status', ItemStatusElement);
