/**
 * Quizzes become QTI 1.2 assessments an LMS grades: every item parses, keeps
 * its choices in order, marks the right one as the only scoring response, and
 * carries the explanation and points. Real quizzes from the sample course.
 */
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { loadPublishedCourses } from '../../../scripts/export/course-model.ts';
import { qtiAssessmentXml, qtiText, type QtiQuestion } from '../../../scripts/export/qti.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => ['item', 'response_label', 'respcondition', 'qtimetadatafield'].includes(name),
});

interface ParsedItem {
  presentation: {
    material: { mattext: { '#text': string; '@_texttype': string } };
    response_lid: { render_choice: { response_label: { '@_ident': string; material: { mattext: { '#text': string } } }[] } };
  };
  resprocessing: { respcondition: { conditionvar: { varequal?: { '#text': string } }; setvar?: { '#text': string | number } }[] };
  itemfeedback?: { flow_mat: { material: { mattext: { '#text': string } } } };
  itemmetadata: { qtimetadata: { qtimetadatafield: { fieldlabel: string; fieldentry: string | number }[] } };
}

/** Reads an assessment back as the questions an LMS would import. */
function importQuestions(xml: string): QtiQuestion[] {
  expect(() => SyntaxValidator.validate(xml)).not.toThrow();
  const doc = parser.parse(xml) as { questestinterop: { assessment: { section: { item: ParsedItem[] } } } };
  return doc.questestinterop.assessment.section.item.map((item) => {
    const labels = item.presentation.response_lid.render_choice.response_label;
    const scoring = item.resprocessing.respcondition.filter((c) => c.setvar && Number(c.setvar['#text']) === 100);
    expect(scoring).toHaveLength(1);
    const correct = String(scoring[0]!.conditionvar.varequal!['#text']);
    const weighting = item.itemmetadata.qtimetadata.qtimetadatafield.find((f) => f.fieldlabel === 'cc_weighting');
    return {
      prompt: String(item.presentation.material.mattext['#text']),
      choices: labels.map((l) => String(l.material.mattext['#text'])),
      answer: labels.findIndex((l) => l['@_ident'] === correct),
      explanation: item.itemfeedback ? String(item.itemfeedback.flow_mat.material.mattext['#text']) : '',
      points: Number(weighting?.fieldentry),
    };
  });
}

describe('QTI assessments', () => {
  const { published } = loadPublishedCourses(process.cwd());
  const quizzes = published.flatMap((c) =>
    c.items.flatMap((i) => (i.type === 'quiz' && i.data.type === 'quiz' ? [{ key: i.key, questions: i.data.questions }] : [])),
  );

  it("finds the sample courses' quizzes", () => {
    expect(quizzes.length).toBeGreaterThan(3);
  });

  it.each(quizzes.map((q) => [q.key, q] as const))('%s keeps every question, choice, correct answer and explanation', (_key, quiz) => {
    const questions = quiz.questions.map((q) => ({ ...q, points: 1 }));
    const imported = importQuestions(qtiAssessmentXml({ ident: 'quiz_1', title: 'Quiz', questions }));
    const shown = (s: string) => qtiText(s).text;
    expect(imported).toEqual(
      questions.map((q) => ({ prompt: shown(q.prompt), choices: q.choices.map(shown), answer: q.answer, explanation: shown(q.explanation), points: 1 })),
    );
  });

  it('gives an LMS formulas as MathML in text/html, the text around them escaped, and other questions as plain text', () => {
    const question = { prompt: 'Is $\\frac{a}{b} < 1$ when a < b & b > 0?', choices: ['$x^2$', 'no'], answer: 0, explanation: 'Costs $5 and $10.', points: 1 };
    const xml = qtiAssessmentXml({ ident: 'q', title: 'T', questions: [question] });
    const item = (parser.parse(xml) as { questestinterop: { assessment: { section: { item: ParsedItem[] } } } }).questestinterop.assessment.section.item[0]!;
    expect(item.presentation.material.mattext['@_texttype']).toBe('text/html');
    const prompt = String(item.presentation.material.mattext['#text']);
    expect(prompt).toMatch(
      /^Is <math><semantics><mrow><mfrac><mi>a<\/mi><mi>b<\/mi><\/mfrac><mo>&lt;<\/mo><mn>1<\/mn><\/mrow><annotation encoding="application\/x-tex">\\frac\{a\}\{b\} &lt; 1<\/annotation><\/semantics><\/math> when a &lt; b &amp; b &gt; 0\?$/,
    );
    expect(importQuestions(xml)[0]!.choices).toEqual([expect.stringMatching(/^<math>.*<msup>/), 'no']);
    expect(xml).toContain('<mattext texttype="text/plain">Costs $5 and $10.</mattext>');
  });

  it('keeps markup and ampersands in questions as text', () => {
    const hostile = {
      prompt: 'Is <script>alert(1)</script> & "x" < y?',
      choices: ['<b>yes</b>', "it's ]]> here"],
      answer: 1,
      explanation: '</mattext><x>',
      points: 2,
    };
    const xml = qtiAssessmentXml({ ident: 'q', title: 'T <&>', questions: [hostile] });
    expect(xml).not.toContain('<script>');
    expect(importQuestions(xml)).toEqual([hostile]);
  });
});
