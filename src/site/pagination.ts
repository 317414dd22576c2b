/**
 * Long lists split into pages of a fixed size, so no page grows with the catalog: the course
 * catalog (/, then /page/<n>/) and the video library, grouped by status (/videos/, then /videos/page/<n>/).
 */
import type { LibraryVideo } from './catalog.ts';
import type { VideoStatusFile } from '../lib/schema.ts';

/** Cards per library page: a few screens on a phone, small HTML at any library size. */
export const LIBRARY_PAGE_SIZE = 48;
/** Course cards per catalog page. */
export const CATALOG_PAGE_SIZE = 48;

type Status = VideoStatusFile['status'];

export interface LibraryPageGroup {
  status: Status;
  /** The group's size over the whole library, not only this page. */
  total: number;
  /** Whether the group started on an earlier page. */
  continued: boolean;
  videos: LibraryVideo[];
}

export interface LibraryPage {
  /** 1-based. */
  number: number;
  count: number;
  groups: LibraryPageGroup[];
}

/** The href of library page `n` (1-based). */
export const libraryPageHref = (n: number) => (n <= 1 ? '/videos/' : `/videos/page/${n}/`);
/** The href of catalog page `n` (1-based). */
export const catalogPageHref = (n: number) => (n <= 1 ? '/' : `/page/${n}/`);

/** `list` in pages of `size` (always at least one page, maybe empty). */
export function pagesOf<T>(list: readonly T[], size: number): T[][] {
  const count = Math.max(1, Math.ceil(list.length / size));
  return Array.from({ length: count }, (_, p) => list.slice(p * size, (p + 1) * size));
}

/** Every page of the library, groups in the order given, videos in group order. */
export function libraryPages(groups: readonly { status: Status; videos: LibraryVideo[] }[], size = LIBRARY_PAGE_SIZE): LibraryPage[] {
  const flat = groups.flatMap((group) => group.videos.map((video, index) => ({ status: group.status, total: group.videos.length, index, video })));
  const count = Math.max(1, Math.ceil(flat.length / size));
  return Array.from({ length: count }, (_, p) => {
    const pageGroups: LibraryPageGroup[] = [];
    for (const entry of flat.slice(p * size, (p + 1) * size)) {
      const last = pageGroups.at(-1);
      if (last && last.status === entry.status) last.videos.push(entry.video);
      else pageGroups.push({ status: entry.status, total: entry.total, continued: entry.index > 0, videos: [entry.video] });
    }
    return { number: p + 1, count, groups: pageGroups };
  });
}

/** The page numbers a pager shows: first, last and a window around the current one; null marks a gap. */
export function pagerNumbers(current: number, count: number, around = 2): (number | null)[] {
  const out: (number | null)[] = [];
  for (let n = 1; n <= count; n++) {
    if (n === 1 || n === count || Math.abs(n - current) <= around) out.push(n);
    else if (out.at(-1) !== null) out.push(null);
  }
  return out;
}
