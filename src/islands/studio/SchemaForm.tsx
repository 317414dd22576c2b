/**
 * A form generated from a JSON Schema of schemas/ (itself generated from the zod
 * schemas in src/lib/schema.ts), so the studio's fields are the fields a file may
 * have. Validation is the server's: each field shows the check's message for its
 * path (`questions[1].answer`), and nothing else decides what is valid.
 */
import { useId, useState, type ReactNode } from 'react';
import type { ContentProblem } from './studio-api.ts';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
}

export type FormValue = Record<string, unknown>;

/** Field labels people read; any other field is labelled from its name. */
const labels: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  minutes: 'Minutes (estimated length)',
  video: 'Library video',
  quiz: 'Show the video\u2019s generated quiz',
  passMark: 'Pass mark (%)',
  manualCompletion: 'Learners may mark it complete by hand',
  questions: 'Questions',
  prompt: 'Question',
  choices: 'Choices (one per line)',
  answer: 'Right choice (0 is the first)',
  explanation: 'Explanation',
  startMs: 'Taught at (milliseconds into the video)',
  points: 'Points',
  due: 'Due date',
  rubric: 'Rubric',
  criterion: 'Criterion',
  submission: 'How to submit',
  url: 'Link (URL)',
  file: 'File under public/ (like /files/notes.pdf)',
  name: 'Name',
  thumbnail: 'Thumbnail (an image path like /images/course.png)',
  status: 'Status',
  createdBy: 'Author (createdBy)',
  isPublished: 'Published',
  tags: 'Tags (one per line)',
  level: 'Level',
  language: 'Language (like en)',
  authors: 'Authors (one per line)',
  updatedAt: 'Updated on',
};
const multiline = new Set(['description', 'submission', 'explanation', 'prompt']);
const singular: Record<string, string> = { questions: 'question', rubric: 'rubric row' };
const dateFields = new Set(['due', 'updatedAt']);

const labelOf = (key: string) => labels[key] ?? key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
const typeOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type[0] : s.type);

/** `['questions', 1, 'answer']` → `questions[1].answer`, the path the check's messages name. */
export function pathText(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}

interface FieldProps {
  schema: JsonSchema;
  path: (string | number)[];
  value: unknown;
  required: boolean;
  onChange: (value: unknown) => void;
  problems: ContentProblem[];
  idPrefix: string;
  videos: { id: string; title: string }[];
  labelOverride?: Record<string, string> | undefined;
}

function FieldProblems({ id, problems }: { id: string; problems: ContentProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <p className="studio-field-error" id={id}>
      {problems.map((p) => p.message).join('; ')}
    </p>
  );
}

/** A list of words or lines, typed one per line; empty lines are dropped only when sent. */
function LinesField({
  id,
  value,
  onChange,
  describedBy,
  invalid,
}: {
  id: string;
  value: unknown;
  onChange: (v: unknown) => void;
  describedBy?: string | undefined;
  invalid: boolean;
}) {
  const [text, setText] = useState(Array.isArray(value) ? value.join('\n') : '');
  return (
    <textarea
      id={id}
      rows={Math.max(2, text.split('\n').length)}
      value={text}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      onChange={(e) => {
        setText(e.target.value);
        const lines = e.target.value
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        onChange(lines.length ? lines : null);
      }}
    />
  );
}

