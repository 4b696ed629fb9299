import { canonicalJson } from '../cases/chain';
import type { CaseResult, SealedResult } from '../cases/types';

/**
 * The bytes a result's SM2 signature covers: its canonical JSON (sorted keys, no spaces) in
 * UTF-8, without the signature and delivery. The public verification answers them as
 * `signedData`, so anyone can check the signature with any SM2 library.
 */
export function resultSignedData(result: CaseResult | SealedResult): Uint8Array {
  const { signature: _s, delivery: _d, ...signed } = result as SealedResult;
  return new TextEncoder().encode(canonicalJson(signed));
}

/** Whether a result was signed with a seal's SM2 key (`sm2:` key ids) rather than the retired Ed25519 key. */
export const isSm2Result = (result: Pick<CaseResult, 'keyId'>) => result.keyId.startsWith('sm2:');
