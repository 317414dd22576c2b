/**
 * A course as a thin Common Cartridge 1.3: imsmanifest.xml with the chapters
 * as the organisation; text, resource and video notes as web content pages;
 * videos as web links to their page on the deployed site; quizzes (authored
 * and generated) as QTI assessments; assignments as graded assignments (the
 * CC assignment extension) with their instructions page.
 */
import { escapeHtml, findByClass, innerHtml, parseHtml, removeAttrs, elements } from './html.ts';
import { rewriteSiteLinks, relativeHref, type LinkResolver } from './site-links.ts';
import { lmsMathHtml, qtiAssessmentXml, xmlBuilder, type QtiQuestion } from './qti.ts';
import { PackageFiles } from './package-files.ts';
import { ExportError, type ExportCourse, type ExportItem } from './course-model.ts';
import type { BuiltSite } from './built-site.ts';
import { renderUntrustedMarkdown } from '../../src/lib/markdown.ts';
import type { Notes } from '../../src/lib/schema.ts';

export interface CartridgeOptions {
  /** Include each video's generated quiz as an assessment (on unless turned off). */
  generatedQuizzes: boolean;
}

const CC_NS = 'http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1';
const LOM_NS = 'http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest';
const WL_NS = 'http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3';
const ASSIGNMENT_NS = 'http://www.imsglobal.org/xsd/imscc_extensions/assignment';
export const ccResourceTypes = {
  webcontent: 'webcontent',
  weblink: 'imswl_xmlv1p3',
  assessment: 'imsqti_xmlv1p2/imscc_xmlv1p3/assessment',
  assignment: 'assignment_xmlv1p0',
} as const;

interface Resource {
  identifier: string;
  type: string;
  href?: string;
  files: string[];
  dependencies?: string[];
}
interface OrgItem {
  identifier: string;
  title: string;
  identifierref?: string;
  children?: OrgItem[];
}

/** An XML identifier (NCName) from slugs, which may start with a digit. */
const ident = (...parts: string[]) => `i_${parts.join('_')}`;

function page(title: string, body: string, lang: string): string {
  return `<!DOCTYPE html>\n<html lang="${escapeHtml(lang)}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n</head>\n<body>\n<h1>${escapeHtml(title)}</h1>\n${body}\n</body>\n</html>\n`;
}

function notesHtml(notes: Notes, lectureUrl: string): string {
  const sections = notes.sections.map((s) => `<h2>${escapeHtml(s.title)}</h2>\n${renderUntrustedMarkdown(s.body)}`).join('\n');
  const glossary = notes.glossary.length
    ? `<h2>Glossary</h2>\n<dl>\n${notes.glossary.map((g) => `<dt>${escapeHtml(g.term)}</dt><dd>${lmsMathHtml(g.definition)}</dd>`).join('\n')}\n</dl>`
    : '';
  return `<p><a href="${escapeHtml(lectureUrl)}" target="_blank" rel="noopener">Watch the lecture</a></p>\n<p>${lmsMathHtml(notes.summary)}</p>\n${sections}\n${glossary}`;
}

