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

/**
 * Credentials placed in every pipeline setting for the redaction test: none may reach
 * dist/, content/ (status files) or the CLI's output, even after every endpoint failed.
 */
export const CREDENTIAL_MARKERS = {
  apiKey: ['sk', 'proj', 'lsmarker0key0in0env0var'].join('-'),
  user: 'lsmarkeruser',
  password: 'lsmarkerpassword',
  baseToken: 'lsmarker0base0query0token',
  notesToken: 'lsmarker0notes0query0token',
  quizToken: 'lsmarker0quiz0query0token',
} as const;

/** A host that never resolves (RFC 2606 `.invalid`): the DNS error it causes must stay off learners' pages. */
export const UNRESOLVABLE_HOST = 'learnspace-marker-host.invalid';

/** The pipeline environment with a credential in every setting, pointed at failing endpoints. */
export function credentialEnv(failingPort: number, notesHost: string): Record<string, string> {
  const m = CREDENTIAL_MARKERS;
  return {
    OPENAI_API_KEY: m.apiKey,
    OPENAI_BASE_URL: `http://${m.user}:${m.password}@127.0.0.1:${failingPort}/v1?api-key=${m.baseToken}`,
    NOTES_GENERATION_ENDPOINT: `http://${notesHost}/v1?key=${m.notesToken}`,
    QUIZ_GENERATION_ENDPOINT: `http://127.0.0.1:${failingPort}/v1?token=${m.quizToken}`,
  };
}
