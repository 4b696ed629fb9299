import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/** One slice of the suite (`npm run test:<name>`); each inherits the settings below. */
const slice = (
  name: string,
  extra: TestProjectInlineConfiguration['test'] = {},
): TestProjectInlineConfiguration => ({
  extends: true,
  test: { name, include: [`test/${name}/**/*.test.ts`], ...extra },
});

export default defineConfig({
  test: {
    projects: [
      slice('unit'),
      // Only the integration tests share the one DynamoDB Local; e2e starts the whole stack itself.
      slice('integration', { globalSetup: ['test/support/global-setup.ts'] }),
      slice('infra'),
      // A browser journey walks a case through a dozen pages: alone it takes about 75 s; beside the
      // integration files on a loaded two-core machine it has taken over three minutes.
      // Each file starts the stack with the full demo first: on a loaded two-core machine that passes two minutes.
      slice('e2e', { testTimeout: 300_000, hookTimeout: 360_000 }),
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers only queue behind DynamoDB Local and Chromium.
    maxWorkers: 2,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // The JSON report is what .ci/run turns into its closing 'N passed, N failed' line.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-results.json' },
  },
});