/** Builds the cartridge's files for one published course. */
export function buildCommonCartridge(course: ExportCourse, site: BuiltSite, options: CartridgeOptions): PackageFiles {
  const files = new PackageFiles();
  const resources: Resource[] = [];
  const lang = course.data.language;

  /** Static files of the site a page uses are copied under web_resources/ and listed with the page's resource. */
  const assetsOf = new Map<string, Set<string>>();
  const resolverFor =
    (fromFile: string, style: 'relative' | 'filebase' = 'relative'): LinkResolver =>
    (sitePath) => {
      const asset = site.assetFile(sitePath);
      if (!asset) return { kind: 'external', url: site.siteUrl + sitePath };
      const file = `web_resources/${asset}`;
      if (!files.has(file)) files.add(file, site.read(asset));
      assetsOf.get(fromFile)?.add(file);
      // HTML inside an XML descriptor refers to course files through the $IMS-CC-FILEBASE$ token.
      return style === 'filebase' ? { kind: 'external', url: `$IMS-CC-FILEBASE$/${asset}` } : { kind: 'file', file };
    };

  const addWebPage = (id: string, file: string, title: string, body: string): string => {
    files.add(file, page(title, body, lang));
    resources.push({ identifier: id, type: ccResourceTypes.webcontent, href: file, files: [file, ...(assetsOf.get(file) ?? [])] });
    return id;
  };

  /** The rendered MDX body of a text or assignment page, from the build, with its links made portable. */
  const renderedBody = (item: ExportItem, fromFile: string, style: 'relative' | 'filebase' = 'relative'): string => {
    const built = site.pageFile(item.pagePath);
    if (!built) throw new ExportError(`${item.file}: its page ${item.pagePath} is not in ${site.dir}: run \`npm run build\` again, then export`);
    const doc = parseHtml(site.readText(built));
    const body = findByClass(doc, 'mdx-body');
    if (!body)
      throw new ExportError(
        `${site.dir}/${built}: no rendered body (an element with class "mdx-body") found: rebuild the site with this version of Learnspace`,
      );
    if (!assetsOf.has(fromFile)) assetsOf.set(fromFile, new Set());
    rewriteSiteLinks(body, fromFile, resolverFor(fromFile, style));
    for (const el of elements(body)) removeAttrs(el, (name) => name.startsWith('data-astro-'));
    return innerHtml(body).trim();
  };

  const addAssessment = (id: string, title: string, questions: QtiQuestion[]): string => {
    const file = `assessments/${id}/assessment.xml`;
    files.add(file, qtiAssessmentXml({ ident: id, title, questions }));
    resources.push({ identifier: id, type: ccResourceTypes.assessment, files: [file] });
    return id;
  };

  const chapters: OrgItem[] = course.chapters.map((chapter) => {
    const children: OrgItem[] = [];
    for (const item of chapter.items) {
      const id = ident(chapter.slug, item.slug);
      const base = `${chapter.slug}--${item.slug}`;
      if (item.type === 'video') {
        const url = site.siteUrl + item.pagePath;
        const linkFile = `weblinks/${base}.xml`;
        files.add(
          linkFile,
          xmlBuilder.build({
            '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
            webLink: { '@_xmlns': WL_NS, title: item.title, url: { '@_href': url, '@_target': '_blank' } },
          }) as string,
        );
        resources.push({ identifier: `${id}_link`, type: ccResourceTypes.weblink, files: [linkFile] });
        children.push({ identifier: `${id}_item`, title: item.title, identifierref: `${id}_link` });
        if (item.video.notes) {
          const title = `${item.title} (notes)`;
          addWebPage(`${id}_notes`, `wiki_content/${base}--notes.html`, title, notesHtml(item.video.notes, url));
          children.push({ identifier: `${id}_notes_item`, title, identifierref: `${id}_notes` });
        }
        if (item.video.quiz && options.generatedQuizzes) {
          const title = `${item.title} (quiz)`;
          addAssessment(
            `${id}_quiz`,
            title,
            item.video.quiz.questions.map((q) => ({ ...q, points: 1 })),
          );
          children.push({ identifier: `${id}_quiz_item`, title, identifierref: `${id}_quiz` });
        }
        continue;
      }
      children.push({ identifier: `${id}_item`, title: item.title, identifierref: id });
      const d = item.data;
      const description = item.description ? `<p>${escapeHtml(item.description)}</p>\n` : '';
      const pageFile = `wiki_content/${base}.html`;
      switch (d.type) {
        case 'text':
          addWebPage(id, pageFile, item.title, description + renderedBody(item, pageFile));
          break;
        case 'resource': {
          assetsOf.set(pageFile, new Set());
          const target = d.url ? ({ kind: 'external', url: d.url } as const) : resolverFor(pageFile)(d.file!);
          const href = target.kind === 'file' ? encodeURI(relativeHref(pageFile, target.file)) : target.url;
          const label = d.url ?? d.file!.split('/').pop()!;
          addWebPage(id, pageFile, item.title, `${description}<p><a href="${escapeHtml(href)}" target="_blank" rel="noopener">${escapeHtml(label)}</a></p>`);
          break;
        }
        case 'quiz':
          addAssessment(
            id,
            item.title,
            d.questions.map((q) => ({ ...q, points: 1 })),
          );
          break;
        case 'assignment': {
          const due = d.due?.toISOString().slice(0, 10);
          const facts = `<ul>\n<li>Points: ${d.points}</li>\n${due ? `<li>Due: <time datetime="${due}">${due}</time></li>\n` : ''}</ul>`;
          const rubric = d.rubric.length
            ? `<h2>Rubric</h2>\n<table>\n<thead><tr><th>Criterion</th><th>Points</th><th>Description</th></tr></thead>\n<tbody>\n${d.rubric.map((r) => `<tr><td>${escapeHtml(r.criterion)}</td><td>${r.points}</td><td>${escapeHtml(r.description ?? '')}</td></tr>`).join('\n')}\n</tbody>\n</table>`
            : '';
          const submit = `<h2>How to submit</h2>\n<p>${escapeHtml(d.submission)}</p>`;
          const instructions = (style: 'relative' | 'filebase') => `${description}${facts}\n${renderedBody(item, pageFile, style)}\n${rubric}\n${submit}`;
          addWebPage(`${id}_page`, pageFile, item.title, instructions('relative'));
          const file = `assignments/${base}/assignment.xml`;
          files.add(
            file,
            xmlBuilder.build({
              '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
              assignment: {
                '@_xmlns': ASSIGNMENT_NS,
                '@_identifier': id,
                title: item.title,
                text: { '@_texttype': 'text/html', '#text': instructions('filebase') },
                gradable: { '@_points_possible': String(d.points), '#text': 'true' },
                submission_formats: { format: [{ '@_type': 'text' }, { '@_type': 'url' }, { '@_type': 'file' }] },
              },
            }) as string,
          );
          resources.push({ identifier: id, type: ccResourceTypes.assignment, files: [file, ...(assetsOf.get(pageFile) ?? [])], dependencies: [`${id}_page`] });
          break;
        }
      }
    }
    return { identifier: ident(chapter.slug), title: chapter.name, children };
  });

  files.add('imsmanifest.xml', manifestXml(course, chapters, resources));
  return files;
}

