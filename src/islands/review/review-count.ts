/**
 * `<ls-review-count>`: how many review cards are due, over the courses the learner started
 * among `data-courses` (a course page), or among all of them (the header's Review link, which so
 * carries no list of the catalog's courses on every page). Decks are fetched
 * only for started courses, and the count refreshes when progress changes and every minute.
 */
import { $progress } from '../../stores/progress.ts';
import { dueCards } from '../../stores/progress-model.ts';
import { countOf } from '../../browser/format.ts';
import { loadDeck } from './review-decks.ts';

class ReviewCountElement extends HTMLElement {
  private unsubscribe?: () => void;
  private timer?: number;

  connectedCallback(): void {
    const listed = this.dataset.courses === undefined ? undefined : (JSON.parse(this.dataset.courses) as string[]);
    const output = this.querySelector<HTMLElement>('[data-count]');
    let run = 0;
    const refresh = async () => {
      const mine = ++run;
      const state = $progress.get();
      const started = (listed ?? Object.keys(state.courses)).filter((slug) => state.courses[slug] !== undefined);
      let due = 0;
      for (const deck of await Promise.all(started.map(loadDeck))) if (deck) due += dueCards($progress.get(), deck.cards, Date.now()).length;
      if (mine !== run || !output) return;
      this.dataset.due = String(due);
      if (this.dataset.variant === 'badge') {
        output.textContent = String(due);
        this.hidden = due === 0;
      } else {
        output.textContent = due > 0 ? `${countOf(due, 'card')} to review` : 'Nothing to review right now';
      }
    };
    this.unsubscribe = $progress.subscribe(() => void refresh());
    this.timer = window.setInterval(() => void refresh(), 60_000);
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    window.clearInterval(this.timer);
  }
}

if (!customElements.get('ls-review-count')) customElements.define('ls-review-count', ReviewCountElement);
