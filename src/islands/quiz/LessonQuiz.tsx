/**
 * A lecture's generated quiz, whose questions travel once per lecture: as a JSON block in the
 * lecture's library page (`#lesson-quiz-data`, written by QuizBlock.astro), not as rendered HTML
 * plus island props on every page that shows the video. On the library page the island reads the
 * block from its own document; on a course item (`src` set) from the library page, loaded once
 * per page view with the notes and transcript (lesson-source.ts).
 */
import { useEffect, useState } from 'react';
import Quiz, { type QuizQuestionProps } from './Quiz.tsx';
import { loadLessonSource } from '../video/lesson-source.ts';
import { readLessonQuiz } from './lesson-quiz-data.ts';

interface Props {
  /** The lecture's library page, when the questions are not in this page. */
  src?: string | undefined;
  passMark: number;
  courseSlug?: string | undefined;
  itemKey?: string | undefined;
}

export default function LessonQuiz({ src, passMark, courseSlug, itemKey }: Props) {
  // null until read: the server renders the loading line, and so does the first render in the browser.
  const [questions, setQuestions] = useState<QuizQuestionProps[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    const take = (page: Document) => {
      if (!current) return;
      const read = readLessonQuiz(page);
      if (read) setQuestions(read);
      else setFailed(true);
    };
    if (src) loadLessonSource(src).then(take, () => current && setFailed(true));
    else take(document);
    return () => {
      current = false;
    };
  }, [src]);

  if (questions) return <Quiz questions={questions} passMark={passMark} courseSlug={courseSlug} itemKey={itemKey} />;
  return (
    <p className="muted quiz-loading">
      {failed ? 'The quiz could not be loaded here. ' : 'Loading the quiz… '}
      {src && <a href={`${src}#lesson-quiz`}>Take it on the lecture's page</a>}
    </p>
  );
}
