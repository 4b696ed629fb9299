import { createHash, getHashes } from 'node:crypto';
import { SNIFF_HEAD_BYTES, SNIFF_TAIL_BYTES } from '@onewindow/domain';

/** What one pass over an object's bytes yields: the digests, the size, and the bytes type detection needs. */
export interface Digested {
  readonly size: number;
  /** Hex. */
  readonly sha256: string;
  readonly sm3: string;
  /** The first SNIFF_HEAD_BYTES and the last SNIFF_TAIL_BYTES (domain/materials/sniff.ts). */
  readonly head: Uint8Array;
  readonly tail: Uint8Array;
}

/**
 * SM3 through node:crypto (OpenSSL 3 has it in its default provider; Node 20 on Lambda and here
 * list `sm3`). Checked once, so a runtime without it fails with its reason rather than a cipher error.
 */
const hasSm3 = (() => {
  let known: boolean | undefined;
  return () => {
    known ??= getHashes().includes('sm3');
    if (!known) throw new Error('this Node.js build has no SM3 digest (OpenSSL without sm3)');
  };
})();

/**
 * Reads a stream once: SHA-256 and SM3 as the bytes pass, the first bytes and a rolling tail.
 * Memory holds the tail and one chunk, never the object: a 20 MB file costs the same as a 20 KB one.
 */
export async function digestStream(stream: AsyncIterable<Uint8Array>): Promise<Digested> {
  hasSm3();
  const sha = createHash('sha256');
  const sm3 = createHash('sm3');
  const head = new Uint8Array(SNIFF_HEAD_BYTES);
  let headLength = 0;
  let size = 0;
  // The tail as recent chunks: the oldest is dropped once the rest alone cover SNIFF_TAIL_BYTES.
  const tailChunks: Uint8Array[] = [];
  let tailLength = 0;
  for await (const chunk of stream) {
    sha.update(chunk);
    sm3.update(chunk);
    size += chunk.length;
    if (headLength < SNIFF_HEAD_BYTES) {
      const take = chunk.subarray(0, SNIFF_HEAD_BYTES - headLength);
      head.set(take, headLength);
      headLength += take.length;
    }
    tailChunks.push(chunk);
    tailLength += chunk.length;
    while (tailChunks.length > 1 && tailLength - (tailChunks[0]?.length ?? 0) >= SNIFF_TAIL_BYTES) {
      tailLength -= tailChunks.shift()?.length ?? 0;
    }
  }
  const joined = new Uint8Array(tailLength);
  let at = 0;
  for (const c of tailChunks) {
    joined.set(c, at);
    at += c.length;
  }
  return {
    size,
    sha256: sha.digest('hex'),
    sm3: sm3.digest('hex'),
    head: head.slice(0, headLength),
    tail: joined.subarray(Math.max(0, joined.length - SNIFF_TAIL_BYTES)),
  };
}

/** The same over bytes already in memory (a generated OFD). */
export const digestBytes = (bytes: Uint8Array): Promise<Digested> =>
  digestStream(
    (async function* () {
      yield bytes;
    })(),
  );
