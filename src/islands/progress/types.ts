/** What the server passes to progress islands about a course's items. */
export interface ProgressItemRef {
  key: string;
  href: string;
  title: string;
  /** Set for quiz items, whose scores /progress/ lists. */
  passMark?: number;
}
export interface ProgressCourseRef {
  slug: string;
  name: string;
  href: string;
  items: ProgressItemRef[];
}
