import type { ProgressCourseRef } from './types.ts';
/** PLACEHOLDER until the progress issue: the /progress/ page body. */
export default function ProgressDashboard(_props: { courses: ProgressCourseRef[] }) {
  return <p>Your progress is kept in this browser.</p>;
}
