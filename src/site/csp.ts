/** The CSP source expression ('sha256-…') that allows exactly this inline script. */
import { sha256 } from '../lib/hash.ts';

export function scriptHash(code: string): `sha256-${string}` {
  return `sha256-${sha256(code, 'base64')}`;
}
