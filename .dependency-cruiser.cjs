/**
 * The layer rule (README, Architecture), checked by `npm run lint:layers`.
 *
 * Paths are the resolved files: `@onewindow/x` resolves through its node_modules symlink to
 * packages/x/src/…, so a package import and a relative `../../packages/x` import are judged alike.
 * Type-only imports count (tsPreCompilationDeps): a type from the store in a route is still a route
 * that knows the store.
 */

/** Our own code outside packages/: nothing in packages/ may reach into it. */
const OUTSIDE_PACKAGES = '^(functions|infra|test|bench)/';
/** Node modules that touch the outside world; pure layers keep away from them. */
const NODE_IO =
  '^(node:)?(fs|fs/promises|net|http|https|http2|dgram|dns|dns/promises|child_process|cluster|tls|worker_threads|readline|os|inspector|repl|v8|vm)$';
/** AWS access of any kind: the SDK and the Smithy pieces it is built from. */
const AWS = '(^|/)node_modules/@(aws-sdk|smithy)/';
/** The API modules a client may share: request and response schemas, nothing that runs a route. */
const API_CONTRACT = '^packages/api/src/(contracts?/|[a-z-]*schemas[.]ts$)';

/** The three route groups, one per HTTP Lambda. */
const CORE_ROUTES = '^packages/api/src/routes/core\\.ts$';
const CASE_ROUTES = '^packages/api/src/routes/cases/';
const FILE_ROUTES = '^packages/api/src/routes/catalogue-files\\.ts$';

const forbid = (name, comment, from, to) => ({ name, severity: 'error', comment, from, to });

module.exports = {
  forbidden: [
    forbid(
      'unresolvable',
      'Every import resolves; a rule cannot judge an import it cannot follow.',
      {},
      { couldNotResolve: true },
    ),
    forbid(
      'no-package-cycles',
      'Packages form a layered graph: a cycle that leaves a package ties two layers into one.',
      { path: '^packages/([^/]+)/' },
      { circular: true, via: { pathNot: '^packages/$1/' } },
    ),
    forbid(
      'packages-not-into-outside',
      'Packages never import Lambda entry points, infrastructure, tests or benchmarks.',
      { path: '^packages/', pathNot: '^packages/local/' },
      { path: OUTSIDE_PACKAGES },
    ),
    forbid(
      'local-stack-runs-lambdas',
      'The local stack runs the Lambda entry points as AWS would; it needs no infrastructure, test or benchmark code.',
      { path: '^packages/local/' },
      { path: OUTSIDE_PACKAGES, pathNot: '^functions/' },
    ),

    // domain: rules and values only.
    forbid(
      'domain-imports-only-itself',
      'The domain is pure: none of our other packages.',
      { path: '^packages/domain/' },
      { path: '^packages/', pathNot: '^packages/domain/' },
    ),
    forbid(
      'domain-no-infrastructure',
      'The domain is pure: no AWS SDK, no HTTP framework, no I/O.',
      { path: '^packages/domain/' },
      { path: [AWS, '(^|/)node_modules/(hono|@hono|@middy|@aws-lambda-powertools)/', NODE_IO] },
    ),

    // documents: a pure renderer of the printed legal documents, shared by the API and the console.
    forbid(
      'documents-imports-only-domain',
      'The document renderer knows the domain and nothing else of ours.',
      { path: '^packages/documents/' },
      { path: '^packages/', pathNot: '^packages/(documents|domain)/' },
    ),
    forbid(
      'documents-no-infrastructure',
      'The document renderer is pure: no AWS SDK, no I/O.',
      { path: '^packages/documents/' },
      { path: [AWS, NODE_IO] },
    ),

    // store: DynamoDB access behind named methods.
    forbid(
      'store-imports-only-domain',
      'Of ours, the store knows only the domain.',
      { path: '^packages/store/' },
      { path: '^packages/', pathNot: '^packages/(store|domain)/' },
    ),

    // app: the application layer (load, decide, commit).
    forbid(
      'app-imports-domain-store-documents',
      'Of ours, the application layer knows the domain, the store and the document renderer; never HTTP.',
      { path: '^packages/app/' },
      { path: '^packages/', pathNot: '^packages/(app|domain|store|documents)/' },
    ),

    // api: routes that only speak HTTP.
    forbid(
      'api-not-into-store',
      'Routes reach storage through the application layer; what they need of it, app re-exports (types too).',
      { path: '^packages/api/' },
      { path: '^packages/', pathNot: '^packages/(api|app|domain|documents)/' },
    ),
    forbid(
      'api-no-aws-sdk',
      'Routes translate HTTP; AWS calls live in the store (and the Lambda entry points).',
      { path: '^packages/api/' },
      { path: AWS },
    ),

    // console: a client of the API.
    forbid(
      'console-is-an-api-client',
      'The console calls the API: it may share the API schemas, the domain and the document renderer, never the store or the application layer.',
      { path: '^packages/console/' },
      { path: '^packages/', pathNot: ['^packages/(console|domain|documents)/', API_CONTRACT] },
    ),
    forbid(
      'console-no-aws-sdk',
      'The console calls the API over HTTP; it holds no AWS client.',
      { path: '^packages/console/' },
      { path: AWS },
    ),

    // functions: one Lambda each, mounting only its own routes.
    forbid(
      'api-lambda-own-routes',
      'The api Lambda mounts the core routes; the case and file routes belong to their own Lambdas.',
      { path: '^functions/api/' },
      { path: '^packages/api/src/routes/', pathNot: '^packages/api/src/routes/core\\.ts$' },
    ),
    forbid(
      'cases-lambda-own-routes',
      'The cases Lambda mounts the case routes only.',
      { path: '^functions/cases/' },
      { path: '^packages/api/src/routes/', pathNot: '^packages/api/src/routes/cases/index\\.ts$' },
    ),
    forbid(
      'files-lambda-own-routes',
      'The files Lambda mounts the file routes (and the OpenAPI document) only.',
      { path: '^functions/files/' },
      { path: '^packages/api/src/routes/', pathNot: '^packages/api/src/routes/catalogue-files\\.ts$' },
    ),
    forbid(
      'shared-no-routes',
      'Code shared by several Lambdas mounts no routes: each Lambda chooses its own.',
      { path: '^functions/shared/' },
      { path: '^packages/api/src/routes/' },
    ),
    forbid(
      'workers-not-http',
      'The clock, stream and scan Lambdas call the application layer, never the HTTP package.',
      { path: '^functions/(clock|stream|scan)/' },
      { path: '^packages/api/' },
    ),
    // The files Lambda serves the OpenAPI document of every route group, so it alone reaches them all.
    forbid(
      'api-lambda-reaches-no-other-routes',
      'The api Lambda depends on no case or file route, however indirectly (types included).',
      { path: '^functions/api/' },
      { reachable: true, path: [CASE_ROUTES, FILE_ROUTES] },
    ),
    forbid(
      'cases-lambda-reaches-no-other-routes',
      'The cases Lambda depends on no core or file route, however indirectly (types included).',
      { path: '^functions/cases/' },
      { reachable: true, path: [CORE_ROUTES, FILE_ROUTES] },
    ),
  ],
  options: {
    // Workspace packages are followed into packages/*; everything else in node_modules is a leaf.
    doNotFollow: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    preserveSymlinks: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
