/**
 * A corpus of broken content an instructor could plausibly commit. Each case
 * mutates a copy of a small valid tree and asserts the exact message the
 * instructor reads: file, field, what was expected, what was found.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadContentTree } from '../../../src/lib/content-tree.ts';
import { formatProblem } from '../../../src/lib/friendly-errors.ts';

const FIXTURE = join(import.meta.dirname, '../../fixtures/content-valid');
const CH = 'content/courses/demo/01-start';
const roots: string[] = [];

function copyFixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'learnspace-content-'));
  cpSync(FIXTURE, root, { recursive: true });
  roots.push(root);
  return root;
}

type Mutation = (root: string) => void;
const write = (file: string, text: string | Buffer): Mutation => (root) => {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
};
const remove = (file: string): Mutation => (root) => rmSync(join(root, file), { recursive: true });
const rename = (from: string, to: string): Mutation => (root) => renameSync(join(root, from), join(root, to));

function problemsAfter(...mutations: Mutation[]): string[] {
  const root = copyFixture();
  for (const m of mutations) m(root);
  return loadContentTree(root).problems.map(formatProblem);
}

afterEach(() => {
  while (roots.length) rmSync(roots.pop()!, { recursive: true, force: true });
});

const quiz = (questions: string) => `type: quiz\norder: 3\ntitle: Check yourself\nquestions:\n${questions}`;
const course = (extra: string) => `name: Demo course\ndescription: A course.\ncreatedBy: tests\n${extra}`;

/** [case name, mutations, the line the instructor must see (exact, or a regex)] */
const cases: [string, Mutation[], string | RegExp][] = [
  ['YAML with an unclosed quote', [write('content/courses/demo/course.yaml', 'name: "Demo\ndescription: x\n')], /^content\/courses\/demo\/course\.yaml: line \d+, column \d+: invalid YAML: /],
  ['YAML indented with a tab', [write(`${CH}/chapter.yaml`, 'name: x\norder:\n\t1\n')], /^content\/courses\/demo\/01-start\/chapter\.yaml: line 3, column 1: invalid YAML: .*tab/i],
  ['a key written twice', [write(`${CH}/chapter.yaml`, 'name: a\nname: b\norder: 1\n')], `${CH}/chapter.yaml: line 2, column 1: invalid YAML: "name" is written twice in the same place: keep one`],
  ['a field indented under the one before it', [write(`${CH}/chapter.yaml`, 'name: Getting started\ndescription: The basics.\n  order: 1\n')], `${CH}/chapter.yaml: line 3, column 1: invalid YAML: "order" is indented under "description", which already has a value: align it with the fields around it`],
  ['a quiz answer indented one space too far', [write(`${CH}/03-quiz.yaml`, quiz('  - prompt: a\n    choices: [a, b]\n     answer: 0\n'))], `${CH}/03-quiz.yaml: line 7, column 1: invalid YAML: "answer" is indented under "choices", which already has a value: align it with the fields around it`],
  ['a list item out of line with the list', [write(`${CH}/03-quiz.yaml`, quiz('  - prompt: a\n    choices: [a, b]\n    answer: 0\n - prompt: b\n'))], `${CH}/03-quiz.yaml: line 8, column 1: invalid YAML: this line is indented differently from the lines around it: fields of the same mapping, and items of the same list, start at the same column (use spaces)`],
  ['a missing space after a colon', [write(`${CH}/chapter.yaml`, 'name: Getting started\norder:1\n')], `${CH}/chapter.yaml: line 2, column 1: invalid YAML: missing space after the colon: write "order: 1"`],
  ['a field indented with a tab', [write(`${CH}/chapter.yaml`, 'name: Getting started\n\torder: 1\n')], `${CH}/chapter.yaml: line 2, column 1: invalid YAML: this line is indented with a tab: YAML needs spaces (use 2 spaces per level)`],
  ['an unquoted value holding a colon', [write(`${CH}/chapter.yaml`, 'name: Intro: the basics\norder: 1\n')], `${CH}/chapter.yaml: line 1, column 1: invalid YAML: the value of "name" contains ": ": put it in quotes, like name: "Intro: the basics"`],
  ['a quote never closed', [write(`${CH}/chapter.yaml`, 'order: 1\nname: "Getting started\ndescription: x\n')], `${CH}/chapter.yaml: line 2, column 1: invalid YAML: a quote opened on this line is never closed: add the closing "`],
  ['a mistyped MDX component', [write(`${CH}/02-reading.mdx`, '---\ntype: text\norder: 2\ntitle: R\n---\n\nHello\n\n<Calout type="tip">Careful.</Calout>\n')], `${CH}/02-reading.mdx: line 9: unknown component <Calout>: did you mean <Callout>?`],
  ['an MDX component that does not exist', [write(`${CH}/02-reading.mdx`, '---\ntype: text\norder: 2\ntitle: R\n---\n\n<VideoEmbed id="x" />\n')], `${CH}/02-reading.mdx: line 7: unknown component <VideoEmbed>: the components MDX items can use are <Callout>, <Figure>`],
  ['a mistyped video id (0 for O)', [write('content/videos/Ip3X9LOh2dk.yaml', 'youtubeVideoId: Ip3X9LOh2dk\nurl: https://www.youtube.com/watch?v=Ip3X9LOh2dk\n'), write(`${CH}/01-lecture.yaml`, 'type: video\norder: 1\nvideo: Ip3X9L0h2dk\n')], `${CH}/01-lecture.yaml: video: expected a video in the library, got "Ip3X9L0h2dk": did you mean "Ip3X9LOh2dk" (content/videos/Ip3X9LOh2dk.yaml)?`],
  ['a legacy chapter video with a swapped pair', [write(`${CH}/chapter.yaml`, 'name: x\norder: 1\nvideo: aircAruvKnk\n')], `${CH}/chapter.yaml: video: expected a video in the library, got "aircAruvKnk": did you mean "aircAruvnKk" (content/videos/aircAruvnKk.yaml)?`],
  ['an unknown component on the first line of the body, its attributes on the next', [write(`${CH}/02-reading.mdx`, '---\ntype: text\norder: 2\ntitle: R\n---\n<Figur\n  src="/files/a.svg" alt="A" />\n')], `${CH}/02-reading.mdx: line 6: unknown component <Figur>: did you mean <Figure>?`],
  ['a chapter with no items', [write('content/courses/demo/02-empty/chapter.yaml', 'name: Empty\norder: 2\n')], 'content/courses/demo/02-empty/chapter.yaml: chapter has no items: add at least one item file (or a legacy `video`)'],
  ['an assignment with an empty body', [write(`${CH}/04-homework.mdx`, '---\ntype: assignment\norder: 4\ntitle: H\npoints: 5\nsubmission: Email it.\n---\n\n')], `${CH}/04-homework.mdx: expected the instructions below the frontmatter, but the body is empty`],
  ['an item named "video" beside a legacy chapter video', [write(`${CH}/chapter.yaml`, 'name: x\norder: 1\nvideo: aircAruvnKk\n'), write(`${CH}/video.yaml`, 'type: resource\norder: 9\ntitle: x\nurl: https://example.org/\n')], `${CH}/video.yaml: expected a file name unique within the chapter, but "video" is also used by ${CH}/chapter.yaml (legacy video): rename one of them`],
  ['a course without a name', [write('content/courses/demo/course.yaml', 'description: x\ncreatedBy: me\n')], 'content/courses/demo/course.yaml: name: required: expected text, but the field is missing'],
  ['isPublished written as "yes"', [write('content/courses/demo/course.yaml', course('isPublished: "yes"\n'))], 'content/courses/demo/course.yaml: isPublished: expected true or false, got "yes"'],
  ['an unknown level', [write('content/courses/demo/course.yaml', course('level: expert\n'))], 'content/courses/demo/course.yaml: level: expected one of "beginner", "intermediate", "advanced", got "expert"'],
  ['an unknown status', [write('content/courses/demo/course.yaml', course('status: published\n'))], 'content/courses/demo/course.yaml: status: expected one of "draft", "generating", "ready", "failed", got "published"'],
  ['a misspelt field', [write('content/courses/demo/course.yaml', course('titel: Oops\n'))], /^content\/courses\/demo\/course\.yaml: titel: unknown field: check the spelling/],
  ['tags written as a single string', [write('content/courses/demo/course.yaml', course('tags: ml, ai\n'))], 'content/courses/demo/course.yaml: tags: expected a list, got "ml, ai"'],
  ['course.yaml missing', [remove('content/courses/demo/course.yaml')], /^content\/courses\/demo\/course\.yaml: is missing: every course folder needs a course\.yaml/],
  ['course.yaml empty', [write('content/courses/demo/course.yaml', '\n')], 'content/courses/demo/course.yaml: is empty: expected a mapping of fields'],
  ['course.yaml holding a list', [write('content/courses/demo/course.yaml', '- name: x\n')], /course\.yaml: expected a mapping of fields \(name: value\)/],
  ['a chapter order that is a word', [write(`${CH}/chapter.yaml`, 'name: x\norder: first\n')], `${CH}/chapter.yaml: order: expected a number, got "first"`],
  ['a fractional chapter order', [write(`${CH}/chapter.yaml`, 'name: x\norder: 1.5\n')], `${CH}/chapter.yaml: order: expected a whole number, got 1.5`],
  ['a chapter without chapter.yaml', [remove(`${CH}/chapter.yaml`)], /^content\/courses\/demo\/01-start\/chapter\.yaml: is missing/],
  ['two chapters with the same order', [write('content/courses/demo/02-more/chapter.yaml', 'name: More\norder: 1\n'), write('content/courses/demo/02-more/01-t.yaml', 'type: resource\norder: 1\ntitle: x\nurl: https://example.org/\n')], `content/courses/demo/02-more/chapter.yaml: order: expected an order unique within the course, got 1, already used by ${CH}/chapter.yaml`],
  ['a legacy chapter video missing from the library', [write(`${CH}/chapter.yaml`, 'name: x\norder: 1\nvideo: zzzzzzzzzzz\n')], `${CH}/chapter.yaml: video: expected a video in the library, got "zzzzzzzzzzz": add content/videos/zzzzzzzzzzz.yaml (npm run videos -- add zzzzzzzzzzz)`],
  ['a legacy chapter video that is a URL, not an id', [write(`${CH}/chapter.yaml`, 'name: x\norder: 1\nvideo: https://youtu.be/aircAruvnKk\n')], `${CH}/chapter.yaml: video: expected an 11-character YouTube video id like "aircAruvnKk", got "https://youtu.be/aircAruvnKk"`],
  ['an unknown item type', [write(`${CH}/01-lecture.yaml`, 'type: podcast\norder: 1\n')], `${CH}/01-lecture.yaml: type: expected type to be one of video, text, quiz, assignment, resource, got "podcast"`],
  ['an item without a type', [write(`${CH}/01-lecture.yaml`, 'order: 1\nvideo: aircAruvnKk\n')], `${CH}/01-lecture.yaml: type: expected type to be one of video, text, quiz, assignment, resource, but the field is missing`],
  ['two items with the same order', [write(`${CH}/05-link.yaml`, 'type: resource\norder: 1\ntitle: x\nurl: https://example.org/\n')], `${CH}/05-link.yaml: order: expected an order unique within the chapter, got 1, already used by ${CH}/01-lecture.yaml`],
  ['a video item pointing at a video not in the library', [write(`${CH}/01-lecture.yaml`, 'type: video\norder: 1\nvideo: dQw4w9WgXcQ\n')], `${CH}/01-lecture.yaml: video: expected a video in the library, got "dQw4w9WgXcQ": add content/videos/dQw4w9WgXcQ.yaml (npm run videos -- add dQw4w9WgXcQ)`],
  ['a video item without its video', [write(`${CH}/01-lecture.yaml`, 'type: video\norder: 1\n')], `${CH}/01-lecture.yaml: video: required: expected text, but the field is missing`],
  ['a quiz answer beyond its choices', [write(`${CH}/03-quiz.yaml`, quiz('  - prompt: a\n    choices: [a, b, c, d]\n    answer: 0\n  - prompt: b\n    choices: [a, b, c, d]\n    answer: 5\n'))], `${CH}/03-quiz.yaml: questions[1].answer: expected 0-3 (one of the 4 choices), got 5`],
  ['a negative quiz answer', [write(`${CH}/03-quiz.yaml`, quiz('  - prompt: a\n    choices: [a, b]\n    answer: -1\n'))], `${CH}/03-quiz.yaml: questions[0].answer: expected 0-1 (one of the 2 choices), got -1`],
  ['a quiz answer given as a letter', [write(`${CH}/03-quiz.yaml`, quiz('  - prompt: a\n    choices: [a, b]\n    answer: B\n'))], `${CH}/03-quiz.yaml: questions[0].answer: expected a number, got "B"`],
  ['a question with one choice', [write(`${CH}/03-quiz.yaml`, quiz('  - prompt: a\n    choices: [only]\n    answer: 0\n'))], `${CH}/03-quiz.yaml: questions[0].choices: expected 2-8 choices, got a list of 1`],
  ['a question with nine choices', [write(`${CH}/03-quiz.yaml`, quiz('  - prompt: a\n    choices: [a, b, c, d, e, f, g, h, i]\n    answer: 0\n'))], `${CH}/03-quiz.yaml: questions[0].choices: expected 2-8 choices, got a list of 9`],
  ['a quiz with no questions', [write(`${CH}/03-quiz.yaml`, quiz('  []\n').replace('questions:\n  []', 'questions: []'))], `${CH}/03-quiz.yaml: questions: expected at least one question, got a list of 0`],
  ['a question without a prompt', [write(`${CH}/03-quiz.yaml`, quiz('  - choices: [a, b]\n    answer: 0\n'))], `${CH}/03-quiz.yaml: questions[0].prompt: required: expected text, but the field is missing`],
  ['a resource URL with a typo in the scheme', [write(`${CH}/05-link.yaml`, 'type: resource\norder: 5\ntitle: x\nurl: htp://example.org\n')], `${CH}/05-link.yaml: url: expected an http(s) URL like "https://example.org/page", got "htp://example.org"`],
  ['a javascript: resource URL', [write(`${CH}/05-link.yaml`, 'type: resource\norder: 5\ntitle: x\nurl: "javascript:alert(1)"\n')], `${CH}/05-link.yaml: url: expected an http(s) URL like "https://example.org/page", got "javascript:alert(1)"`],
  ['a resource with both url and file', [write(`${CH}/05-link.yaml`, 'type: resource\norder: 5\ntitle: x\nurl: https://example.org/\nfile: /files/sheet.txt\n')], `${CH}/05-link.yaml: url: expected exactly one of \`url\` or \`file\``],
  ['a resource file that does not exist', [write(`${CH}/06-sheet.yaml`, 'type: resource\norder: 6\ntitle: x\nfile: /files/missing.pdf\n')], `${CH}/06-sheet.yaml: file: expected a file at public/files/missing.pdf, but there is none: add it or fix the path`],
  ['a resource file path without the leading slash', [write(`${CH}/06-sheet.yaml`, 'type: resource\norder: 6\ntitle: x\nfile: files/sheet.txt\n')], `${CH}/06-sheet.yaml: file: expected a path under public/ starting with "/", like "/files/notes.pdf", got "files/sheet.txt"`],
  ['negative assignment points', [write(`${CH}/04-homework.mdx`, '---\ntype: assignment\norder: 4\ntitle: H\npoints: -5\nsubmission: Email it.\n---\n\nDo it.\n')], `${CH}/04-homework.mdx: points: expected at least 0, got -5`],
  ['an assignment due date that is not a date', [write(`${CH}/04-homework.mdx`, '---\ntype: assignment\norder: 4\ntitle: H\npoints: 5\ndue: next friday\nsubmission: Email it.\n---\n\nDo it.\n')], `${CH}/04-homework.mdx: due: expected a date like 2026-12-01, got "next friday"`],
  ['an assignment without submission instructions', [write(`${CH}/04-homework.mdx`, '---\ntype: assignment\norder: 4\ntitle: H\npoints: 5\n---\n\nDo it.\n')], `${CH}/04-homework.mdx: submission: required: expected text, but the field is missing`],
  ['a text item written as YAML', [remove(`${CH}/02-reading.mdx`), write(`${CH}/02-reading.yaml`, 'type: text\norder: 2\ntitle: R\n')], `${CH}/02-reading.yaml: type: a text item is written in MDX: rename the file to 02-reading.mdx and put the text below the frontmatter`],
  ['a quiz written as MDX', [remove(`${CH}/03-quiz.yaml`), write(`${CH}/03-quiz.mdx`, '---\ntype: quiz\norder: 3\ntitle: Q\n---\n\nquestions\n')], `${CH}/03-quiz.mdx: type: a quiz item is written in YAML: rename the file to 03-quiz.yaml`],
  ['an unclosed JSX tag in MDX', [write(`${CH}/02-reading.mdx`, '---\ntype: text\norder: 2\ntitle: R\n---\n\nHello\n\n<Callout>never closed\n')], `${CH}/02-reading.mdx: line 9, column 1: invalid MDX: Expected a closing tag for \`<Callout>\` before the end of \`paragraph\` (write "{" and "<" as "\\{" and "&lt;" in plain text)`],
  ['an unclosed JSX tag far into an MDX body', [write(`${CH}/02-reading.mdx`, `---\ntype: text\norder: 2\ntitle: R\n---\n${'\ntext\n'.repeat(6)}\nSome words then <Callout>never closed\n`)], `${CH}/02-reading.mdx: line 19, column 17: invalid MDX: Expected a closing tag for \`<Callout>\` before the end of \`paragraph\` (write "{" and "<" as "\\{" and "&lt;" in plain text)`],
  ['a TeX formula that does not render, in MDX', [write(`${CH}/02-reading.mdx`, '---\ntype: text\norder: 2\ntitle: R\n---\n\nThe area is $\\pi r^2$.\n\n$$\n\\frac{a}{b\n$$\n')], `${CH}/02-reading.mdx: line 10, column 11: TeX error in $$ \\frac{a}{b $$: Unexpected end of input in a macro argument, expected '}' at the end of the formula (fix the formula; write a dollar sign that is not math as \\$)`],
  ['a TeX command that does not exist, in a quiz choice', [write(`${CH}/03-quiz.yaml`, quiz("  - prompt: 'Which is $\\det A$?'\n    choices: ['$ad - bc$', '$\\dett A$']\n    answer: 0\n"))], `${CH}/03-quiz.yaml: questions[0].choices[1]: column 2: TeX error in $\\dett A$: Unsupported function name: \\dett (fix the formula; write a dollar sign that is not math as \\$)`],
  ['a bare brace in MDX text', [write(`${CH}/02-reading.mdx`, '---\ntype: text\norder: 2\ntitle: R\n---\n\nThe set {1, 2 is open\n')], `${CH}/02-reading.mdx: line 7, column 9: invalid MDX: Unexpected end of file in expression, expected a corresponding closing brace for \`{\` (write "{" and "<" as "\\{" and "&lt;" in plain text)`],
  ['MDX without frontmatter', [write(`${CH}/02-reading.mdx`, '# Just a heading\n')], `${CH}/02-reading.mdx: expected frontmatter at the top: a block between two "---" lines with at least type and order`],
  ['MDX frontmatter never closed', [write(`${CH}/02-reading.mdx`, '---\ntype: text\norder: 2\n\nBody\n')], `${CH}/02-reading.mdx: frontmatter is not closed: add a "---" line after it`],
  ['broken YAML inside MDX frontmatter', [write(`${CH}/02-reading.mdx`, '---\ntype: text\norder: [2\ntitle: R\n---\n\nBody\n')], /^content\/courses\/demo\/01-start\/02-reading\.mdx: line \d+, column \d+: invalid YAML/],
  ['a text item with an empty body', [write(`${CH}/02-reading.mdx`, '---\ntype: text\norder: 2\ntitle: R\n---\n\n')], `${CH}/02-reading.mdx: expected the text below the frontmatter, but the body is empty`],
  ['bytes that are not UTF-8', [write(`${CH}/chapter.yaml`, Buffer.concat([Buffer.from('name: Caf'), Buffer.from([0xe9]), Buffer.from('\norder: 1\n')]))], `${CH}/chapter.yaml: is not valid UTF-8 text (bad byte 0xe9 on line 1): save the file as UTF-8`],
  ['a 10 MB file', [write(`${CH}/02-reading.mdx`, `---\ntype: text\norder: 2\ntitle: R\n---\n\n${'word '.repeat(2_100_000)}\n`)], `${CH}/02-reading.mdx: file is 10.0 MB; content files are limited to 1 MB (move large material to public/ and link it as a resource)`],
  ['a chapter folder with spaces', [rename(CH, 'content/courses/demo/My Chapter')], 'content/courses/demo/My Chapter: folder name "My Chapter" becomes a URL: rename it to a lowercase slug like "my-chapter"'],
  ['an item file named with accents', [rename(`${CH}/02-reading.mdx`, `${CH}/02-introducción.mdx`)], `${CH}/02-introducción.mdx: file name "02-introducción" becomes a URL: rename it to a lowercase slug like "02-introduccion.mdx"`],
  ['a .yml item', [rename(`${CH}/05-link.yaml`, `${CH}/05-link.yml`)], `${CH}/05-link.yml: unsupported file type ".yml": rename it to .yaml`],
  ['a .md item', [rename(`${CH}/02-reading.mdx`, `${CH}/02-reading.md`)], `${CH}/02-reading.md: unsupported file type ".md": rename it to .mdx`],
  ['two items sharing a file name', [write(`${CH}/01-lecture.mdx`, '---\ntype: text\norder: 9\ntitle: T\n---\n\nText.\n')], /^content\/courses\/demo\/01-start\/01-lecture\.yaml: expected a file name unique within the chapter, but "01-lecture" is also used by .*01-lecture\.mdx: rename one of them/],
  ['a library entry whose id differs from its file name', [write('content/videos/aircAruvnKk.yaml', 'youtubeVideoId: IHZwWFHWa-w\nurl: https://www.youtube.com/watch?v=IHZwWFHWa-w\n')], 'content/videos/aircAruvnKk.yaml: youtubeVideoId: expected "aircAruvnKk" (the file name), got "IHZwWFHWa-w": rename the file or fix the id'],
  ['a library entry with a bad URL', [write('content/videos/aircAruvnKk.yaml', 'youtubeVideoId: aircAruvnKk\nurl: www.youtube.com/watch?v=aircAruvnKk\n')], 'content/videos/aircAruvnKk.yaml: url: expected an http(s) URL like "https://example.org/page", got "www.youtube.com/watch?v=aircAruvnKk"'],
  ['a caption file without a library entry', [write('content/videos/IHZwWFHWa-w.vtt', 'WEBVTT\n')], 'content/videos/IHZwWFHWa-w.vtt: caption file has no library entry: add content/videos/IHZwWFHWa-w.yaml'],
  ['a course with no chapters', [remove(CH)], 'content/courses/demo/course.yaml: course has no chapters: add a chapter folder with a chapter.yaml'],
  ['a YAML alias bomb', [write(`${CH}/chapter.yaml`, `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nname: x\norder: 1\n`)], /^content\/courses\/demo\/01-start\/chapter\.yaml: .*(alias|Excessive)/i],
];

