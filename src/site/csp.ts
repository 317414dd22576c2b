/** The CSP source expression ('sha256-…') that allows exactly this inline script. */
import { createHash } from 'node:crypto';

export function scriptHash(code: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(code).digest('base64')}`;
}
