import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { OFD_PATHS, ofdResultParts, packOfd, signatureXml } from '../packages/documents/src/ofd';
import {
  buildSeSeal,
  buildSesSignature,
  issueCertificate,
  type SealedResult,
  sm2KeyPair,
  sm2Sign,
  sm3,
} from '../packages/domain/src';
import { benchResult } from './fixtures/result';

/**
 * Issue 14: the time to build one result's OFD package, in process, as the stream worker and the
 * files Lambda build it (functions of packages/app/src/ofd.ts without the table): the page and
 * its parts, SM3 of each part and Signature.xml, the SES_Signature with the seal's SM2 key (the
 * SESeal made once beforehand, as the seal PKI keeps it), and the zip. Each step is timed apart.
 */
const result: SealedResult = { ...benchResult, keyId: 'sm2:bench', signature: 'a'.repeat(144) };

export interface OfdFigures {
  readonly builds: number;
  /** Median ms per build for each step and the whole. */
  readonly parts: number;
  readonly digests: number;
  readonly sign: number;
  readonly zip: number;
  readonly total: number;
  /** The bare SM2 signature of the same Signature.xml, for scale. */
  readonly bareSign: number;
  readonly bytes: number;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function measureOfd(builds = 200): Promise<OfdFigures> {
  const loadBefore = loadavg();
  const ca = sm2KeyPair();
  const key = sm2KeyPair();
  const name = { C: 'CN', O: 'OneWindow', OU: 'bench', CN: 'bench' };
  const now = '2026-12-02T03:00:00.000Z';
  const caCert = await issueCertificate(
    {
      serial: 1n,
      issuer: name,
      subject: name,
      notBefore: now,
      notAfter: '2046-12-02T03:00:00.000Z',
      publicKey: ca.publicKey,
      ca: true,
    },
    (tbs) => sm2Sign(ca.privateKey, tbs, { publicKey: ca.publicKey }),
  );
  const cert = await issueCertificate(
    {
      serial: 2n,
      issuer: name,
      subject: { ...name, CN: 'seal' },
      notBefore: now,
      notAfter: '2031-12-02T03:00:00.000Z',
      publicKey: key.publicKey,
      ca: false,
    },
    (tbs) => sm2Sign(ca.privateKey, tbs, { publicKey: ca.publicKey }),
  );
  const seal = await buildSeSeal(
    {
      esId: 'bench-seal',
      type: 1,
      name: '东山街道便民服务中心行政审批专用章',
      certs: [cert],
      createDate: now,
      validStart: now,
      validEnd: '2031-12-02T03:00:00.000Z',
      picture: { type: 'svg', data: new TextEncoder().encode('<svg/>'), width: 42, height: 42 },
    },
    caCert,
    (tbs) => sm2Sign(ca.privateKey, tbs, { publicKey: ca.publicKey }),
  );
  const input = {
    result,
    bodyName: '东山街道便民服务中心',
    sealName: '行政审批专用章',
    verifyUrl: `https://onewindow.example/v1/public/results/${result.caseNo}/verify?code=ABCDEFGH`,
    licenceId: '1.2.156.3005.2.11000000ABCDEFGH0X001.11000000ABCDEFGH0X.20261202ABCDEF.001.7',
  };
  const times = {
    parts: [] as number[],
    digests: [] as number[],
    sign: [] as number[],
    zip: [] as number[],
    total: [] as number[],
    bare: [] as number[],
  };
  let bytes = 0;
  for (let i = 0; i < builds + 10; i++) {
    const t0 = performance.now();
    const { parts, stamp } = ofdResultParts(input);
    const t1 = performance.now();
    const signature = signatureXml({ parts, digest: sm3, time: now, stamp });
    const t2 = performance.now();
    const value = await buildSesSignature(
      { seal, time: now, data: signature, cert, propertyInfo: `/${OFD_PATHS.signature}` },
      (tbs) => sm2Sign(key.privateKey, tbs, { publicKey: key.publicKey }),
    );
    const t3 = performance.now();
    parts.set(OFD_PATHS.signature, signature);
    parts.set(OFD_PATHS.signedValue, value);
    const zip = packOfd(parts, result.issuedAt);
    const t4 = performance.now();
    sm2Sign(key.privateKey, signature, { publicKey: key.publicKey });
    const t5 = performance.now();
    // The first ten warm the JIT.
    if (i < 10) continue;
    bytes = zip.length;
    times.parts.push(t1 - t0);
    times.digests.push(t2 - t1);
    times.sign.push(t3 - t2);
    times.zip.push(t4 - t3);
    times.total.push(t4 - t0);
    times.bare.push(t5 - t4);
  }
  return {
    builds,
    parts: median(times.parts),
    digests: median(times.digests),
    sign: median(times.sign),
    zip: median(times.zip),
    total: median(times.total),
    bareSign: median(times.bare),
    bytes,
    loadBefore,
    loadAfter: loadavg(),
  };
}

export function ofdReport(f: OfdFigures): string {
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const load = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  return `
## OFD result build (issue 14)

One result's OFD package built ${f.builds} times in one process (after 10 to warm up), as the
stream worker builds it after issuance (bench/ofd.ts): median per build. The package is ${(f.bytes / 1024).toFixed(1)} KB.
Load average (1 / 5 / 15 min) before: ${load(f.loadBefore)}; after: ${load(f.loadAfter)}.

| step | median |
|---|---:|
| page and parts (OFD.xml, Document.xml, resources, page with the decision and the imprint) | ${ms(f.parts)} |
| SM3 of each part and Signature.xml | ${ms(f.digests)} |
| SES_Signature over Signature.xml (one SM2 signature) | ${ms(f.sign)} |
| zip | ${ms(f.zip)} |
| **whole build** | **${ms(f.total)}** (${Math.round(1000 / f.total)} a second) |
| a bare SM2 signature of the same Signature.xml, for scale | ${ms(f.bareSign)} |

A result is sealed into its OFD once (the stored package answers every later download), so this
is paid once per issued result, by the stream worker, never on a clerk's request.
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ofdReport(await measureOfd()));