describe('broken content gives one clear message naming file and field', () => {
  it('starts from a valid tree', () => {
    expect(problemsAfter()).toEqual([]);
  });

  it.each(cases)('%s', (_name, mutations, expected) => {
    const problems = problemsAfter(...mutations);
    if (typeof expected === 'string') expect(problems).toContain(expected);
    else expect(problems.some((p) => expected.test(p)), `no problem matched ${expected}; got:\n${problems.join('\n')}`).toBe(true);
  });

  it('has a corpus of at least 40 inputs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it('accepts a course that has only a name', () => {
    expect(problemsAfter(write('content/courses/demo/course.yaml', 'name: Demo course\n'))).toEqual([]);
  });

  it('accepts MDX that uses the known components and mentions others only in code', () => {
    const body = '<Callout type="tip">Hi</Callout>\n\n<Figure src="/files/a.svg" alt="A" />\n\n`<Calout>` in code\n\n```\n<Calout>\n```\n';
    expect(problemsAfter(write(`${CH}/02-reading.mdx`, `---\ntype: text\norder: 2\ntitle: R\n---\n\n${body}`))).toEqual([]);
  });

  it('accepts a file saved with a BOM and Windows line endings', () => {
    const problems = problemsAfter(write(`${CH}/chapter.yaml`, '\uFEFFname: Getting started\r\norder: 1\r\n'));
    expect(problems).toEqual([]);
  });

  it('reports every problem in one run, not just the first', () => {
    const problems = problemsAfter(
      write('content/courses/demo/course.yaml', course('level: expert\n')),
      write(`${CH}/03-quiz.yaml`, quiz('  - prompt: a\n    choices: [a, b]\n    answer: 7\n')),
      write(`${CH}/05-link.yaml`, 'type: resource\norder: 5\ntitle: x\nurl: nope\n'),
    );
    expect(problems).toHaveLength(3);
  });
});

