import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, httpLambdas } from '../../bench/bundle';
import { isContentTypeBinary } from '../../functions/files/binary';

type Name = keyof typeof httpLambdas;

const dir = mkdtempSync(join(tmpdir(), 'onewindow-bundle-'));
const bundles = {} as Record<Name, { code: string; bytes: number }>;
const code = (name: Name) => bundles[name].code;

// Both libraries name the shared-strings part of the .xlsx zip; nothing else in the app does.
const XLSX_MARKER = 'xl/sharedStrings.xml';
// The setting naming the result-signing seed's secret; only the cases function reads it. (Other
// functions load secrets of their own, the client relay key, so the Secrets Manager call itself is no marker.)
const SIGNING_SECRET_MARKER = 'SIGNING_SECRET_ARN';

// Built as bench/ and CDK build them (infra/bundling.ts).
beforeAll(async () => {
  for (const name of Object.keys(httpLambdas) as Name[]) {
    const outfile = await bundle(httpLambdas[name], name, dir);
    bundles[name] = { code: readFileSync(outfile, 'utf8'), bytes: statSync(outfile).size };
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(['api', 'cases'] as const)('the %s Lambda bundle', (name) => {
  it('stays within 400 KB minified', () => {
    expect(bundles[name].bytes).toBeLessThanOrEqual(400 * 1024);
  });

  it('does not contain the local dev issuer', () => {
    expect(code(name)).not.toContain('/dev/token');
    expect(code(name)).not.toContain('dev-issuer');
  });

  it('leaves the Excel libraries to the files function', () => {
    expect(code(name)).not.toContain(XLSX_MARKER);
    expect(code(name)).not.toContain('InvalidSpreadsheetError');
  });

  it("leaves out the SDK's event-stream codec, which no DynamoDB call uses", () => {
    expect(code(name)).not.toContain(':event-type');
  });

  it('carries the environment credential provider instead of the node chain', () => {
    expect(code(name)).toContain('AWS_SECRET_ACCESS_KEY');
    expect(code(name)).not.toMatch(/SSO_REGION|sso_start_url/);
  });
});

describe('the OpenAPI document', () => {
  it('is carried by the files bundle alone, describing every route group', () => {
    expect(code('files')).toContain(XLSX_MARKER);
    expect(code('files')).toContain('/v1/cities/{city}/catalogue:import');
    expect(code('files')).toContain('/v1/tenants/:tenant/seals');
    // The api bundle serves the core routes without carrying the file or case routes' code.
    expect(code('api')).not.toContain('/v1/cities/{city}/catalogue:import');
  });
});

describe('the files Lambda bundle', () => {
  it('builds, with the codec, the file routes and the environment credential provider', () => {
    expect(code('files')).toContain('catalogue:export');
    expect(code('files')).toContain('AWS_SECRET_ACCESS_KEY');
    expect(code('files')).not.toContain('/dev/token');
  });

  it('answers CSV as binary, so the gateway keeps its UTF-8 BOM', () => {
    expect(isContentTypeBinary('text/csv; charset=utf-8')).toBe(true);
    expect(isContentTypeBinary('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe(
      true,
    );
    expect(isContentTypeBinary('application/problem+json; charset=utf-8')).toBe(false);
  });
});

describe('the cases Lambda bundle', () => {
  it('is the only one that loads the signing secret', () => {
    expect(code('cases')).toContain(SIGNING_SECRET_MARKER);
    expect(code('api')).not.toContain(SIGNING_SECRET_MARKER);
    expect(code('files')).not.toContain(SIGNING_SECRET_MARKER);
  });
});

describe('the console Lambda bundle', () => {
  it('holds the pages but no route, table access, signing secret or dev issuer', () => {
    expect(code('console')).toContain('/console/auth/callback');
    expect(code('console')).not.toContain('/dev/token');
    expect(code('console')).not.toContain('TransactWriteItems');
    expect(code('console')).not.toContain(SIGNING_SECRET_MARKER);
    expect(bundles.console.bytes).toBeLessThanOrEqual(400 * 1024);
  });
});
