import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isContentTypeBinary } from '../../functions/files/binary';
import { lambdaEsbuildOptions, projectRoot } from '../../infra/bundling';

const dir = mkdtempSync(join(tmpdir(), 'onewindow-bundle-'));
let code = '';
let bytes = 0;
let filesCode = '';

async function bundle(name: string): Promise<{ code: string; bytes: number }> {
  const outfile = join(dir, `${name}.mjs`);
  await build({
    ...lambdaEsbuildOptions,
    mainFields: [...lambdaEsbuildOptions.mainFields],
    entryPoints: [join(projectRoot, `functions/${name}/handler.ts`)],
    outfile,
    logLevel: 'error',
  });
  return { code: readFileSync(outfile, 'utf8'), bytes: statSync(outfile).size };
}

// Both libraries name the shared-strings part of the .xlsx zip; nothing else in the app does.
const XLSX_MARKER = 'xl/sharedStrings.xml';

beforeAll(async () => {
  ({ code, bytes } = await bundle('api'));
  filesCode = (await bundle('files')).code;
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

  it('leaves the Excel libraries to the files function, yet still describes its routes', () => {
    expect(filesCode).toContain(XLSX_MARKER);
    expect(code).not.toContain(XLSX_MARKER);
    expect(code).not.toContain('InvalidSpreadsheetError');
    expect(code).toContain('/v1/cities/{city}/catalogue:import');
  });

  it('carries the environment credential provider instead of the node chain', () => {
    expect(code).toContain('AWS_SECRET_ACCESS_KEY');
    expect(code).not.toMatch(/SSO_REGION|sso_start_url/);
  });
});

describe('the files Lambda bundle', () => {
  it('builds, with the codec, the file routes and the environment credential provider', () => {
    expect(filesCode).toContain('catalogue:export');
    expect(filesCode).toContain('AWS_SECRET_ACCESS_KEY');
    expect(filesCode).not.toContain('/dev/token');
  });

  it('answers CSV as binary, so the gateway keeps its UTF-8 BOM', () => {
    expect(isContentTypeBinary('text/csv; charset=utf-8')).toBe(true);
    expect(isContentTypeBinary('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe(
      true,
    );
    expect(isContentTypeBinary('application/problem+json; charset=utf-8')).toBe(false);
  });
});
