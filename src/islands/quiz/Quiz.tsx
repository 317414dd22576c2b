/**
 * A quiz learners can answer, submit, get scored on with per-question
 * feedback and explanations, and retry. In a course it shows the learner's
 * record (best score, attempts, passed); a passed quiz reopens as its result,
 * with a way to retake it. Used by quiz items and by a video's
 * generated quiz (whose questions link back to the moment they are taught).
 * Each question is a fieldset of radio buttons, so it works by keyboard and
 * screen reader; the score is announced and receives focus. Question text
 * arrives as sanitised HTML rendered at build time (QuizBlock.astro), so no
 * Markdown parser ships to the browser.
 */
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { useStore } from '@nanostores/react';
import { quizScore, recordQuizAttempt, type QuizScore } from '../../stores/progress.ts';
import { countOf } from '../../browser/format.ts';
import { formatTimestamp } from '../../browser/timestamp.ts';

/** A question with its Markdown already rendered to sanitised HTML. */
export interface QuizQuestionProps {
  promptHtml: string;
  choicesHtml: string[];
  answer: number;
  explanationHtml: string;
  /** Where in the video this is taught, for "review at 12:34". */
  startMs?: number;
}

interface Props {
  questions: QuizQuestionProps[];
  passMark: number;
  /** With both set, attempts count towards the learner's progress. */
  courseSlug?: string | undefined;
  itemKey?: string | undefined;
}

/** "Best score 80% · 2 attempts · passed". */
function describeScore(score: QuizScore, passMark: number): string {
  return `Best score ${score.bestScore}% · ${countOf(score.attempts, 'attempt')} · ${score.passed ? 'passed' : `not passed yet (pass mark ${passMark}%)`}`;
}

export default function Quiz({ questions, passMark, courseSlug, itemKey }: Props) {
  const tracked = Boolean(courseSlug && itemKey);
  const stored = useStore(quizScore(tracked ? itemKey! : ''));
  // The record lives in this browser only: shown after hydration, so the server's HTML and the first render agree.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const score = hydrated && tracked ? stored : undefined;
  const [retaking, setRetaking] = useState(false);
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
    setRetaking(true);
    setAnswers(questions.map(() => null));
    setSubmitted(false);
    setMissing([]);
    setAttempt((n) => n + 1);
    requestAnimationFrame(() => first.current?.querySelector('input')?.focus());
  };

  if (score?.passed && !retaking && !submitted) {
    return (
      <div className="quiz quiz-passed">
        <div className="quiz-result" role="status" data-passed="true">
          <p className="quiz-score">
            <strong>You passed this quiz.</strong> <span data-quiz-record="">{describeScore(score, passMark)}</span>
          </p>
          <button type="button" className="button" onClick={retry}>
            Retake the quiz
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="quiz" onSubmit={submit} noValidate data-submitted={submitted || undefined}>
      {score && !submitted && (
        <p className="quiz-record" data-quiz-record="">
          {describeScore(score, passMark)}
        </p>
      )}
      {submitted && (
        <div className="quiz-result" ref={result} tabIndex={-1} role="status" data-passed={passed}>
          <p className="quiz-score">
            You scored{' '}
            <strong>
              {correct} of {questions.length}
            </strong>{' '}
            ({percent}%). {passed ? 'Well done, you passed!' : `The pass mark is ${passMark}%. Review the explanations below and try again.`}
          </p>
          {score && (
            <p className="quiz-record" data-quiz-record="">
              {describeScore(score, passMark)}
            </p>
          )}
          <button type="button" className="button" onClick={retry}>
            Retry the quiz
          </button>
        </div>
      )}
      <ol className="quiz-questions">
        {questions.map((q, qi) => {
          const chosen = answers[qi];
          const isRight = chosen === q.answer;
          const name = `${id}-q${qi}-a${attempt}`;
          return (
            <li key={qi}>
              <fieldset
                ref={qi === 0 ? first : undefined}
                className="quiz-question"
                aria-labelledby={`${name}-prompt`}
                data-result={submitted ? (isRight ? 'correct' : 'incorrect') : undefined}
                aria-describedby={submitted ? `${name}-feedback` : undefined}
              >
                {/* Not a <legend>: a prompt may hold a code block, which a legend cannot contain. */}
                <div className="quiz-prompt" id={`${name}-prompt`}>
                  <span className="visually-hidden">
                    Question {qi + 1} of {questions.length}:{' '}
                  </span>
                  <div className="quiz-prompt-text" dangerouslySetInnerHTML={{ __html: q.promptHtml }} />
                </div>
                <div className="quiz-choices">
                  {q.choicesHtml.map((choice, ci) => (
                    <label
                      key={ci}
                      className="quiz-choice"
                      data-chosen={chosen === ci || undefined}
                      data-answer={submitted && ci === q.answer ? true : undefined}
                    >
                      <input
                        type="radio"
                        name={name}
                        value={ci}
                        checked={chosen === ci}
                        disabled={submitted}
                        onChange={() => setAnswers((prev) => prev.map((a, i) => (i === qi ? ci : a)))}
                      />
                      <span className="quiz-choice-text" dangerouslySetInnerHTML={{ __html: choice }} />
                    </label>
                  ))}
                </div>
                {submitted && (
                  <div className="quiz-feedback" id={`${name}-feedback`}>
                    <p>
                      <strong>
                        {isRight ? (
                          'Correct.'
                        ) : (
                          <>
                            Not quite: the answer is “<span dangerouslySetInnerHTML={{ __html: q.choicesHtml[q.answer]! }} />
                            ”.
                          </>
                        )}
                      </strong>
                    </p>
                    <div className="quiz-explanation" dangerouslySetInnerHTML={{ __html: q.explanationHtml }} />
                    {q.startMs !== undefined && (
                      <p>
                        <a href={`?t=${Math.floor(q.startMs / 1000)}`} data-seek-ms={q.startMs}>
                          Review at {formatTimestamp(q.startMs)}
                        </a>
                      </p>
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
          <button type="submit" className="button primary">
            Check my answers
          </button>
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
