import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { aliasesFor, lambdaEsbuildOptions, projectRoot } from '../infra/bundling';

export interface BundleFigures {
  readonly name: string;
  readonly bytes: number;
  /** Median ms to import the bundle inside a fresh node process. */
  readonly importMs: number;
  /** Median ms for a fresh node process to start, import the bundle and exit. */
  readonly processMs: number;
}

const outDir = join(projectRoot, 'bench/.out');

/** The HTTP Lambdas (infra/constructs/api.ts) whose bundles are measured here and in test/infra/bundle.test.ts. */
export const httpLambdas = {
  api: 'functions/api/handler.ts',
  files: 'functions/files/handler.ts',
  cases: 'functions/cases/handler.ts',
  console: 'functions/console/handler.ts',
} as const;

/** Bundles an entry exactly as CDK's NodejsFunction does (infra/bundling.ts), into `dir`. */
export async function bundle(entry: string, name: string, dir = outDir): Promise<string> {
  const outfile = join(dir, `${name}.mjs`);
  await build({
    ...lambdaEsbuildOptions,
    mainFields: [...lambdaEsbuildOptions.mainFields],
    alias: aliasesFor(entry),
    entryPoints: [join(projectRoot, entry)],
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const IMPORT_PROBE = `
const t0 = performance.now();
await import(process.argv[1]);
process.stdout.write(String(performance.now() - t0));
`;

/** One cold import: a new process, as Lambda's init phase has. */
function coldImport(file: string, env: Record<string, string>): { importMs: number; processMs: number } {
  const started = process.hrtime.bigint();
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', IMPORT_PROBE, file], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  const processMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (out.status !== 0) throw new Error(`import of ${file} failed: ${out.stderr}`);
  return { importMs: Number(out.stdout), processMs };
}

/** Measures several bundles in one run, interleaved so machine noise hits them alike. */
export function measure(
  bundles: readonly { name: string; file: string }[],
  env: Record<string, string>,
  rounds = 21,
): BundleFigures[] {
  const samples = bundles.map(() => ({ importMs: [] as number[], processMs: [] as number[] }));
  for (let round = 0; round < rounds; round++) {
    bundles.forEach((b, i) => {
      const s = coldImport(b.file, env);
      samples[i]?.importMs.push(s.importMs);
      samples[i]?.processMs.push(s.processMs);
    });
  }
  return bundles.map((b, i) => ({
    name: b.name,
    bytes: statSync(b.file).size,
    importMs: median(samples[i]?.importMs ?? []),
    processMs: median(samples[i]?.processMs ?? []),
  }));
}
