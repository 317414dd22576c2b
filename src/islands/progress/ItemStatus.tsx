/** PLACEHOLDER until the progress issue: a per-item completion mark in syllabus and sidebar. */
export default function ItemStatus(_props: { courseSlug: string; itemKey: string }) {
  return <span className="item-status" data-state="neutral" aria-hidden="true" />;
}
