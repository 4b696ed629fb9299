import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { localKeyVault, nativeSm2Sign, nativeSm2Verify, SealKeys } from '../packages/app/src';
import { resultSignedData, type SealedResult, sm2Verify } from '../packages/domain/src';
import type { Store } from '../packages/store/src';
import { benchResult } from './fixtures/result';

/**
 * Issue 14: SM2 signing and verification of one result as the cases Lambda does them, against
 * the bare library call on the same key and bytes, interleaved in one run (each round times
 * both sides back to back), with the load average before and after.
 *
 * - sign, ours: `SealKeys.sign` (the seal's key, opened once per instance with its Z kept; the
 *   result's canonical bytes) and the hex the result stores; bare: `nativeSm2Sign` on bytes made
 *   beforehand (it computes Z for every signature, as a library call does).
 * - verify, ours: what `PublicCaseService.verify` does after its reads (canonical bytes, hex
 *   decoding, `nativeSm2Verify`); bare: `nativeSm2Verify` on decoded inputs. The @noble/curves
 *   verification the files Lambda and the tests use is shown for scale.
 */
const result: SealedResult = benchResult;

/** A table of one partition in memory: SealKeys reads and writes nothing else. */
function memoryStore(): Store {
  const items = new Map<string, Record<string, unknown>>();
  const id = (k: { pk: unknown; sk: unknown }) => `${k.pk}|${k.sk}`;
  return {
    get: async (key: { pk: string; sk: string }) => items.get(id(key)),
    putIfAbsent: async (item: { pk: string; sk: string }) => {
      if (items.has(id(item))) return false;
      items.set(id(item), item);
      return true;
    },
  } as unknown as Store;
}

export interface EsignFigures {
  readonly rounds: number;
  readonly perRound: number;
  /** Operations per second, median over rounds. */
  readonly signOurs: number;
  readonly signBare: number;
  readonly verifyOurs: number;
  readonly verifyBare: number;
  readonly verifyNoble: number;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

function rate(n: number, work: () => void): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) work();
  return n / ((performance.now() - t0) / 1000);
}

async function rateAsync(n: number, work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await work();
  return n / ((performance.now() - t0) / 1000);
}

export async function measureEsign(rounds = 15, perRound = 40): Promise<EsignFigures> {
  const loadBefore = loadavg();
  const keys = new SealKeys(memoryStore(), localKeyVault('bench'));
  const now = result.issuedAt;
  const record = await keys.key(result.seal.tenant, result.seal.id, now);
  const publicKey = new Uint8Array(Buffer.from(record.publicKey, 'hex'));
  // The bare side's private key: the same key, opened as SealKeys opened it.
  const privateKey = await localKeyVault('bench').unwrap(Buffer.from(record.wrappedKey, 'base64'), {
    tenant: result.seal.tenant,
    seal: result.seal.id,
  });
  const signed: SealedResult = { ...result, keyId: record.keyId };
  const bytes = resultSignedData(signed);
  const signature = nativeSm2Sign(privateKey, publicKey, bytes);
  const issued: SealedResult = { ...signed, signature: Buffer.from(signature).toString('hex') };
  const sides = { signOurs: [] as number[], signBare: [] as number[], verifyOurs: [] as number[] };
  const more = { verifyBare: [] as number[], verifyNoble: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    sides.signBare.push(rate(perRound, () => nativeSm2Sign(privateKey, publicKey, bytes)));
    sides.signOurs.push(
      await rateAsync(perRound, async () => {
        const s = await keys.sign(result.seal.tenant, result.seal.id, resultSignedData(signed), now);
        return Buffer.from(s.signature).toString('hex');
      }),
    );
    more.verifyBare.push(rate(perRound, () => nativeSm2Verify(publicKey, bytes, signature)));
    sides.verifyOurs.push(
      rate(perRound, () =>
        nativeSm2Verify(
          Buffer.from(record.publicKey, 'hex'),
          resultSignedData(issued),
          Buffer.from(issued.signature, 'hex'),
        ),
      ),
    );
    more.verifyNoble.push(rate(perRound, () => sm2Verify(publicKey, bytes, signature)));
  }
  if (!sm2Verify(publicKey, bytes, signature)) throw new Error('the benchmark signature does not verify');
  return {
    rounds,
    perRound,
    signOurs: median(sides.signOurs),
    signBare: median(sides.signBare),
    verifyOurs: median(sides.verifyOurs),
    verifyBare: median(more.verifyBare),
    verifyNoble: median(more.verifyNoble),
    loadBefore,
    loadAfter: loadavg(),
  };
}

export function esignReport(f: EsignFigures): string {
  const ops = (x: number) => `${Math.round(x).toLocaleString('en')} /s`;
  const msOf = (x: number) => `${(1000 / x).toFixed(2)} ms`;
  const load = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  const signRatio = f.signOurs / f.signBare;
  const verifyRatio = f.verifyOurs / f.verifyBare;
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  return `
## SM2 signing and verification per result (issue 14)

One result's canonical bytes (${resultSignedData({ ...result, keyId: 'sm2:0000000000000000' }).length} bytes), the seal's SM2 key, SM3 with the default signer id.
Each of ${f.rounds} rounds runs ${f.perRound} operations of every row back to back; the medians of the rounds.
Load average (1 / 5 / 15 min) before: ${load(f.loadBefore)}; after: ${load(f.loadAfter)}.

| | throughput | per operation |
|---|---:|---:|
| sign, bare \`nativeSm2Sign\` (OpenSSL's k·G, our SM2 equations) | ${ops(f.signBare)} | ${msOf(f.signBare)} |
| sign, ours: \`SealKeys.sign\` of the result, as issuance does | ${ops(f.signOurs)} | ${msOf(f.signOurs)} |
| verify, bare \`nativeSm2Verify\` | ${ops(f.verifyBare)} | ${msOf(f.verifyBare)} |
| verify, ours: the public verification's check | ${ops(f.verifyOurs)} | ${msOf(f.verifyOurs)} |
| verify with @noble/curves (files Lambda, tests), for scale | ${ops(f.verifyNoble)} | ${msOf(f.verifyNoble)} |

- Target: signing per result ≥ 0.9× the bare call — ${verdict(signRatio >= 0.9)} (${signRatio.toFixed(2)}×).
- Target: verification per result ≥ 0.9× the bare call — ${verdict(verifyRatio >= 0.9)} (${verifyRatio.toFixed(2)}×).
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(esignReport(await measureEsign()));
}
