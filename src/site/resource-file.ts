/**
 * Facts about a downloadable resource under public/, read at build time so a
 * learner knows what they are about to download (type and size).
 */
import { statSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface ResourceFileInfo {
  /** Upper-case extension, like "PDF". */
  kind: string;
  bytes: number | null;
}

/** Reads a site path like "/files/notes.pdf" from public/; a missing file has `bytes: null`. */
export function resourceFileInfo(sitePath: string, root = process.cwd()): ResourceFileInfo {
  const kind = extname(sitePath).slice(1).toUpperCase() || 'File';
  try {
    return { kind, bytes: statSync(join(root, 'public', decodeURIComponent(sitePath))).size };
  } catch {
    return { kind, bytes: null };
  }
}

/** "820 B", "14 KB", "2.3 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
