import { type BinaryLike, createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

/**
 * Stands in for `@smithy/core/checksum` in Lambda bundles. The DynamoDB client takes only its
 * `Sha256` (SigV4's payload hash), which on Node is the class below, over node:crypto; the module
 * also carries a pure-JavaScript SHA-256 and a WebCrypto one (~3.5 KB), used only where node:crypto
 * has no sha256, which never happens on the Lambda runtime. Same behaviour as @smithy/core 3.x's
 * Sha256Node: an HMAC digests once, a plain hash may be digested again after more updates.
 */
export class Sha256 {
  readonly digestLength = 32;
  private readonly isHmac: boolean;
  private hash: Hash | Hmac;
  private finished = false;

  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.isHmac = !!secret;
    this.hash = this.createHash();
  }

  update(data: BinaryLike): void {
    if (this.finished) throw new Error('Attempted to update an already finished hash.');
    this.hash.update(data);
  }

  async digest(): Promise<Uint8Array> {
    let buf: Buffer;
    if (this.isHmac) {
      this.finished = true;
      buf = this.hash.digest();
    } else {
      buf = (this.hash as Hash).copy().digest();
    }
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  reset(): void {
    this.hash = this.createHash();
    this.finished = false;
  }

  private createHash(): Hash | Hmac {
    return this.secret ? createHmac('sha256', toKey(this.secret)) : createHash('sha256');
  }
}

export { Sha256 as Sha256Node };

function toKey(data: string | ArrayBuffer | ArrayBufferView): string | Buffer {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}
