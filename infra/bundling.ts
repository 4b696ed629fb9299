import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Module swaps applied to every Lambda bundle; the reasons are in each target file. */
export const bundleAliases: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': `${root}functions/shared/env-credentials.ts`,
  bowser: `${root}functions/shared/bowser-stub.ts`,
  '@smithy/core/event-streams': `${root}functions/shared/event-streams-stub.ts`,
  'mnemonist/lru-cache': `${root}functions/shared/lru-cache.ts`,
  '@smithy/core/checksum': `${root}functions/shared/sha256-node.ts`,
};

/** ESM bundles need `require` for the few CommonJS dependencies that call it. */
export const esmRequireBanner =
  "import { createRequire as __owCreateRequire } from 'node:module'; const require = __owCreateRequire(import.meta.url);";

/**
 * The Lambdas that carry `@aws-sdk/client-s3` (issue 16: the files function presigns and reads
 * materials, the stream worker writes archive packages, the scan worker records GuardDuty's
 * verdicts). The S3 client needs the real checksum module (MD5, CRC32, stream hashing) and the
 * event-stream config resolver that the other bundles swap out to stay small.
 */
export const S3_ENTRIES: readonly string[] = [
  'functions/files/handler.ts',
  'functions/stream/handler.ts',
  'functions/scan/handler.ts',
];
const S3_NEEDS = new Set(['@smithy/core/checksum', '@smithy/core/event-streams']);

/** The module swaps for one entry (relative to the project root): all of them but where S3 needs the real module. */
export function aliasesFor(entry: string): Readonly<Record<string, string>> {
  if (!S3_ENTRIES.includes(entry)) return bundleAliases;
  return Object.fromEntries(Object.entries(bundleAliases).filter(([name]) => !S3_NEEDS.has(name)));
}

/** esbuild options shared by CDK's NodejsFunction and bench/ so both measure the same bundle. */
export const lambdaEsbuildOptions = {
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  mainFields: ['module', 'main'],
  alias: bundleAliases,
  banner: { js: esmRequireBanner },
  legalComments: 'none',
  // Chinese text would otherwise be escaped to \uXXXX: six bytes a character instead of three.
  charset: 'utf8',
} as const;

export const projectRoot = root;
