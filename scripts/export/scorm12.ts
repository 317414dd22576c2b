/**
 * A course as a SCORM 1.2 package: the built site's pages of the course (same
 * rendering, links made relative, assets they use copied along), a launch page
 * that reports progress to the LMS (scorm-runtime/learnspace-scorm.js) and an
 * imsmanifest.xml with the course as one SCO listing every file.
 */
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeHtml, parseHtml, serializeDocument } from './html.ts';
import { rewriteCssUrls, rewriteSiteLinks, type LinkResolver } from './site-links.ts';
import { xmlBuilder } from './qti.ts';
import { PackageFiles } from './package-files.ts';
import { ExportError, type ExportCourse } from './course-model.ts';
import type { BuiltSite } from './built-site.ts';
import { PROGRESS_KEY } from '../../src/stores/progress.ts';
import { PROGRESS_VERSION } from '../../src/stores/progress-schema.ts';

export const SCORM_RUNTIME_FILE = 'learnspace-scorm.js';
const runtimeSource = () => readFileSync(fileURLToPath(new URL('./scorm-runtime/learnspace-scorm.js', import.meta.url)), 'utf8');

/** What the launch page tells its script about the course. */
export interface ScormLaunchConfig {
  course: string;
  start: string;
  progressKey: string;
  progressVersion: number;
  items: { key: string; page: string; quiz: boolean }[];
}

/** Builds the package's files for one published course from the built site. */
export function buildScormPackage(course: ExportCourse, site: BuiltSite): PackageFiles {
  const files = new PackageFiles();
  const coursePrefix = `/courses/${course.slug}/`;
  const pending: string[] = [];

  const pageFor = (sitePath: string, from: string): string => {
    const file = site.pageFile(sitePath);
    if (!file) throw new ExportError(`${from}: its page ${sitePath} is not in ${site.dir}: run \`npm run build\` again, then export`);
    return file;
  };
  const start = pageFor(coursePrefix, course.file);
  const items = course.items.map((item) => ({
    key: item.key,
    page: pageFor(item.pagePath, item.file),
    quiz: item.type === 'quiz' || (item.type === 'video' && Boolean(item.video.quiz)),
  }));
  // Video items load their lecture's notes and transcript from its library page, so the package carries those pages too.
  const lectures = course.items
    .flatMap((item) => (item.type === 'video' && item.video.notes ? [site.pageFile(`/videos/${item.video.id}/`)] : []))
    .filter((file): file is string => file !== undefined);
  const pages = new Set([start, ...items.map((i) => i.page), ...lectures]);

  const resolve: LinkResolver = (sitePath) => {
    if (sitePath.startsWith(coursePrefix) || sitePath.startsWith('/videos/')) {
      const file = site.pageFile(sitePath);
      if (file && pages.has(file)) return { kind: 'file', file };
    }
    const asset = site.assetFile(sitePath);
    if (asset) {
      if (!files.has(asset) && !pending.includes(asset)) pending.push(asset);
      return { kind: 'file', file: asset };
    }
    return { kind: 'external', url: site.siteUrl + sitePath };
  };

  for (const file of pages) {
    const doc = parseHtml(site.readText(file));
    rewriteSiteLinks(doc, file, resolve);
    files.add(file, serializeDocument(doc));
  }
  // Stylesheets and scripts bring what they import (fonts, chunks), found as they are copied.
  while (pending.length > 0) {
    const asset = pending.shift()!;
    if (asset.endsWith('.css')) {
      files.add(asset, rewriteCssUrls(site.readText(asset), asset, resolve));
    } else if (asset.endsWith('.js')) {
      const code = site.readText(asset);
      for (const m of code.matchAll(/["'`](\.\.?\/[^"'`\s]+\.(?:js|css))["'`]/g)) {
        const dep = posix.join(posix.dirname(asset), m[1]!);
        if (!files.has(dep) && !pending.includes(dep) && site.assetFile(`/${dep}`)) pending.push(dep);
      }
      files.add(asset, code);
    } else {
      files.add(asset, site.read(asset));
    }
  }

  const config: ScormLaunchConfig = { course: course.slug, start, progressKey: PROGRESS_KEY, progressVersion: PROGRESS_VERSION, items };
  files.add('index.html', launchPage(course, config));
  files.add(SCORM_RUNTIME_FILE, runtimeSource());
  files.add('imsmanifest.xml', manifestXml(course, files.paths()));
  return files;
}

function launchPage(course: ExportCourse, config: ScormLaunchConfig): string {
  const lang = escapeHtml(course.data.language);
  const title = escapeHtml(course.data.name);
  // JSON in a script element: "<" is escaped so no text can close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self'; style-src 'unsafe-inline'; frame-src 'self'; object-src 'none'; base-uri 'self'">
<title>${title}</title>
<style>html,body{margin:0;block-size:100%;overflow:hidden}iframe{display:block;border:0;inline-size:100%;block-size:100%}</style>
<script type="application/json" id="learnspace-course">${json}</script>
<script src="${SCORM_RUNTIME_FILE}" defer></script>
</head>
<body>
<iframe id="learnspace-frame" title="${title}"></iframe>
<noscript><p>This course needs JavaScript. <a href="${escapeHtml(config.start)}">Open it without progress reporting</a>.</p></noscript>
</body>
</html>
`;
}

function manifestXml(course: ExportCourse, paths: string[]): string {
  return xmlBuilder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    manifest: {
      '@_identifier': `learnspace-${course.slug}`,
      '@_version': '1.0',
      '@_xmlns': 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
      '@_xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xsi:schemaLocation':
        'http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd',
      metadata: { schema: 'ADL SCORM', schemaversion: '1.2' },
      organizations: {
        '@_default': 'org_1',
        organization: {
          '@_identifier': 'org_1',
          title: course.data.name,
          item: { '@_identifier': 'item_course', '@_identifierref': 'sco_course', '@_isvisible': 'true', title: course.data.name },
        },
      },
      resources: {
        resource: {
          '@_identifier': 'sco_course',
          '@_type': 'webcontent',
          '@_adlcp:scormtype': 'sco',
          '@_href': 'index.html',
          file: paths.filter((p) => p !== 'imsmanifest.xml').map((href) => ({ '@_href': href })),
        },
      },
    },
  }) as string;
}
