/** PLACEHOLDER until the progress issue: course completion bar. Renders the neutral server state. */
export default function CourseProgressBar(_props: { courseSlug: string; itemKeys: string[]; variant?: 'card' | 'full' }) {
  return <div className="progress-bar" data-state="neutral" aria-hidden="true" />;
}
