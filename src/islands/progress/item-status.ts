/** `<ls-item-status>`: a check mark that follows one item's completion, in every tab, and a quiz's best score beside it. */
import { itemCompleted, quizScore } from '../../stores/progress.ts';
import { showProgressNotices } from './progress-notice.ts';

class ItemStatusElement extends HTMLElement {
  private unsubscribes: (() => void)[] = [];

  connectedCallback(): void {
    showProgressNotices();
    let label = this.querySelector('.label');
    if (!label) {
      label = document.createElement('span');
      label.className = 'label visually-hidden';
      this.append(label);
    }
    const key = this.dataset.key ?? '';
    let done = false;
    let best = '';
    const render = () => {
      this.dataset.state = done ? 'done' : 'todo';
      if (label) label.textContent = (done ? 'Completed' : 'Not completed') + best;
    };
    this.unsubscribes.push(
      itemCompleted(key).subscribe((value) => {
        done = value;
        render();
      }),
    );
    const badge = this.dataset.quiz !== undefined ? this.previousElementSibling : null;
    if (badge instanceof HTMLElement) {
      this.unsubscribes.push(
        quizScore(key).subscribe((score) => {
          badge.hidden = !score;
          badge.toggleAttribute('data-passed', Boolean(score?.passed));
          badge.textContent = score ? `${score.bestScore}%` : '';
          // The badge is for eyes (aria-hidden); the mark's label says the score to screen readers.
          best = score ? `, best score ${score.bestScore}%` : '';
          render();
        }),
      );
    }
  }

  disconnectedCallback(): void {
    for (const stop of this.unsubscribes.splice(0)) stop();
  }
}

if (!customElements.get('ls-item-status')) customElements.define('ls-item-status', ItemStatusElement);
