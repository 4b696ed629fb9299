import type { Logger } from '@aws-lambda-powertools/logger';
import type { Principal } from '@onewindow/domain';
import type { Store } from '@onewindow/store';
import type { Verifier } from './auth';
import type { CatalogueFiles } from './routes/catalogue-files';
import type { ResultSigner } from './signing';

/** What the app needs from outside; handlers and the local stack build it. */
export interface AppDeps {
  readonly store: Store;
  readonly verify: Verifier;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** The catalogue import and export (catalogue-io.ts); the api Lambda leaves them out to stay small. */
  readonly catalogueFiles?: CatalogueFiles;
  /** Signs issued results (Ed25519); the cases Lambda and the local stack have one. */
  readonly signer?: ResultSigner;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    principal?: Principal;
  };
};
