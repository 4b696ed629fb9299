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
