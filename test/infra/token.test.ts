import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { handler, scopeClaims, type TokenEvent } from '../../functions/token/handler';
import { lambdaEsbuildOptions, projectRoot } from '../../infra/bundling';

function tokenEvent(userAttributes: Record<string, string>): TokenEvent {
  return {
    version: '2',
    region: 'cn-north-1',
    userPoolId: 'cn-north-1_test',
    userName: 'clerk-1',
    triggerSource: 'TokenGeneration_Authentication',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client' },
    request: { userAttributes: { sub: 'u-1', ...userAttributes }, groupConfiguration: {} },
    // Cognito sends null here when no earlier step set overrides.
    response: { claimsAndScopeOverrideDetails: null },
  };
}

describe('scopeClaims', () => {
  it('splits, trims, de-duplicates and filters roles', () => {
    const claims = scopeClaims({ 'custom:roles': ' window-clerk, approver ,root,,approver,Approver ' });
    expect(claims.roles).toEqual(['window-clerk', 'approver']);
  });

  it('omits empty and missing attributes, and roles when none is known', () => {
    expect(scopeClaims({ 'custom:roles': 'root, ', 'custom:city': '  ', 'custom:tenant': '' })).toEqual({});
    expect(scopeClaims({})).toEqual({});
  });

  it('copies city, tenant and body', () => {
    const claims = scopeClaims({
      'custom:roles': 'supervisor',
      'custom:city': 'nanjing',
      'custom:tenant': 'nanjing.jiangning',
      'custom:body': 'nanjing.jiangning/civil-affairs',
      email: 'a@example.cn',
    });
    expect(claims).toEqual({
      roles: ['supervisor'],
      city: 'nanjing',
      tenant: 'nanjing.jiangning',
      body: 'nanjing.jiangning/civil-affairs',
    });
  });
});

describe('handler', () => {
  it('puts the same claims on the ID token and the access token', async () => {
    const event = tokenEvent({
      'custom:roles': 'tenant-admin,approver',
      'custom:tenant': 'nanjing.jiangning',
    });
    const result = await handler(event);
    const expected = { roles: ['tenant-admin', 'approver'], tenant: 'nanjing.jiangning' };
    expect(result.response.claimsAndScopeOverrideDetails?.idTokenGeneration?.claimsToAddOrOverride).toEqual(
      expected,
    );
    expect(
      result.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride,
    ).toEqual(expected);
  });

  it('keeps the group overrides an earlier step set', async () => {
    const event = tokenEvent({ 'custom:roles': 'approver' });
    event.response.claimsAndScopeOverrideDetails = { groupOverrideDetails: { groupsToOverride: ['staff'] } };
    const result = await handler(event);
    expect(result.response.claimsAndScopeOverrideDetails?.groupOverrideDetails).toEqual({
      groupsToOverride: ['staff'],
    });
  });

  it('adds no claims for a user without scope attributes', async () => {
    const result = await handler(tokenEvent({ email: 'x@example.cn' }));
    expect(result.response.claimsAndScopeOverrideDetails).toEqual({
      idTokenGeneration: { claimsToAddOrOverride: {} },
      accessTokenGeneration: { claimsToAddOrOverride: {} },
    });
  });
});

describe('bundling with lambdaEsbuildOptions', () => {
  it('produces a working ESM bundle of the token handler', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ow-bundle-'));
    try {
      const outfile = path.join(dir, 'index.mjs');
      await build({
        ...lambdaEsbuildOptions,
        mainFields: [...lambdaEsbuildOptions.mainFields],
        entryPoints: [path.join(projectRoot, 'functions/token/handler.ts')],
        outfile,
        logLevel: 'silent',
      });
      const code = await readFile(outfile, 'utf8');
      expect(code.length).toBeGreaterThan(0);
      expect(code.startsWith('import { createRequire as __owCreateRequire }')).toBe(true);
      expect(code).toMatch(/export\s*\{/);

      const bundled = (await import(pathToFileURL(outfile).href)) as { handler: typeof handler };
      const result = await bundled.handler(tokenEvent({ 'custom:roles': 'inspector' }));
      expect(
        result.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride,
      ).toEqual({ roles: ['inspector'] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
