/**
 * Every message an instructor reads about the layout and cross-file rules of content, by name:
 * what was expected, what was found, and the fix. Readers and validators decide which applies;
 * the wording lives here, so it stays consistent. Field wording from the schemas is in
 * friendly-errors.ts; the YAML syntax hints are next to the parser in content-files.ts.
 */

export const contentMessages = {
  // Reading a file
  tooLarge: (megabytes: string) => `file is ${megabytes} MB; content files are limited to 1 MB (move large material to public/ and link it as a resource)`,
  unreadable: (code: string) => `cannot be read (${code})`,
  notUtf8: (byte: string, line: number) => `is not valid UTF-8 text (bad byte 0x${byte} on line ${line}): save the file as UTF-8`,
  tooManyAliases: (reason: string) => `invalid YAML: ${reason} (too many aliases: write the values out)`,
  emptyYaml: 'is empty: expected a mapping of fields',
  notAMapping: 'expected a mapping of fields (name: value), got a single value or list',
  noFrontmatter: 'expected frontmatter at the top: a block between two "---" lines with at least type and order',
  frontmatterNotClosed: 'frontmatter is not closed: add a "---" line after it',

  // Folders and file names
  courseNotAFolder: 'unexpected file: each course is a folder holding course.yaml',
  folderNotASlug: (name: string, suggestion: string) => `folder name "${name}" becomes a URL: rename it to a lowercase slug like "${suggestion}"`,
  fileNotASlug: (name: string, suggestion: string) => `file name "${name}" becomes a URL: rename it to a lowercase slug like "${suggestion}"`,
  courseYamlMissing: 'is missing: every course folder needs a course.yaml with at least a name',
  chapterYamlMissing: 'is missing: every chapter folder needs a chapter.yaml with name and order',
  fileOutsideChapter: 'unexpected file: content items belong in a chapter folder, next to its chapter.yaml',
  folderInChapter: 'unexpected folder: chapters hold item files, not folders',
  unsupportedItemFile: (found: string, ext: string) =>
    `unsupported file type "${found}": ${ext === '.yml' ? 'rename it to .yaml' : ext === '.md' ? 'rename it to .mdx' : 'items are .yaml (video, quiz, resource) or .mdx (text, assignment)'}`,
  captionWithoutEntry: (entry: string) => `caption file has no library entry: add ${entry}`,
  unexpectedLibraryFile: 'unexpected file: the video library holds <youtubeId>.yaml entries and optional .vtt/.srt/.txt caption files',

  // Rules across files
  videoIdNotFileName: (fileId: string, found: string) => `expected "${fileId}" (the file name), got "${found}": rename the file or fix the id`,
  videoNotInLibrary: (id: string, guess: string | undefined) =>
    // A near miss is a typo: advising to add the mistyped id would create a bogus video.
    guess
      ? `expected a video in the library, got "${id}": did you mean "${guess}" (content/videos/${guess}.yaml)?`
      : `expected a video in the library, got "${id}": add content/videos/${id}.yaml (npm run videos -- add ${id})`,
  chapterOrderTaken: (order: number, other: string) => `expected an order unique within the course, got ${order}, already used by ${other}`,
  itemOrderTaken: (order: number, other: string) => `expected an order unique within the chapter, got ${order}, already used by ${other}`,
  itemSlugTaken: (slug: string, other: string) => `expected a file name unique within the chapter, but "${slug}" is also used by ${other}: rename one of them`,
  itemNeedsMdx: (type: string, slug: string) => `a ${type} item is written in MDX: rename the file to ${slug}.mdx and put the text below the frontmatter`,
  itemNeedsYaml: (type: string, slug: string) => `a ${type} item is written in YAML: rename the file to ${slug}.yaml`,
  resourceFileMissing: (path: string) => `expected a file at public${path}, but there is none: add it or fix the path`,
  emptyBody: (type: 'text' | 'assignment') => `expected ${type === 'text' ? 'the text' : 'the instructions'} below the frontmatter, but the body is empty`,
  chapterWithoutItems: 'chapter has no items: add at least one item file (or a legacy `video`)',
  courseWithoutChapters: 'course has no chapters: add a chapter folder with a chapter.yaml',

  // MDX bodies; `where` is "line N, column M: " or ''
  invalidMdx: (where: string, reason: string) => `${where}invalid MDX: ${reason} (write "{" and "<" as "\\{" and "&lt;" in plain text)`,
  // TeX formulas (src/lib/math.ts); `where` is "line N, column M: ", "column M: " or ''
  invalidTex: (where: string, formula: string, reason: string) =>
    `${where}TeX error in ${formula}: ${reason} (fix the formula; write a dollar sign that is not math as \\$)`,
  unknownComponent: (where: string, name: string, guess: string | undefined, known: readonly string[]) =>
    `${where}unknown component <${name}>: ${guess ? `did you mean <${guess}>?` : `the components MDX items can use are ${known.map((c) => `<${c}>`).join(', ')}`}`,
} as const;