/** Picks a library video by typing part of its title (or its id). */
function VideoPicker({
  id,
  value,
  onChange,
  videos,
  describedBy,
  invalid,
}: {
  id: string;
  value: unknown;
  onChange: (v: unknown) => void;
  videos: FieldProps['videos'];
  describedBy?: string | undefined;
  invalid: boolean;
}) {
  const [query, setQuery] = useState('');
  const current = videos.find((v) => v.id === value);
  const q = query.trim().toLowerCase();
  const matches = q ? videos.filter((v) => v.title.toLowerCase().includes(q) || v.id.toLowerCase().includes(q)).slice(0, 8) : [];
  return (
    <div className="studio-video-picker">
      <p className="studio-video-current" id={`${id}-current`}>
        {current ? (
          <>
            Chosen: <strong>{current.title}</strong> <code>{current.id}</code>
          </>
        ) : typeof value === 'string' && value ? (
          <>
            Chosen: <code>{value}</code> (not in the library)
          </>
        ) : (
          'No video chosen yet.'
        )}
      </p>
      <input
        id={id}
        type="search"
        value={query}
        autoComplete="off"
        placeholder="Search library titles"
        aria-describedby={[`${id}-current`, describedBy].filter(Boolean).join(' ')}
        aria-invalid={invalid || undefined}
        onChange={(e) => setQuery(e.target.value)}
      />
      {q && (
        <ul className="studio-video-results" aria-label="Matching library videos">
          {matches.length === 0 && <li className="muted">No library video matches "{query}".</li>}
          {matches.map((v) => (
            <li key={v.id}>
              <button
                type="button"
                className="button"
                aria-pressed={v.id === value}
                onClick={() => {
                  onChange(v.id);
                  setQuery('');
                }}
              >
                {v.title} <code>{v.id}</code>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Field(props: FieldProps): ReactNode {
  const { schema, path, value, onChange, problems, idPrefix } = props;
  const key = String(path[path.length - 1]);
  const id = `${idPrefix}-${pathText(path).replace(/[^\w-]/g, '-')}`;
  const own = problems.filter((p) => p.field === pathText(path));
  const errorId = own.length ? `${id}-error` : undefined;
  const invalid = own.length > 0;
  const label = (props.labelOverride?.[key] ?? labelOf(key)) + (props.required ? '' : '');
  const type = typeOf(schema);
  const hint =
    schema.default !== undefined && typeof schema.default !== 'object' ? ` (default ${String(schema.default)})` : props.required ? '' : ' (optional)';

  if (type === 'boolean') {
    const checked = typeof value === 'boolean' ? value : schema.default === true;
    return (
      <div className="studio-field studio-check">
        <input id={id} type="checkbox" checked={checked} aria-describedby={errorId} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{label}</label>
        <FieldProblems id={`${id}-error`} problems={own} />
      </div>
    );
  }

  if (type === 'array' && schema.items && typeOf(schema.items) === 'object') {
    const rows = Array.isArray(value) ? (value as FormValue[]) : [];
    const item = schema.items;
    const noun = singular[key] ?? 'entry';
    return (
      <fieldset className="studio-fieldset">
        <legend>{label}</legend>
        <FieldProblems id={`${id}-error`} problems={own} />
        {rows.map((row, index) => (
          <fieldset key={index} className="studio-fieldset studio-row">
            <legend>
              {noun.replace(/^./, (c) => c.toUpperCase())} {index + 1}
            </legend>
            <ObjectFields
              {...props}
              schema={item}
              path={[...path, index]}
              value={row}
              onChange={(next) => onChange(rows.map((r, i) => (i === index ? next : r)))}
            />
            <button type="button" className="button" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
              Remove {noun} {index + 1}
            </button>
          </fieldset>
        ))}
        <button type="button" className="button" onClick={() => onChange([...rows, {}])}>
          Add {noun}
        </button>
      </fieldset>
    );
  }

  let control: ReactNode;
  if (key === 'video' && path.length === 1) {
    control = <VideoPicker id={id} value={value} onChange={onChange} videos={props.videos} describedBy={errorId} invalid={invalid} />;
  } else if (type === 'array') {
    control = <LinesField id={id} value={value} onChange={onChange} describedBy={errorId} invalid={invalid} />;
  } else if (schema.enum) {
    control = (
      <select
        id={id}
        value={typeof value === 'string' ? value : ''}
        aria-describedby={errorId}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(e.target.value || null)}
      >
        <option value="">{schema.default !== undefined ? `Default (${String(schema.default)})` : 'Choose…'}</option>
        {schema.enum.map((option) => (
          <option key={String(option)} value={String(option)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  } else if (type === 'number' || type === 'integer') {
    control = (
      <input
        id={id}
        type="number"
        inputMode={type === 'integer' ? 'numeric' : 'decimal'}
        step={type === 'integer' ? 1 : 'any'}
        value={typeof value === 'number' ? value : typeof value === 'string' ? value : ''}
        aria-describedby={errorId}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(e.target.value === '' ? null : Number.isNaN(e.target.valueAsNumber) ? e.target.value : e.target.valueAsNumber)}
      />
    );
  } else if (multiline.has(key)) {
    control = (
      <textarea
        id={id}
        rows={3}
        value={typeof value === 'string' ? value : ''}
        aria-describedby={errorId}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      />
    );
  } else {
    const shown = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    control = (
      <input
        id={id}
        type={dateFields.has(key) ? 'date' : key === 'url' ? 'url' : 'text'}
        value={shown}
        aria-describedby={errorId}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      />
    );
  }
  return (
    <div className="studio-field">
      <label htmlFor={id}>
        {label}
        <span className="muted">{hint}</span>
      </label>
      {control}
      <FieldProblems id={`${id}-error`} problems={own} />
    </div>
  );
}

function ObjectFields(props: FieldProps & { hidden?: readonly string[] | undefined }): ReactNode {
  const { schema, path, onChange } = props;
  const value = (props.value && typeof props.value === 'object' ? props.value : {}) as FormValue;
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {})
        .filter(([key, s]) => s.const === undefined && !props.hidden?.includes(key))
        .map(([key, s]) => (
          <Field
            key={key}
            {...props}
            schema={s}
            path={[...path, key]}
            value={value[key]}
            required={required.has(key)}
            onChange={(next) => onChange({ ...value, [key]: next })}
          />
        ))}
    </>
  );
}

export interface SchemaFormProps {
  schema: JsonSchema;
  value: FormValue;
  onChange: (value: FormValue) => void;
  /** The check's problems for this file; each is shown at its field. */
  problems: ContentProblem[];
  /** Fields the studio manages itself (type, order). */
  hidden?: readonly string[] | undefined;
  videos?: { id: string; title: string }[];
  labelOverride?: Record<string, string> | undefined;
}

/** The fields of one file, generated from its schema. */
export function SchemaFields(props: SchemaFormProps): ReactNode {
  const idPrefix = useId().replace(/:/g, '');
  return (
    <ObjectFields
      schema={props.schema}
      path={[]}
      value={props.value}
      required={false}
      onChange={(v) => props.onChange(v as FormValue)}
      problems={props.problems}
      idPrefix={`f${idPrefix}`}
      videos={props.videos ?? []}
      hidden={props.hidden}
      labelOverride={props.labelOverride}
    />
  );
}

/** The variant of the item schema for one item type. */
export function itemVariant(schema: JsonSchema, type: string): JsonSchema | undefined {
  return (schema.oneOf ?? schema.anyOf ?? []).find((s) => s.properties?.type?.const === type);
}

/**
 * What to send for a save: every field of the form, with values the author did not write
 * and left at their default sent as "leave out" (null), so files only say what differs.
 */
export function editsFrom(schema: JsonSchema, original: FormValue, value: FormValue): FormValue {
  const out: FormValue = {};
  for (const [key, s] of Object.entries(schema.properties ?? {})) {
    if (s.const !== undefined || key === 'order') continue;
    const v = value[key];
    const atDefault = s.default !== undefined && JSON.stringify(v) === JSON.stringify(s.default);
    out[key] = v === undefined || v === '' || (atDefault && !(key in original)) ? null : cleanRows(v);
  }
  return out;
}

/** Rows of questions or rubric lose their empty fields, as an author would leave them out. */
function cleanRows(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  return v.map((row: unknown) =>
    row && typeof row === 'object' && !Array.isArray(row)
      ? Object.fromEntries(Object.entries(row).filter(([, x]) => x !== null && x !== undefined && x !== ''))
      : row,
  );
}
