import type { ProgressItemRef } from './types.ts';
/** PLACEHOLDER until the progress issue: "Start" (server state) / "Continue" button. */
export default function ContinueButton(props: { courseSlug: string; items: ProgressItemRef[] }) {
  const first = props.items[0];
  return first ? <a className="button primary" href={first.href}>Start the course</a> : null;
}
