/**
 * `<ls-video-lesson>`: lays a video's material out for the space it has. Narrow:
 * notes, transcript and quiz become tabs under the player (WAI-ARIA tabs with
 * automatic activation: arrows, Home and End move between them). Wide: the
 * transcript stays beside the player and only notes and quiz are tabs.
 * A link to a moment (`?t=`, `#t-`, `#n-`) opens the tab it points into.
 */
import { seekTargetFromUrl } from '../../browser/seek-target.ts';
import { revealInitialMoment } from '../../browser/player.ts';

/** The frame width from which the transcript fits beside the player. */
const WIDE_PX = 800;

class VideoLessonElement extends HTMLElement {
  private observer?: ResizeObserver;

  connectedCallback(): void {
    const tablist = this.querySelector<HTMLElement>('[role="tablist"]');
    if (!tablist) return revealInitialMoment();
    const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const panelOf = (tab: HTMLElement) => document.getElementById(tab.getAttribute('aria-controls') ?? '');
    const target = seekTargetFromUrl(location);
    let selected = target ? (target.from === 'notes' ? 'notes' : 'transcript') : 'notes';
    let wide = false;

    const visibleTabs = () => tabs.filter((t) => !t.hidden);
    const apply = (focus = false) => {
      for (const tab of tabs) {
        const panel = panelOf(tab);
        const beside = wide && tab.dataset.tab === 'transcript';
        tab.hidden = beside;
        const active = tab.dataset.tab === selected;
        tab.setAttribute('aria-selected', String(active));
        tab.tabIndex = active ? 0 : -1;
        if (active && focus) tab.focus();
        if (!panel) continue;
        if (beside) {
          panel.removeAttribute('role');
          panel.removeAttribute('tabindex');
          panel.setAttribute('aria-labelledby', 'transcript-heading');
          panel.hidden = false;
        } else {
          panel.setAttribute('role', 'tabpanel');
          panel.setAttribute('aria-labelledby', tab.id);
          panel.tabIndex = 0;
          panel.hidden = !active;
        }
      }
    };
    const select = (name: string, focus = false) => {
      selected = name;
      apply(focus);
    };
    const layout = (width: number) => {
      wide = width >= WIDE_PX;
      this.dataset.layout = wide ? 'wide' : 'narrow';
      if (wide && selected === 'transcript') selected = 'notes';
      apply();
    };

    tablist.addEventListener('click', (event) => {
      const tab = (event.target as Element).closest<HTMLElement>('[role="tab"]');
      if (tab?.dataset.tab) select(tab.dataset.tab);
    });
    tablist.addEventListener('keydown', (event) => {
      const shown = visibleTabs();
      const at = shown.findIndex((t) => t.dataset.tab === selected);
      const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: shown.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select(shown[(next + shown.length) % shown.length]!.dataset.tab!, true);
    });
    this.observer = new ResizeObserver(([entry]) => layout(entry?.contentRect.width ?? this.clientWidth));
    this.observer.observe(this.parentElement ?? this);
    layout((this.parentElement ?? this).clientWidth);
    tablist.hidden = false;
    // After the layout is settled, so the line a link points at is scrolled to where it now sits.
    revealInitialMoment();
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
  }
}

if (!customElements.get('ls-video-lesson')) customElements.define('ls-video-lesson', VideoLessonElement);
