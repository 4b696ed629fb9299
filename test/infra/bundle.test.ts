import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaEsbuildOptions, projectRoot } from '../../infra/bundling';

const dir = mkdtempSync(join(tmpdir(), 'onewindow-bundle-'));
let code = '';
let bytes = 0;

beforeAll(async () => {
  const outfile = join(dir, 'api.mjs');
  await build({
    ...lambdaEsbuildOptions,
    mainFields: [...lambdaEsbuildOptions.mainFields],
    entryPoints: [join(projectRoot, 'functions/api/handler.ts')],
    outfile,
    logLevel: 'error',
  });
  code = readFileSync(outfile, 'utf8');
  bytes = statSync(outfile).size;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the api Lambda bundle', () => {
  it('stays within 400 KB minified', () => {
    expect(bytes).toBeLessThanOrEqual(400 * 1024);
  });

  it('does not contain the local dev issuer', () => {
    expect(code).not.toContain('/dev/token');
    expect(code).not.toContain('dev-issuer');
  });

  it('carries the environment credential provider instead of the node chain', () => {
    expect(code).toContain('AWS_SECRET_ACCESS_KEY');
    expect(code).not.toMatch(/SSO_REGION|sso_start_url/);
  });
});
