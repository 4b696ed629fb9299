import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../infra/bundling';
import { assessmentReport, measureAssessment } from './assessment';
import { bundle, httpLambdas, measure } from './bundle';
import { casesReport, countMisses, measureCases } from './cases';
import { clockReport, measureClockDrain } from './clock';
import { esignReport, measureEsign } from './esign';
import { impactReport, measureImpact } from './impact';
import { isolationReport, measureIsolation } from './isolation';
import { itemsReport, measureItems } from './items';
import { measureOfd, ofdReport } from './ofd';
import { measureRollout } from './rollout';
import { measureScale, scaleReport } from './scale';
import { measureStart, startReport } from './start';
import { measureUploads, uploadsReport } from './uploads';

/**
 * `npm run bench`: measures, in one run, what the issues set targets for, and writes
 * bench/RESULTS.md. Figures vary with the machine; the ratios are what the targets judge.
 */
const TARGET_BUNDLE_BYTES = 400 * 1024;
const TARGET_IMPORT_RATIO = 2;

mkdirSync(join(projectRoot, 'bench/.out'), { recursive: true });
const api = await bundle(httpLambdas.api, 'api');
// Sizes only: the cases handler reads its signing secret from Secrets Manager when imported.
const sized = async (name: 'cases' | 'files') => ({
  entry: httpLambdas[name],
  bytes: statSync(await bundle(httpLambdas[name], name)).size,
});
const casesBundle = await sized('cases');
const filesBundle = await sized('files');
const hello = await bundle('bench/fixtures/hello-handler.ts', 'hello');
const sdkOnly = await bundle('bench/fixtures/dynamo-only-handler.ts', 'dynamo-only');
const env = {
  TABLE_NAME: 'bench',
  JWKS_URL: 'http://127.0.0.1:9/jwks.json',
  JWT_ISSUER: 'bench',
  JWT_AUDIENCE: 'bench',
  AWS_REGION: 'cn-north-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  // Lambda runs Node 22, where the SDK emits no Node-version warning; this machine's Node 20 would.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
const [a, h, d] = measure(
  [
    { name: 'api', file: api },
    { name: 'hello', file: hello },
    { name: 'dynamo-only', file: sdkOnly },
  ],
  env,
);
if (!a || !h || !d) throw new Error('no figures');

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const importRatio = a.importMs / h.importMs;
const processRatio = a.processMs / h.processMs;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

const report = `# Benchmark results

Written by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}, Node ${process.version},
${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}. Each figure is the median of 21 fresh node processes,
the two bundles interleaved in one run.

## API Lambda bundle (issue 2)

Both bundles are built with the options CDK's NodejsFunction uses (infra/bundling.ts: ESM, minified,
AWS SDK bundled, node22 target).

| bundle | size (minified) | cold import (in process) | cold process (start + import + exit) |
|---|---:|---:|---:|
| functions/api/handler.ts | ${kb(a.bytes)} | ${ms(a.importMs)} | ${ms(a.processMs)} |
| hello-world hono + middy | ${kb(h.bytes)} | ${ms(h.importMs)} | ${ms(h.processMs)} |
| ratio api / hello | ${(a.bytes / h.bytes).toFixed(1)}× | ${importRatio.toFixed(2)}× | ${processRatio.toFixed(2)}× |
| a DynamoDB client alone | ${kb(d.bytes)} | ${ms(d.importMs)} | ${ms(d.processMs)} |
| ratio DynamoDB client alone / hello | ${(d.bytes / h.bytes).toFixed(1)}× | ${(d.importMs / h.importMs).toFixed(2)}× | ${(d.processMs / h.processMs).toFixed(2)}× |

- Target: api bundle ≤ 400 KB minified — ${verdict(a.bytes <= TARGET_BUNDLE_BYTES)} (${kb(a.bytes)}).
- Target: cases bundle (${casesBundle.entry}) ≤ 400 KB minified — ${verdict(casesBundle.bytes <= TARGET_BUNDLE_BYTES)} (${kb(casesBundle.bytes)}).
- The files bundle (${filesBundle.entry}) is exempt: ${kb(filesBundle.bytes)}, with the Excel libraries and the OpenAPI document.
- Target: cold import ≤ 2× the hello world — cold process ${verdict(processRatio <= TARGET_IMPORT_RATIO)}
  (${processRatio.toFixed(2)}×); import alone ${verdict(importRatio <= TARGET_IMPORT_RATIO)} (${importRatio.toFixed(2)}×).

Reading the import-alone figure: a handler holding nothing but a DynamoDB client (the stack fixes
@aws-sdk/client-dynamodb) already imports in ${ms(d.importMs)}, ${(d.importMs / h.importMs).toFixed(2)}× the hello world, so no
DynamoDB-backed handler reaches 2× of a hello world on import alone. What the app adds on top of that
client is ${ms(a.importMs - d.importMs)}. Deferring the SDK to the first request would only move its cost
there: the handler builds its client, verifier and app during init on purpose, where Lambda gives
the full CPU. The Lambda bundle already swaps the SDK's node credential chain for the env provider
(infra/bundling.ts), which took the client from 525 KB to about 200 KB minified.
`;
const r = await measureRollout();
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;
const applyMs = median(r.applyMs);
const bareMs = median(r.bareMs);
const throughput = (ms: number) => Math.round(r.periods / (ms / 1000));
const rolloutReport = `
## Rollout apply and authority lookup (issue 3)

${r.periods.toLocaleString('en')} authority periods (249 matters × 100 tenants) on DynamoDB Local, in memory, on this machine.
Each round runs, each in a fresh DynamoDB Local process and table, first a bare BatchWriteItem loop of the same
period items, built before its clock starts (25 per request, 4 in flight), then \`applyRollout\` (the clock's job: the same writes, 4 in flight,
plus a progress record every 1,000 periods). Median of ${r.applyMs.length} rounds. A fresh process for each side
because DynamoDB Local slows as it accumulates writes: two 24,900-item runs in one process measured the second
at 8× the first, whichever went second.

| | time | periods / s |
|---|---:|---:|
| bare BatchWriteItem loop | ${ms(bareMs)} | ${throughput(bareMs).toLocaleString('en')} |
| applyRollout | ${ms(applyMs)} | ${throughput(applyMs).toLocaleString('en')} |
| ratio apply / bare (throughput) | | ${(bareMs / applyMs).toFixed(2)} |

Rounds (ms): bare ${r.bareMs.map((x) => x.toFixed(0)).join(', ')}; apply ${r.applyMs.map((x) => x.toFixed(0)).join(', ')}.

- Target: apply throughput ≥ 0.7 of the bare loop — ${verdict(bareMs / applyMs >= 0.7)} (${(bareMs / applyMs).toFixed(2)}).
- DynamoDB requests per authority lookup, counted at the SDK over 200 lookups: ${r.requestsPerLookup} — target 1: ${verdict(r.requestsPerLookup === 1)}.
`;
const cases = await measureCases();
const clockDrain = await measureClockDrain();
const items = await measureItems();
const scale = await measureScale();
const start = await measureStart();
const isolation = measureIsolation();
const ofd = await measureOfd();
const esign = await measureEsign();
const impact = await measureImpact();
const assessment = await measureAssessment();
const uploads = await measureUploads();
const results =
  report +
  rolloutReport +
  casesReport(cases) +
  clockReport(clockDrain) +
  itemsReport(items) +
  scaleReport(scale) +
  startReport(start) +
  isolationReport(isolation) +
  esignReport(esign) +
  ofdReport(ofd) +
  impactReport(impact) +
  assessmentReport(assessment) +
  uploadsReport(uploads);
writeFileSync(join(projectRoot, 'bench/RESULTS.md'), results);
console.log(results);
if (countMisses(cases).length > 0) {
  console.error('missed: a case command did not write exactly one transaction and nothing else');
  process.exitCode = 1;
}