describe('npm run check', () => {
  const node = join(import.meta.dirname, '../../../node_modules/.bin/node');
  const script = join(import.meta.dirname, '../../../scripts/check-content.ts');

  it('prints every problem without a stack trace and exits 1', () => {
    const root = copyFixture();
    write(`${CH}/03-quiz.yaml`, quiz('  - prompt: a\n    choices: [a, b, c, d]\n    answer: 5\n'))(root);
    write(`${CH}/02-reading.mdx`, '---\ntype: text\norder: 2\ntitle: R\n---\n\n<Callout>open\n')(root);
    let stderr = '';
    let status = 0;
    try {
      execFileSync(node, [script], { cwd: root, stdio: 'pipe', env: { ...process.env, LEARNSPACE_CONTENT: '' } });
    } catch (error) {
      const e = error as { status: number; stderr: Buffer };
      status = e.status;
      stderr = e.stderr.toString();
    }
    expect(status).toBe(1);
    expect(stderr).toContain('✗ 2 problems in content');
    expect(stderr).toContain(`${CH}/03-quiz.yaml: questions[0].answer: expected 0-3 (one of the 4 choices), got 5`);
    expect(stderr).toMatch(/02-reading\.mdx: line 7, column 1: invalid MDX/);
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('fails on a mistyped MDX component, which would otherwise only break the build', () => {
    const root = copyFixture();
    write(`${CH}/02-reading.mdx`, '---\ntype: text\norder: 2\ntitle: R\n---\n\n<Calout type="tip">Careful.</Calout>\n')(root);
    const run = () => execFileSync(node, [script], { cwd: root, stdio: 'pipe', env: { ...process.env, LEARNSPACE_CONTENT: '' } });
    expect(run).toThrow(/02-reading\.mdx: line 7: unknown component <Calout>: did you mean <Callout>\?/);
  });

  it('says the content is fine when it is', () => {
    const out = execFileSync(node, [script], { cwd: copyFixture(), env: { ...process.env, LEARNSPACE_CONTENT: '' } }).toString();
    expect(out).toMatch(/✓ content OK: 1 courses, 1 chapters, 6 items, 1 videos/);
  });
});

describe('npm run build with a content problem', () => {
  it('stops in the prebuild, before Astro starts, with the message and no stack trace', () => {
    const root = copyFixture();
    write(`${CH}/02-reading.mdx`, '---\ntype: text\norder: 2\ntitle: R\n---\n\n<Calout type="tip">Careful.</Calout>\n')(root);
    const node = join(import.meta.dirname, '../../../node_modules/.bin/node');
    const prebuild = join(import.meta.dirname, '../../../scripts/prebuild.ts');
    let stderr = '';
    let status = 0;
    try {
      execFileSync(node, [prebuild], { cwd: root, stdio: 'pipe', env: { ...process.env, LEARNSPACE_CONTENT: '' } });
    } catch (error) {
      const e = error as { status: number; stderr: Buffer };
      status = e.status;
      stderr = e.stderr.toString();
    }
    expect(status).toBe(1);
    expect(stderr).toContain(`${CH}/02-reading.mdx: line 7: unknown component <Calout>: did you mean <Callout>?`);
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
