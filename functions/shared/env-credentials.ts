import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in Lambda bundles (see
 * infra/bundling.ts). Lambda always hands the function's role credentials over in
 * environment variables, so the node chain's SSO/STS/ini providers, and the nested
 * clients they pull in (~330 KB minified), are dead weight in a Lambda bundle.
 */
export const defaultProvider = () => fromEnv();
