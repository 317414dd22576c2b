/** SHA-256 of text or bytes, the one hash the project uses for digests, ids and CSP sources. */
import { createHash, type BinaryToTextEncoding } from 'node:crypto';

/** The SHA-256 digest of `data`, hex unless another encoding is asked for. */
export function sha256(data: string | Buffer, encoding: BinaryToTextEncoding = 'hex'): string {
  return createHash('sha256').update(data).digest(encoding);
}
