/** Numbers as learners read them: durations ("3 h 1 min") and counted nouns ("1 video · 2 readings"). Browser-safe. */

/** "1 h 5 min", "12 min", "45 s"; empty for nothing. */
export function formatDuration(seconds: number): string {
  if (!(seconds > 0)) return '';
  const minutes = Math.round(seconds / 60);
  if (seconds < 30) return `${Math.round(seconds)} s`;
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

/** "1 video", "2 videos": the noun agrees with the count. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** Nouns for each item type, singular and plural. */
export const itemTypeNouns = {
  video: ['video', 'videos'],
  text: ['reading', 'readings'],
  quiz: ['quiz', 'quizzes'],
  assignment: ['assignment', 'assignments'],
  resource: ['resource', 'resources'],
} as const satisfies Record<string, readonly [string, string]>;

/** "1 video · 2 readings · 1 quiz", in syllabus type order, leaving out types with none. */
export function itemCounts(types: readonly (keyof typeof itemTypeNouns)[]): string {
  const order = Object.keys(itemTypeNouns) as (keyof typeof itemTypeNouns)[];
  return order
    .map((type) => [type, types.filter((t) => t === type).length] as const)
    .filter(([, n]) => n > 0)
    .map(([type, n]) => countOf(n, itemTypeNouns[type][0], itemTypeNouns[type][1]))
    .join(' · ');
}

/** The "Quiz: " a screen reader hears before an item's title, unless the title already says it ("Quiz: vectors"). */
export function typePrefix(typeLabel: string, title: string): string {
  return title.trim().toLowerCase().startsWith(typeLabel.toLowerCase()) ? '' : `${typeLabel}: `;
}
