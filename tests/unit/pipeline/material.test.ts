/**
 * A video's material as reviewable files (content/generated/videos/<id>/):
 * written and read back exactly, migrated from the single-file cache, kept
 * when an instructor marked it reviewed (the pipeline proposes beside it
 * instead), shown and diffed by the CLI, and checked by `npm run check` with
 * file: field: message lines.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { materialDigest, readVideoResult, readVideoStatus } from '../../../src/lib/generated-files.ts';
import { parseNotes, parseTranscript, serializeNotes, serializeTranscript } from '../../../src/lib/video-material.ts';
import { migrateLegacyCaches } from '../../../scripts/pipeline/material-writer.ts';
import { projectWithSampleVideos, REPO, runVideosCli } from '../hardening/helpers/videos-cli.ts';
import { FIXTURES } from './helpers/temp-content.ts';

const ID = 'aircAruvnKk';
let root: string;
const gen = (...p: string[]) => join(root, 'content', 'generated', 'videos', ...p);
const cli = (args: string[]) => runVideosCli(root, args);
const legacyFixture = (name: string) => join(FIXTURES, 'legacy-cache', name);

function copyLegacyCache() {
  mkdirSync(gen(), { recursive: true });
  for (const name of [`${ID}.json`, `${ID}.status.json`]) cpSync(legacyFixture(name), gen(name));
}

beforeEach(() => {
  root = projectWithSampleVideos('learnspace-material-', [ID]);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('material files', () => {
  it('read back exactly what was written, whatever the text holds', () => {
    const segments = [
      { startMs: 0, endMs: 1500, text: 'a <b>tag</b> & an arrow --> here' },
      { startMs: 1500, endMs: 3_723_456, text: 'two lines\nwith a\n\nblank one' },
      { startMs: 3_723_456, endMs: 3_724_000, text: '' },
    ];
    const parsed = parseTranscript(serializeTranscript(segments), 'transcript.vtt');
    expect(parsed).toEqual({ ok: true, value: segments });

    const notes = {
      summary: 'A summary: with a colon',
      glossary: [{ term: 'activation', definition: 'the number a neuron holds', startMs: 99_000 }],
      sections: [
        { title: "A neuron's activation", startMs: 61_250, body: 'Text.\n\n```\n## not a heading\n```', keyTerms: ['activation', 'neuron'] },
        { title: '3 layers', startMs: 3_600_000, body: 'Intro\n## Inside heading', keyTerms: [] },
      ],
    };
    const text = serializeNotes(notes, undefined, false);
    expect(text).toContain("## 1:01.250 A neuron's activation");
    expect(text).toContain('## 1:00:00 3 layers');
    const back = parseNotes(text, 'notes.md');
    expect(back.ok && back.value.notes).toEqual({ ...notes, sections: [notes.sections[0], { ...notes.sections[1], body: 'Intro\n### Inside heading' }] });
  });
});

describe('a committed single-file cache', { timeout: 90_000 }, () => {
  it('is read as it is, then migrated once with its status still vouching for it', async () => {
    copyLegacyCache();
    const legacy = JSON.parse(readFileSync(legacyFixture(`${ID}.json`), 'utf8'));
    const before = readVideoResult(ID, root);
    expect(before.ok && before.value.quiz).toEqual(legacy.quiz);

    expect(await migrateLegacyCaches(root)).toEqual([ID]);
    expect(existsSync(gen(`${ID}.json`))).toBe(false);
    expect(existsSync(gen(`${ID}.status.json`))).toBe(false);
    const after = readVideoResult(ID, root);
    if (!after.ok) throw new Error(after.error);
    const { review, ...result } = after.value;
    expect(review).toEqual({ notes: false, quiz: false });
    expect(result).toEqual({ ...legacy, notes: { glossary: [], ...legacy.notes } });
    const status = readVideoStatus(ID, root);
    expect(status.ok && status.value.resultDigest).toBe(materialDigest(ID, root));
    expect(await migrateLegacyCaches(root)).toEqual([]);
  });

  it('is migrated by the next pipeline run, which says so', async () => {
    copyLegacyCache();
    const run = await cli(['process']);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(
      `videos: moved 1 video from the single-file cache to reviewable files (content/generated/videos/<id>/: notes.md, quiz.yaml, transcript.vtt, meta.yaml, status.json): ${ID}; commit the change`,
    );
    expect(readFileSync(gen(ID, 'notes.md'), 'utf8')).toMatch(/^## \d+:\d\d /m);
    expect((await cli(['process'])).output).not.toContain('moved');
  });
});

describe('reviewed material', { timeout: 120_000 }, () => {
  const EDITED = 'What does the lecture call the number a neuron holds?';

  it('survives `process --force`: the pipeline proposes beside it, status says review needed, diff shows the change', async () => {
    expect((await cli(['process'])).code).toBe(0);
    const quizFile = gen(ID, 'quiz.yaml');
    const edited = readFileSync(quizFile, 'utf8')
      .replace(/^reviewed: false$/m, 'reviewed: true')
      .replace(/^ {2}- prompt: .*$/m, `  - prompt: ${EDITED}`);
    writeFileSync(quizFile, edited);
    const notesBefore = readFileSync(gen(ID, 'notes.md'), 'utf8');

    for (let i = 0; i < 2; i++) {
      const run = await cli(['process', '--force']);
      expect(run.code, run.output).toBe(0);
      expect(readFileSync(quizFile, 'utf8')).toBe(edited);
    }
    const proposal = parse(readFileSync(gen(ID, 'quiz.proposed.yaml'), 'utf8')) as { reviewed: boolean; questions: { prompt: string }[] };
    expect(proposal.reviewed).toBe(false);
    expect(proposal.questions[0]!.prompt).not.toBe(EDITED);
    // Unreviewed notes are simply regenerated, with no proposal.
    expect(readFileSync(gen(ID, 'notes.md'), 'utf8')).not.toBe(notesBefore);
    expect(existsSync(gen(ID, 'notes.proposed.md'))).toBe(false);

    const status = await cli(['status']);
    expect(status.output).toMatch(new RegExp(`${ID}\\s.*review needed \\(quiz\\)`));
    const diff = await cli(['diff', ID]);
    expect(diff.output).toContain(`--- content/generated/videos/${ID}/quiz.yaml\treviewed`);
    expect(diff.output).toContain(`-  - prompt: ${EDITED}`);
    expect(diff.output).toMatch(/^\+  - prompt: /m);
    const shown = JSON.parse((await cli(['show', ID, '--json'])).output) as {
      reviewNeeded: string[];
      quiz: { reviewed: boolean; questions: { prompt: string }[] };
    };
    expect(shown.reviewNeeded).toEqual(['quiz']);
    expect(shown.quiz.reviewed).toBe(true);
    expect(shown.quiz.questions[0]!.prompt).toBe(EDITED);

    // Deleting the proposal keeps the instructor's version and clears the flag.
    rmSync(gen(ID, 'quiz.proposed.yaml'));
    expect((await cli(['status'])).output).not.toContain('review needed');
    expect((await cli(['diff', ID])).output).toContain(`${ID}: nothing to review`);
  });

  it('is never overwritten even when the instructor left it unparseable', async () => {
    expect((await cli(['process'])).code).toBe(0);
    const broken = readFileSync(gen(ID, 'quiz.yaml'), 'utf8')
      .replace(/^reviewed: false$/m, 'reviewed: true')
      .replace(/^questions:$/m, 'questions: [');
    writeFileSync(gen(ID, 'quiz.yaml'), broken);
    const run = await cli(['process', '--force']);
    expect(run.code, run.output).toBe(0);
    expect(readFileSync(gen(ID, 'quiz.yaml'), 'utf8')).toBe(broken);
    expect(existsSync(gen(ID, 'quiz.proposed.yaml'))).toBe(true);
  });
});

describe('npm run videos -- show', { timeout: 90_000 }, () => {
  it('prints meta, notes, glossary, quiz with answers marked and a transcript excerpt', async () => {
    expect((await cli(['process'])).code).toBe(0);
    const shown = await cli(['show', ID]);
    expect(shown.code).toBe(0);
    expect(shown.output).toContain(`But what is a neural network? (${ID})`);
    expect(shown.output).toMatch(/^Notes \(notes\.md: generated, not reviewed\)$/m);
    expect(shown.output).toMatch(/^Quiz \(quiz\.yaml: generated, not reviewed\)$/m);
    expect(shown.output).toMatch(/^ {3}\* [a-h]\) /m);
    expect(shown.output).toMatch(/^Transcript \(file, en, \d+ segments; first 8, --full for all\)$/m);
    const json = JSON.parse((await cli(['show', ID, '--json', '--full'])).output) as {
      transcript: { complete: boolean; segmentCount: number; segments: unknown[] };
    };
    expect(json.transcript.complete).toBe(true);
    expect(json.transcript.segments).toHaveLength(json.transcript.segmentCount);
  });
});

describe('npm run check on edited material', { timeout: 90_000 }, () => {
  it('names the file, the field and what is wrong', async () => {
    expect((await cli(['process'])).code).toBe(0);
    const question = (answer: number, extra = '') =>
      `  - prompt: Which layer holds the pixels?\n    choices: [input, hidden, output, none]\n    answer: ${answer}\n    explanation: The first layer.\n    startMs: 6000\n${extra}`;
    writeFileSync(gen(ID, 'quiz.yaml'), `reviewed: true\nquestions:\n${question(1)}${question(0, '    anwser: 2\n')}${question(5)}`);
    writeFileSync(
      gen(ID, 'notes.md'),
      '---\nsummary: ""\nreviewed: true\n---\n\n## 0:06 The input layer\n\nEach neuron holds a pixel.\n\n## The hidden layers\n\nEdges, then patterns.\n\n## 3:24 Empty\n',
    );
    const check = await promisify(execFile)(join(REPO, 'node_modules/.bin/node'), [join(REPO, 'scripts/check-content.ts')], {
      cwd: root,
      env: { ...process.env, LEARNSPACE_CONTENT: '' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(check.code).toBe(1);
    const lines = check.stderr.split('\n').map((l) => l.trim());
    const dir = `content/generated/videos/${ID}`;
    expect(lines).toContain(`${dir}/quiz.yaml: questions[2].answer: expected 0-3 (one of the 4 choices), got 5`);
    expect(lines).toContain(
      `${dir}/quiz.yaml: questions[1].anwser: unknown field: check the spelling (allowed fields are listed in the README's authoring guide)`,
    );
    expect(lines).toContain(`${dir}/notes.md: summary: expected a summary, got an empty string`);
    expect(lines).toContain(
      `${dir}/notes.md: sections[1]: line 10: expected a heading with the section's start time and title, like "## 1:23 Scaling a vector", got "## The hidden layers"`,
    );
    expect(lines).toContain(`${dir}/notes.md: sections[2].body: line 14: expected text under the heading "Empty", got nothing`);
  });
});