function orgItemXml(item: OrgItem): Record<string, unknown> {
  return {
    '@_identifier': item.identifier,
    ...(item.identifierref ? { '@_identifierref': item.identifierref } : {}),
    title: item.title,
    ...(item.children?.length ? { item: item.children.map(orgItemXml) } : {}),
  };
}

function manifestXml(course: ExportCourse, chapters: OrgItem[], resources: Resource[]): string {
  const lang = course.data.language;
  return xmlBuilder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    manifest: {
      '@_identifier': ident('course', course.slug),
      '@_xmlns': CC_NS,
      '@_xmlns:lomimscc': LOM_NS,
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xsi:schemaLocation': `${CC_NS} http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd ${LOM_NS} http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd`,
      metadata: {
        schema: 'IMS Common Cartridge',
        schemaversion: '1.3.0',
        'lomimscc:lom': {
          'lomimscc:general': {
            'lomimscc:title': { 'lomimscc:string': { '@_language': lang, '#text': course.data.name } },
            'lomimscc:description': { 'lomimscc:string': { '@_language': lang, '#text': course.data.description } },
            'lomimscc:language': lang,
          },
        },
      },
      organizations: {
        organization: {
          '@_identifier': 'org_1',
          '@_structure': 'rooted-hierarchy',
          item: { '@_identifier': 'root', item: chapters.map(orgItemXml) },
        },
      },
      resources: {
        resource: resources.map((r) => ({
          '@_identifier': r.identifier,
          '@_type': r.type,
          ...(r.href ? { '@_href': r.href } : {}),
          file: r.files.map((href) => ({ '@_href': href })),
          ...(r.dependencies ? { dependency: r.dependencies.map((d) => ({ '@_identifierref': d })) } : {}),
        })),
      },
    },
  }) as string;
}
