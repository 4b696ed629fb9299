import type { Logger } from '@aws-lambda-powertools/logger';
import type { AppServices } from '@onewindow/app';
import type { Principal } from '@onewindow/domain';
import type { Verifier } from './auth';
import type { Answer, RouteContext } from './route';

/** What the app needs from outside; handlers and the local stack build it. */
export interface AppDeps {
  /** The application services over the deployment's table (`createServices` in @onewindow/app). */
  readonly services: AppServices;
  readonly verify: Verifier;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** The catalogue import and export (catalogue-io.ts); the api Lambda leaves them out to stay small. */
  readonly catalogueFiles?: CatalogueFiles;
}

/**
 * The catalogue import and export, which only the files Lambda (and the local stack) is
 * wired with: their spreadsheet code would not fit the other bundles.
 */
export interface CatalogueFiles {
  importFile(ctx: RouteContext<unknown, '/v1/cities/:city'>): Promise<Answer>;
  exportFile(ctx: RouteContext<unknown, '/v1/cities/:city'>): Promise<Response>;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    principal?: Principal;
  };
};
