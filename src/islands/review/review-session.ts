/**
 * `<ls-review-session>`: the Review page. Builds the queue of due cards over the started
 * courses (or the one in `?course=`), shows one card at a time, and stores each grade's new
 * FSRS state with progress. Mouse or keys: Space/Enter shows the answer, 1–4 grade it.
 */
import { $progress, saveReview } from '../../stores/progress.ts';
import { dueCards, isUnlocked, nextDueAt } from '../../stores/progress-model.ts';
import { formatInterval, gradeCard, GRADES, intervalsFor, type GradeName } from '../../stores/review-schedule.ts';
import { countOf } from '../../browser/format.ts';
import type { ReviewCard, ReviewDeck } from '../../browser/review-deck.ts';
import { loadDeck } from './review-decks.ts';

interface CourseRef {
  slug: string;
  name: string;
  href: string;
}

type QueuedCard = ReviewCard & { courseName: string };

class ReviewSessionElement extends HTMLElement {
  private decks: ReviewDeck[] = [];
  private queue: QueuedCard[] = [];
  private current: QueuedCard | undefined;
  private revealed = false;

  private el<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.querySelector<T>(selector)!;
  }

  async connectedCallback(): Promise<void> {
    const courses = JSON.parse(this.dataset.courses ?? '[]') as CourseRef[];
    const only = new URLSearchParams(location.search).get('course');
    const state = $progress.get();
    const started = courses.filter((c) => state.courses[c.slug] !== undefined);
    this.decks = (await Promise.all(started.map((c) => loadDeck(c.slug)))).filter((d): d is ReviewDeck => d !== undefined);
    this.renderFilter(only);
    if (only) this.decks = this.decks.filter((d) => d.course === only);
    this.el('[data-reveal]').addEventListener('click', () => this.reveal());
    this.el('[data-grades]').addEventListener('click', (event) => {
      const grade = (event.target as Element).closest<HTMLElement>('[data-grade]')?.dataset.grade as GradeName | undefined;
      if (grade) this.grade(grade);
    });
    document.addEventListener('keydown', (event) => this.onKey(event));
    this.refill();
    this.show();
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.current || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as Element | null;
    if (target?.closest('input, textarea, select, a, [contenteditable]')) return;
    if (!this.revealed && (event.key === ' ' || (event.key === 'Enter' && !target?.closest('button')))) {
      event.preventDefault();
      this.reveal();
    } else if (this.revealed && /^[1-4]$/.test(event.key)) {
      event.preventDefault();
      this.grade(GRADES[Number(event.key) - 1]!);
    }
  }

  private renderFilter(only: string | null): void {
    const list = this.el('[data-decks]');
    if (this.decks.length < 2) return;
    const state = $progress.get();
    const link = (label: string, href: string, due: number, current: boolean) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = href;
      a.textContent = `${label} `;
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = String(due);
      a.append(badge);
      if (current) a.setAttribute('aria-current', 'page');
      li.append(a);
      return li;
    };
    const dueIn = (deck: ReviewDeck) => dueCards(state, deck.cards, Date.now()).length;
    list.append(
      link(
        'All courses',
        '/review/',
        this.decks.reduce((n, d) => n + dueIn(d), 0),
        !only,
      ),
    );
    for (const deck of this.decks) list.append(link(deck.name, `/review/?course=${encodeURIComponent(deck.course)}`, dueIn(deck), only === deck.course));
    this.el('[data-view="filter"]').hidden = false;
  }

  /** Rebuilds the queue from the cards due now (cards graded Again come back within the session). */
  private refill(): void {
    const state = $progress.get();
    this.queue = this.decks.flatMap((deck) => dueCards(state, deck.cards, Date.now()).map((card) => ({ ...card, courseName: deck.name })));
  }

  private show(): void {
    if (this.queue.length === 0) this.refill();
    this.current = this.queue.shift();
    this.revealed = false;
    const state = $progress.get();
    const hasCards = this.decks.some((d) => d.cards.some((c) => isUnlocked(state, c)));
    this.dataset.state = this.current ? 'card' : hasCards ? 'done' : 'empty';
    for (const view of this.querySelectorAll<HTMLElement>('[data-view]'))
      if (view.dataset.view !== 'filter') view.hidden = view.dataset.view !== this.dataset.state;
    if (!this.current) {
      const next = nextDueAt(
        state,
        this.decks.flatMap((d) => d.cards),
        Date.now(),
      );
      this.el('[data-next]').textContent = next === undefined ? '' : `The next card is due in ${formatInterval(next - Date.now())}.`;
      return;
    }
    const card = this.current;
    this.el('[data-source]').textContent = `${card.courseName} · ${card.source}`;
    this.el('[data-remaining]').textContent = `${countOf(this.queue.length + 1, 'card')} left`;
    this.el('[data-front]').textContent =
      card.kind === 'term' ? `What is “${card.front}”?` : card.kind === 'keyterm' ? `What does the lecture say about “${card.front}”?` : card.front;
    this.el('[data-answer]').textContent = card.back;
    this.el('[data-detail]').textContent = card.detail ?? '';
    const link = this.el<HTMLAnchorElement>('[data-link]');
    link.href = card.href;
    link.textContent = card.href.includes('?t=') ? 'Watch this moment' : 'Open the quiz';
    this.el('[data-back]').hidden = true;
    this.el('[data-grades]').hidden = true;
    this.el('[data-reveal]').hidden = false;
    if (this.contains(document.activeElement) || document.activeElement === document.body) this.el('[data-front]').focus();
  }

  private reveal(): void {
    if (!this.current || this.revealed) return;
    this.revealed = true;
    const intervals = intervalsFor($progress.get().reviews[this.current.id], Date.now());
    for (const grade of GRADES) this.el(`[data-interval="${grade}"]`).textContent = formatInterval(intervals[grade]);
    this.el('[data-back]').hidden = false;
    this.el('[data-grades]').hidden = false;
    this.el('[data-reveal]').hidden = true;
    this.el<HTMLButtonElement>('[data-grade="good"]').focus();
  }

  private grade(grade: GradeName): void {
    if (!this.current || !this.revealed) return;
    saveReview(this.current.id, gradeCard($progress.get().reviews[this.current.id], grade, Date.now()));
    this.show();
  }
}

if (!customElements.get('ls-review-session')) customElements.define('ls-review-session', ReviewSessionElement);
