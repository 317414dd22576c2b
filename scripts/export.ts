/**
 * `npm run export -- <course> --format cc|scorm12 [--out <dir>]` (or `--all`):
 * writes one LMS package per published course from the content and the built
 * site, printing a line per step and a summary; exit code 1 on any problem.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { ExportError, findPublishedCourse, loadPublishedCourses, type ExportCourse } from './export/course-model.ts';
import { openBuiltSite } from './export/built-site.ts';
import { buildCommonCartridge } from './export/common-cartridge.ts';
import { buildScormPackage } from './export/scorm12.ts';

const root = process.cwd();
let quiet = false;
const out = (line: string) => {
  if (!quiet) process.stdout.write(line + '\n');
};
const err = (line: string) => process.stderr.write(line + '\n');

export const exportFormats = ['cc', 'scorm12'] as const;
type Format = (typeof exportFormats)[number];
const extensionOf: Record<Format, string> = { cc: 'imscc', scorm12: 'zip' };

interface ExportFlags {
  format: Format;
  out: string;
  dist: string;
  all?: boolean;
  generatedQuizzes: boolean;
  json?: boolean;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
/** A path as the user would type it: relative inside the project, absolute outside. */
const shown = (path: string) => (relative(root, path).startsWith('..') ? path : relative(root, path) || '.');

function exportCourse(course: ExportCourse, flags: ExportFlags, site: ReturnType<typeof openBuiltSite>): { file: string; bytes: number; files: number } {
  out(
    `${course.slug}: building the ${flags.format === 'cc' ? 'Common Cartridge 1.3' : 'SCORM 1.2'} package from ${shown(site.dir)}/ (${course.items.length} items)`,
  );
  const files = flags.format === 'cc' ? buildCommonCartridge(course, site, { generatedQuizzes: flags.generatedQuizzes }) : buildScormPackage(course, site);
  out(`${course.slug}: zipping ${files.paths().length} files`);
  const zip = files.toZip();
  const file = join(resolve(root, flags.out), `${course.slug}-${flags.format}.${extensionOf[flags.format]}`);
  mkdirSync(resolve(root, flags.out), { recursive: true });
  writeFileSync(file, zip);
  out(`${course.slug}: wrote ${shown(file)} (${kb(zip.byteLength)})`);
  return { file, bytes: zip.byteLength, files: files.paths().length };
}

function run(courseSlug: string | undefined, flags: ExportFlags): number {
  quiet = Boolean(flags.json);
  if (!courseSlug && !flags.all) throw new ExportError('name a course (the folder under content/courses) or pass --all for every published course');
  if (courseSlug && flags.all) throw new ExportError('pass either a course or --all, not both');
  out('export: reading and checking the content');
  const courses = loadPublishedCourses(root);
  const selected = flags.all ? courses.published : [findPublishedCourse(courses, courseSlug!)];
  if (flags.all && courses.hidden.length) out(`export: skipping unpublished ${courses.hidden.map((c) => c.slug).join(', ')}`);
  if (selected.length === 0) throw new ExportError('no published course to export (set isPublished: true in a course.yaml)');
  const site = openBuiltSite(resolve(root, flags.dist), process.env.LEARNSPACE_SITE);
  const results = selected.map((course) => ({ course, ...exportCourse(course, flags, site) }));
  if (flags.json) {
    process.stdout.write(
      JSON.stringify(
        results.map((r) => ({ course: r.course.slug, format: flags.format, file: r.file, bytes: r.bytes, files: r.files })),
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  out('');
  for (const r of results) out(`  ${r.course.slug.padEnd(24)} ${String(r.files).padStart(4)} files  ${kb(r.bytes).padStart(10)}  ${shown(r.file)}`);
  return 0;
}

const program = new Command('export')
  .description('Export published courses as LMS packages (after `npm run build`)')
  .argument('[course]', 'the course folder name under content/courses')
  .addOption(new Option('-f, --format <format>', 'package format').choices(exportFormats).makeOptionMandatory())
  .option('-o, --out <dir>', 'where to write the packages', 'exports')
  .option('--dist <dir>', 'the built site to package', 'dist')
  .option('--all', 'export every published course')
  .option('--no-generated-quizzes', "leave the videos' generated quizzes out of a Common Cartridge")
  .option('--json', 'print only a JSON summary of the packages written')
  .exitOverride()
  .showHelpAfterError()
  .action((course: string | undefined, flags: ExportFlags) => {
    process.exitCode = run(course, flags);
  });

try {
  program.parse(process.argv);
} catch (error) {
  if (error instanceof ExportError) {
    err(`export: ${error.message}`);
    process.exitCode = 1;
  } else if ((error as { code?: string }).code?.startsWith('commander.')) {
    process.exitCode = (error as { exitCode?: number }).exitCode ?? 1;
  } else {
    err(`export: failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
