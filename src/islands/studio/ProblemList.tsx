/**
 * Why a save was refused, in the exact lines `npm run check` prints, announced
 * as an alert so a screen reader user hears it without hunting for the field.
 */
import { problemLine, type ContentProblem } from './studio-api.ts';

export function ProblemList({
  problems,
  error,
  title = 'Not saved: nothing was written.',
}: {
  problems: ContentProblem[];
  error: string | null;
  title?: string;
}) {
  if (problems.length === 0 && !error) return null;
  return (
    <div className="notice studio-problems" data-tone="danger" role="alert">
      <p>
        <strong>{title}</strong>
      </p>
      {error && <p>{error}</p>}
      {problems.length > 0 && (
        <ul>
          {problems.map((p) => (
            <li key={problemLine(p)}>
              <code>{problemLine(p)}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
