/**
 * The contract between a library page and LessonQuiz: the lecture's questions (Markdown already
 * rendered to sanitised HTML) as JSON in `<script type="application/json" id="lesson-quiz-data">`.
 * JSON is about a third of the size of the same questions as rendered HTML plus Astro island props.
 */
import type { QuizQuestionProps } from './Quiz.tsx';

export const LESSON_QUIZ_DATA_ID = 'lesson-quiz-data';

/** The questions as the text of a JSON script block: `<` is escaped, so no `</script>` or `<!--` can end or bend the block. */
export function lessonQuizJson(questions: readonly QuizQuestionProps[]): string {
  return JSON.stringify(questions).replace(/</g, '\\u003c');
}

/** The questions in `page`'s JSON block, or null when it has none or it does not parse. */
export function readLessonQuiz(page: Document): QuizQuestionProps[] | null {
  const text = page.getElementById(LESSON_QUIZ_DATA_ID)?.textContent;
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.length > 0 ? (parsed as QuizQuestionProps[]) : null;
  } catch {
    return null;
  }
}
