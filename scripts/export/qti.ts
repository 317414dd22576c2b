/**
 * Quizzes as QTI 1.2 assessments in the Common Cartridge 1.3 profile: one
 * multiple-choice item per question with its choices, the correct one scored
 * 100, the explanation as feedback and the question's points as its weighting,
 * so an LMS imports a graded quiz. Text with TeX formulas is text/html holding
 * MathML (Canvas and Moodle show it); any other text stays text/plain.
 */
import XMLBuilder from 'fast-xml-builder';
import { escapeHtml } from '../../src/browser/html.ts';
import { findMath, textWithMathHtml } from '../../src/lib/math.ts';

export interface QtiQuestion {
  prompt: string;
  choices: string[];
  /** Index of the correct choice. */
  answer: number;
  explanation: string;
  points: number;
}

export interface QtiAssessment {
  ident: string;
  title: string;
  questions: QtiQuestion[];
}

const QTI_NS = 'http://www.imsglobal.org/xsd/ims_qtiasiv1p2';
const QTI_XSD = 'http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_qtiasiv1p2p1_v1p0.xsd';

export const xmlBuilder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
  processEntities: true,
});

const field = (label: string, entry: string) => ({ fieldlabel: label, fieldentry: entry });
/** Plain text with its formulas as MathML, for an LMS (the site's search marker left out). */
export const lmsMathHtml = (value: string) => textWithMathHtml(value, escapeHtml).replaceAll(' data-pagefind-ignore="all"', '');
/** What a question's text becomes in QTI: its type and content. */
export function qtiText(value: string): { type: 'text/plain' | 'text/html'; text: string } {
  return findMath(value).length > 0 ? { type: 'text/html', text: lmsMathHtml(value) } : { type: 'text/plain', text: value };
}
const text = (value: string) => {
  const { type, text } = qtiText(value);
  return { material: { mattext: { '@_texttype': type, '#text': text } } };
};

/** The ident of a question's choice, as the correct answer refers to it. */
export const choiceIdent = (itemIdent: string, index: number) => `${itemIdent}_c${index}`;

function item(assessment: string, q: QtiQuestion, index: number) {
  const ident = `${assessment}_q${index + 1}`;
  const feedback = q.explanation.trim();
  return {
    '@_ident': ident,
    '@_title': `Question ${index + 1}`,
    itemmetadata: {
      qtimetadata: {
        qtimetadatafield: [field('cc_profile', 'cc.multiple_choice.v0p1'), field('cc_weighting', String(q.points))],
      },
    },
    presentation: {
      ...text(q.prompt),
      response_lid: {
        '@_ident': 'response1',
        '@_rcardinality': 'Single',
        render_choice: { response_label: q.choices.map((c, j) => ({ '@_ident': choiceIdent(ident, j), ...text(c) })) },
      },
    },
    resprocessing: {
      outcomes: { decvar: { '@_maxvalue': '100', '@_minvalue': '0', '@_varname': 'SCORE', '@_vartype': 'Decimal' } },
      respcondition: [
        ...(feedback
          ? [{ '@_continue': 'Yes', conditionvar: { other: '' }, displayfeedback: { '@_feedbacktype': 'Response', '@_linkrefid': 'general_fb' } }]
          : []),
        {
          '@_continue': 'No',
          conditionvar: { varequal: { '@_respident': 'response1', '#text': choiceIdent(ident, q.answer) } },
          setvar: { '@_action': 'Set', '@_varname': 'SCORE', '#text': '100' },
        },
      ],
    },
    ...(feedback ? { itemfeedback: { '@_ident': 'general_fb', flow_mat: text(feedback) } } : {}),
  };
}

/** The assessment's XML document. */
export function qtiAssessmentXml(a: QtiAssessment): string {
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    questestinterop: {
      '@_xmlns': QTI_NS,
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xsi:schemaLocation': `${QTI_NS} ${QTI_XSD}`,
      assessment: {
        '@_ident': a.ident,
        '@_title': a.title,
        qtimetadata: {
          qtimetadatafield: [field('cc_profile', 'cc.exam.v0p1'), field('qmd_assessmenttype', 'Examination'), field('cc_maxattempts', 'unlimited')],
        },
        section: { '@_ident': 'root_section', item: a.questions.map((q, i) => item(a.ident, q, i)) },
      },
    },
  };
  return xmlBuilder.build(doc) as string;
}
