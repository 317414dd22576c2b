/**
 * A quiz learners can answer, submit, get scored on with per-question
 * feedback and explanations, and retry. Used by quiz items and by a video's
 * generated quiz (whose questions link back to the moment they are taught).
 * Each question is a fieldset of radio buttons, so it works by keyboard and
 * screen reader; the score is announced and receives focus.
 */
import { useId, useRef, useState, type SubmitEvent } from 'react';
import { recordQuizAttempt } from '../../stores/progress.ts';
import { formatTimestamp } from '../../lib/timestamp.ts';

export interface QuizQuestionProps {
  prompt: string;
  choices: string[];
  answer: number;
  explanation: string;
  /** Where in the video this is taught, for "review at 12:34". */
  startMs?: number;
}

interface Props {
  questions: QuizQuestionProps[];
  passMark: number;
  /** With both set, attempts count towards the learner's progress. */
  courseSlug?: string;
  itemKey?: string;
}


export default function Quiz({ questions, passMark, courseSlug, itemKey }: Props) {
  const [answers, setAnswers] = useState<(number | null)[]>(() => questions.map(() => null));
  const [submitted, setSubmitted] = useState(false);
  const [missing, setMissing] = useState<number[]>([]);
  const [attempt, setAttempt] = useState(1);
  const result = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLFieldSetElement>(null);
  const id = useId();

  const correct = answers.filter((a, i) => a === questions[i]!.answer).length;
  const percent = Math.round((correct / questions.length) * 100);
  const passed = percent >= passMark;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const unanswered = answers.flatMap((a, i) => (a === null ? [i + 1] : []));
    setMissing(unanswered);
    if (unanswered.length > 0) return;
    setSubmitted(true);
    if (courseSlug && itemKey) recordQuizAttempt(courseSlug, itemKey, percent, passMark);
    requestAnimationFrame(() => result.current?.focus());
  };

  const retry = () => {
    setAnswers(questions.map(() => null));
    setSubmitted(false);
    setMissing([]);
    setAttempt((n) => n + 1);
    requestAnimationFrame(() => first.current?.querySelector('input')?.focus());
  };

  return (
    <form className="quiz" onSubmit={submit} noValidate data-submitted={submitted || undefined}>
      {submitted && (
        <div className="quiz-result" ref={result} tabIndex={-1} role="status" data-passed={passed}>
          <p className="quiz-score">
            You scored <strong>{correct} of {questions.length}</strong> ({percent}%).{' '}
            {passed ? 'Well done, you passed!' : `The pass mark is ${passMark}%. Review the explanations below and try again.`}
          </p>
          <button type="button" className="button" onClick={retry}>Retry the quiz</button>
        </div>
      )}
      <ol className="quiz-questions">
        {questions.map((q, qi) => {
          const chosen = answers[qi];
          const isRight = chosen === q.answer;
          const name = `${id}-q${qi}-a${attempt}`;
          return (
            <li key={qi}>
              <fieldset ref={qi === 0 ? first : undefined} className="quiz-question" data-result={submitted ? (isRight ? 'correct' : 'incorrect') : undefined} aria-describedby={submitted ? `${name}-feedback` : undefined}>
                <legend><span className="visually-hidden">Question {qi + 1} of {questions.length}: </span>{q.prompt}</legend>
                <div className="quiz-choices">
                  {q.choices.map((choice, ci) => (
                    <label key={ci} className="quiz-choice" data-chosen={chosen === ci || undefined} data-answer={submitted && ci === q.answer ? true : undefined}>
                      <input
                        type="radio"
                        name={name}
                        value={ci}
                        checked={chosen === ci}
                        disabled={submitted}
                        onChange={() => setAnswers((prev) => prev.map((a, i) => (i === qi ? ci : a)))}
                      />
                      <span>{choice}</span>
                    </label>
                  ))}
                </div>
                {submitted && (
                  <div className="quiz-feedback" id={`${name}-feedback`}>
                    <p><strong>{isRight ? 'Correct.' : `Not quite: the answer is “${q.choices[q.answer]}”.`}</strong> {q.explanation}</p>
                    {q.startMs !== undefined && (
                      <p><a href={`?t=${Math.floor(q.startMs / 1000)}`} data-seek-ms={q.startMs}>Review at {formatTimestamp(q.startMs)}</a></p>
                    )}
                  </div>
                )}
                {!submitted && missing.includes(qi + 1) && <p className="quiz-missing">Choose an answer for this question.</p>}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {!submitted && (
        <div className="quiz-actions">
          <button type="submit" className="button primary">Check my answers</button>
          <span className="muted">Pass mark: {passMark}%</span>
          {missing.length > 0 && (
            <p className="quiz-missing" role="alert">
              Answer every question first ({missing.length === 1 ? `question ${missing[0]} is` : `questions ${missing.join(', ')} are`} still open).
            </p>
          )}
        </div>
      )}
    </form>
  );
}
