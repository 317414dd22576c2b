/**
 * The /search/ page: a search box with course and type filters whose results
 * appear while typing (Pagefind's debounced search), announced through a live
 * status line, and reachable with the arrow keys as well as Tab.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { loadPagefind, type Pagefind, type PagefindFilterCounts } from './pagefind-api.ts';
import { matchesEveryTerm, toSearchHit, type SearchHit } from './search-hits.ts';
import { readSearchParams, SEARCH_DEBOUNCE_MS, toFilters, writeSearchParams, type SearchParams } from './search-params.ts';
import './search.css';

/** Results whose details are fetched at once; more come with "Show more". */
const PAGE_SIZE = 10;
/** Types in the order a course presents them, not alphabetically. */
const typeOrder = ['Course', 'Video', 'Reading', 'Quiz', 'Assignment', 'Resource'];

type IndexState = 'loading' | 'ready' | 'missing';

interface Outcome {
  /** The query these hits answer, so stale renders are never mistaken for fresh ones. */
  query: string;
  hits: SearchHit[];
  total: number;
  filters: PagefindFilterCounts;
}

function optionsFor(counts: Record<string, number> | undefined, order?: string[]): [string, number][] {
  const entries = Object.entries(counts ?? {});
  const rank = (name: string) => (order?.includes(name) ? order.indexOf(name) : Number.MAX_SAFE_INTEGER);
  return entries.sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

interface FilterSelectProps {
  label: string;
  name: string;
  allLabel: string;
  value: string;
  /** Every value with its count over the whole index. */
  options: [string, number][];
  /** Counts for the current query, when there is one. */
  counts: Record<string, number> | undefined;
  onChange: (value: string) => void;
}

/** One Pagefind filter as a labelled select, each option with its result count. */
function FilterSelect({ label, name, allLabel, value, options, counts, onChange }: FilterSelectProps) {
  return (
    <label>
      <span>{label}</span>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {options.map(([option, total]) => (
          <option key={option} value={option}>
            {option} ({counts?.[option] ?? total})
          </option>
        ))}
      </select>
    </label>
  );
}

function statusText(index: IndexState, params: SearchParams, outcome: Outcome | null, searching: boolean): string {
  if (index === 'loading') return 'Loading search…';
  if (index === 'missing') return 'Search is not available here: the index is made by `npm run build`. Run `npm run build && npm run preview` to try it.';
  const query = params.query.trim();
  if (!query) return 'Type to search course notes, transcripts and readings.';
  if (searching || !outcome) return 'Searching…';
  const scope = params.course ? ` in ${params.course}` : '';
  const kind = params.type ? ` (${params.type})` : '';
  if (outcome.total === 0) return `No results for “${outcome.query}”${scope}${kind}.`;
  return `${outcome.total} ${outcome.total === 1 ? 'result' : 'results'} for “${outcome.query}”${scope}${kind}.`;
}

export default function Search() {
  const [params, setParams] = useState<SearchParams>({ query: '', course: '', type: '' });
  const [index, setIndex] = useState<IndexState>('loading');
  const [allFilters, setAllFilters] = useState<PagefindFilterCounts>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [searching, setSearching] = useState(false);
  const [shown, setShown] = useState(PAGE_SIZE);
  const pagefind = useRef<Pagefind | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const results = useRef<HTMLOListElement>(null);

  useEffect(() => {
    setParams(readSearchParams(window.location.search));
    void loadPagefind().then(async (loaded) => {
      pagefind.current = loaded;
      if (!loaded) return setIndex('missing');
      setAllFilters(await loaded.filters());
      setIndex('ready');
    });
  }, []);

  useEffect(() => {
    if (index === 'loading') return;
    const next = `${window.location.pathname}${writeSearchParams(params)}${window.location.hash}`;
    if (next !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(null, '', next);
  }, [params, index]);

  useEffect(() => {
    const engine = pagefind.current;
    const query = params.query.trim();
    if (index !== 'ready' || !engine) return;
    if (!query) {
      setOutcome(null);
      setSearching(false);
      return;
    }
    let current = true;
    setSearching(true);
    void (async () => {
      const response = await engine.debouncedSearch(query, { filters: toFilters(params) }, SEARCH_DEBOUNCE_MS);
      if (!response || !current) return;
      const page = response.results.slice(0, shown);
      const fragments = await Promise.all(page.map((r) => r.data()));
      if (!current) return;
      const hits = fragments.flatMap((fragment, i) => (matchesEveryTerm(query, fragment) ? [toSearchHit(page[i]!.id, fragment, params.from)] : []));
      // Pagefind backtracks a term across the whole index, so a page of nothing but noise means no result.
      const noise = fragments.length > 0 && hits.length === 0;
      setOutcome({
        query,
        hits,
        total: noise ? 0 : response.results.length <= shown ? hits.length : response.results.length,
        filters: noise ? {} : response.filters,
      });
      setSearching(false);
    })();
    return () => {
      current = false;
    };
  }, [params, index, shown]);

  const courseOptions = useMemo(() => optionsFor(allFilters.course), [allFilters]);
  const typeOptions = useMemo(() => optionsFor(allFilters.type, typeOrder), [allFilters]);

  const update = (change: Partial<SearchParams>) => {
    setShown(PAGE_SIZE);
    setParams((p) => ({ ...p, ...change }));
  };

  /** Arrow keys walk from the box through every result link and back; Escape returns to the box. */
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!['ArrowDown', 'ArrowUp', 'Escape'].includes(event.key)) return;
    const target = event.target as HTMLElement;
    if (target.tagName === 'SELECT') return;
    const links = Array.from(results.current?.querySelectorAll<HTMLAnchorElement>('a[data-result-link]') ?? []);
    const stops: HTMLElement[] = [...(input.current ? [input.current] : []), ...links];
    const at = stops.indexOf(target);
    if (at === -1) return;
    event.preventDefault();
    if (event.key === 'Escape') return input.current?.focus();
    const next = event.key === 'ArrowDown' ? Math.min(at + 1, stops.length - 1) : Math.max(at - 1, 0);
    stops[next]?.focus();
  };

  const counts = outcome?.filters;
  const hits = outcome && outcome.query === params.query.trim() ? outcome.hits : [];

  return (
    <div className="search" onKeyDown={onKeyDown}>
      <form role="search" className="search-form" onSubmit={(e) => e.preventDefault()} action="/search/">
        <label htmlFor="search-input" className="search-label">
          Search courses, notes and transcripts
        </label>
        <input
          ref={input}
          id="search-input"
          className="search-input"
          type="search"
          name="q"
          value={params.query}
          onChange={(e) => update({ query: e.target.value })}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          placeholder="e.g. gradient, eigenvector, chain rule"
          aria-describedby="search-status"
          aria-controls="search-results"
          data-search-primary=""
        />
        <div className="search-filters">
          <FilterSelect
            label="Course"
            name="course"
            allLabel="All courses"
            value={params.course}
            options={courseOptions}
            counts={counts?.course}
            onChange={(course) => update({ course })}
          />
          <FilterSelect
            label="Type"
            name="type"
            allLabel="All types"
            value={params.type}
            options={typeOptions}
            counts={counts?.type}
            onChange={(type) => update({ type })}
          />
        </div>
      </form>
      <p id="search-status" className="search-status" role="status" aria-live="polite">
        {statusText(index, params, outcome, searching)}
      </p>
      <ol
        ref={results}
        id="search-results"
        className="search-results"
        aria-label="Search results"
        aria-busy={searching}
        data-results-for={searching ? undefined : outcome?.query}
      >
        {hits.map((hit) => (
          <li key={hit.id} className="search-hit">
            {hit.image && (
              // A thumbnail that fails to load is hidden rather than drawn broken.
              <img
                className="search-hit-image"
                src={hit.image}
                alt=""
                loading="lazy"
                width={128}
                height={72}
                onError={(e) => (e.currentTarget.hidden = true)}
              />
            )}
            <div className="search-hit-body">
              <a className="search-hit-title" href={hit.url} data-result-link="">
                {hit.title}
              </a>
              <p className="search-hit-meta">{[hit.type, hit.courses.join(', '), hit.chapter].filter(Boolean).join(' · ')}</p>
              <p className="search-hit-excerpt" dangerouslySetInnerHTML={{ __html: hit.excerpt }} />
              {hit.sections.length > 0 && (
                <ul className="search-hit-sections">
                  {hit.sections.map((section) => (
                    <li key={section.url}>
                      <a href={section.url} data-result-link="">
                        {section.timestamp ? (
                          <span className="search-hit-time" aria-label={`${section.kind === 'notes' ? 'Notes' : 'Transcript'} at ${section.timestamp}`}>
                            {section.timestamp}
                          </span>
                        ) : (
                          <span className="search-hit-section-title">{section.title}</span>
                        )}
                        <span className="search-hit-excerpt" dangerouslySetInnerHTML={{ __html: section.excerpt }} />
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </li>
        ))}
      </ol>
      {outcome && hits.length < outcome.total && (
        <button type="button" className="search-more" onClick={() => setShown((n) => n + PAGE_SIZE)}>
          Show more results
        </button>
      )}
    </div>
  );
}
