/**
 * The files of one export package, collected in memory and written as one zip
 * (fflate): text compressed, already-compressed media stored as is.
 */
import { zipSync, strToU8, type Zippable } from 'fflate';

const STORED = /\.(png|jpe?g|gif|webp|avif|woff2?|zip|gz|mp4|mp3|pdf)$/i;

export class PackageFiles {
  private readonly files = new Map<string, Uint8Array>();

  /** Adds (or replaces) a file at a package path like `wiki_content/intro.html`. */
  add(path: string, data: string | Uint8Array): void {
    this.files.set(path, typeof data === 'string' ? strToU8(data) : data);
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /** Every path, sorted, for manifests that list their files. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  /** The zip's bytes; `first` is stored first (SCORM and CC tools look for imsmanifest.xml at the root). */
  toZip(first = 'imsmanifest.xml'): Uint8Array {
    const mtime = new Date();
    const entries: Zippable = {};
    const ordered = [...this.files.keys()].sort((a, b) => (a === first ? -1 : b === first ? 1 : a.localeCompare(b)));
    for (const path of ordered) entries[path] = [this.files.get(path)!, { level: STORED.test(path) ? 0 : 6, mtime }];
    return zipSync(entries);
  }
}
