import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, httpLambdas } from '../../bench/bundle';
import { isContentTypeBinary } from '../../functions/files/binary';
import { S3_ENTRIES } from '../../infra/bundling';

type Name = keyof typeof httpLambdas;
/** The workers built beside the HTTP Lambdas here: the GuardDuty scan-result worker (issue 16). */
const workers = { scan: 'functions/scan/handler.ts' } as const;
const built = {} as Record<keyof typeof workers, { code: string; bytes: number }>;

const dir = mkdtempSync(join(tmpdir(), 'onewindow-bundle-'));
const bundles = {} as Record<Name, { code: string; bytes: number }>;
const code = (name: Name) => bundles[name].code;

// Both libraries name the shared-strings part of the .xlsx zip; nothing else in the app does.
const XLSX_MARKER = 'xl/sharedStrings.xml';
// The S3 client's service id: `@aws-sdk/client-s3` rides only in the files function and the workers.
const S3_CLIENT_MARKER = 'AmazonS3';
// The setting naming the result-signing seed's secret; only the cases function reads it. (Other
// functions load secrets of their own, the client relay key, so the Secrets Manager call itself is no marker.)
const SIGNING_SECRET_MARKER = 'SIGNING_SECRET_ARN';

// Built as bench/ and CDK build them (infra/bundling.ts).
beforeAll(async () => {
  for (const name of Object.keys(httpLambdas) as Name[]) {
    const outfile = await bundle(httpLambdas[name], name, dir);
    bundles[name] = { code: readFileSync(outfile, 'utf8'), bytes: statSync(outfile).size };
  }
  for (const name of Object.keys(workers) as (keyof typeof workers)[]) {
    const outfile = await bundle(workers[name], name, dir);
    built[name] = { code: readFileSync(outfile, 'utf8'), bytes: statSync(outfile).size };
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

  it('leaves the S3 client to the files function and the workers', () => {
    expect(code(name)).not.toContain(S3_CLIENT_MARKER);
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

describe('the scan worker bundle (GuardDuty scan results)', () => {
  it('builds with the S3 client and its real checksum module, the environment credential provider and no dev issuer', () => {
    expect(S3_ENTRIES).toContain(workers.scan);
    const { code: scan, bytes } = built.scan;
    expect(scan).toContain('GuardDuty Malware Protection Object Scan Result');
    expect(scan).toContain(S3_CLIENT_MARKER);
    expect(scan).toContain('AWS_SECRET_ACCESS_KEY');
    expect(scan).not.toContain('/dev/token');
    expect(scan).not.toContain(SIGNING_SECRET_MARKER);
    // No budget binds a worker; this only catches an accidental pull of the routes or the Excel code.
    expect(scan).not.toContain(XLSX_MARKER);
    expect(bytes).toBeLessThanOrEqual(640 * 1024);
  });
});

describe('the console Lambda bundle and the S3 client', () => {
  it('carries no S3 client', () => {
    expect(code('console')).not.toContain(S3_CLIENT_MARKER);
  });
});
