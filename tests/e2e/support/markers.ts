/**
 * Marker values set in the environment of the test build: none may appear in
 * dist/. They look like the real thing so any leak path (inlined env, a
 * serialised config, a log) would carry them.
 */
export const SECRET_ENV_MARKERS: Record<string, string> = {
  // Shaped like a real key; assembled so the source itself does not look like a committed secret.
  OPENAI_API_KEY: ['sk', 'learnspacemarker0api0key0should0never0ship'].join('-'),
  OPENAI_BASE_URL: 'http://127.0.0.1:9/learnspacemarker-base-url',
  NOTES_GENERATION_ENDPOINT: 'http://127.0.0.1:9/learnspacemarker-notes-endpoint',
  QUIZ_GENERATION_ENDPOINT: 'http://127.0.0.1:9/learnspacemarker-quiz-endpoint',
  LEARNSPACE_NOTES_MODEL: 'learnspacemarker-notes-model',
  LEARNSPACE_QUIZ_MODEL: 'learnspacemarker-quiz-model',
  LEARNSPACE_PRIVATE_NOTE: 'learnspacemarker-private-env',
};

/** A word that occurs only in the unpublished draft sample course. */
export const DRAFT_MARKER = 'zanzibarquokka';
