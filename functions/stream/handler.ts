import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  ArchiveService,
  CaseService,
  Commands,
  createSigner,
  MaterialService,
  type Measure,
  OfdResults,
  type OutboundEvent,
  Outbox,
  platformManifestSigner,
  type StreamRecordLike,
  sealPki,
} from '@onewindow/app';
import { createDynamoClient, Store } from '@onewindow/store';
import { createS3Client, S3ObjectStore } from '@onewindow/store/objects';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { requireEnv } from '../shared/config';
import { sealCustody } from '../shared/kms-sm2';
import { kmsVault } from '../shared/kms-vault';
import { loadSigningSecret } from '../shared/signing-secret';

/** Publishes events; answers the record ids it could not publish. */
export type Publisher = (events: readonly OutboundEvent[]) => Promise<string[]>;

export interface StreamBatch {
  readonly Records: readonly StreamRecordLike[];
}

/** Reports business figures; in AWS as CloudWatch metrics in the embedded metric format. */
export type Recorder = (measures: readonly Measure[]) => void;

/** One EMF datapoint per figure, dimensioned by its tenant or city, so each can be graphed and alarmed on. */
export function emfRecorder(metrics: Metrics): Recorder {
  return (measures) => {
    for (const m of measures) {
      const single = metrics.singleMetric();
      for (const [name, value] of Object.entries(m.scope)) single.addDimension(name, value);
      single.addMetric(m.name, MetricUnit.Count, m.count);
    }
  };
}

/** `reportBatchItemFailures`: Lambda retries from the first failed record. */
export type BatchResponse = DynamoDBBatchResponse;

/**
 * Pushes each decision to the supervising body's inbox at once and attaches the result to it
 * when issued (R10, R20), files the approvals of
 * licence-type matters in the e-licence library (each written only if new) and seals each
 * result's OFD (a failure there is only told to `warn`: the first download seals it), then publishes events,
 * then reports the business figures of the records that are done. A failed inbox write
 * fails the whole batch, which Lambda retries; the inbox key is fixed by the decision, so
 * a retry rewrites the same items. Lambda retries from the first failed record, so only
 * the records before it are counted: a retry does not count them twice.
 */
export function createStreamHandler(
  publish: Publisher,
  store?: Store,
  record?: Recorder,
  ofd?: OfdResults,
  warn?: (message: string, error: Error) => void,
  /** Packages each closed case for its archive custodian (R5); a failure fails the batch, which is retried. */
  archive?: Pick<ArchiveService, 'packageClosed'>,
) {
  const outbox = store ? new Outbox(store, ofd) : undefined;
  return async (batch: StreamBatch): Promise<BatchResponse> => {
    await outbox?.pushDecisions(batch.Records);
    await outbox?.attachIssued(batch.Records);
    await outbox?.scheduleDefaultRatings(batch.Records);
    await outbox?.fileLicences(batch.Records, new Date().toISOString());
    const unsealed = (await outbox?.sealOfdResults(batch.Records, new Date().toISOString())) ?? [];
    for (const error of unsealed) warn?.('OFD result not sealed; the first download seals it', error);
    // After the OFD is sealed, so an issued case's package holds it.
    await archive?.packageClosed(batch.Records, new Date().toISOString());
    const failed = await publish(Outbox.events(batch.Records));
    if (record) {
      const firstFailed = batch.Records.findIndex((r) => failed.includes(idOf(r)));
      record(Outbox.measures(firstFailed < 0 ? batch.Records : batch.Records.slice(0, firstFailed)));
    }
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

/** The id a failed record is reported by: what `outboundEvents` names its events' records with. */
const idOf = (r: StreamRecordLike) => r.dynamodb?.SequenceNumber ?? r.eventID ?? '';

/** PutEvents takes at most 10 entries; a failed entry fails its stream record. */
export function eventBridgePublisher(client: EventBridgeClient, busName: string): Publisher {
  return async (events) => {
    const failed: string[] = [];
    for (let i = 0; i < events.length; i += 10) {
      const chunk = events.slice(i, i + 10);
      const out = await client.send(
        new PutEventsCommand({
          Entries: chunk.map((e) => ({
            EventBusName: busName,
            Source: 'onewindow',
            DetailType: e.detailType,
            Detail: JSON.stringify(e.detail),
          })),
        }),
      );
      out.Entries?.forEach((entry, index) => {
        const event = chunk[index];
        if (entry.ErrorCode && event) failed.push(event.recordId);
      });
    }
    return failed;
  };
}

let live: ReturnType<typeof createStreamHandler> | undefined;
const logger = new Logger({ serviceName: 'onewindow-stream' });

/**
 * Seals each issued result's OFD with the seal's key (the KMS vault) and the API's public URL in
 * its verification link; without PUBLIC_BASE_URL the first download seals it instead.
 */
const ofdBuilder = (store: Store) =>
  new OfdResults(
    store,
    new CaseService(store),
    new Commands(store),
    sealPki({ store, vault: kmsVault(), ...sealCustody() }),
    process.env.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
  );

/**
 * Archive packages (R5, issue 16) where the deployment has the materials bucket: every object
 * under the custodian's prefix with Object Lock, the manifest signed with the platform's key (the
 * result-signing secret, read once at cold start). Without MATERIALS_BUCKET or SIGNING_SECRET_ARN no
 * case is packaged.
 */
async function archiveBuilder(store: Store, ofd: OfdResults): Promise<ArchiveService | undefined> {
  const bucket = process.env.MATERIALS_BUCKET;
  if (!bucket) return undefined;
  // The manifest is signed with the platform's result key, which only the cases function reads
  // today (test/infra/stack.test.ts): until the stack gives this worker SIGNING_SECRET_ARN, no
  // package is written here, and the log says so once per cold start.
  if (!process.env.SIGNING_SECRET_ARN) {
    logger.warn('archive packages off: the stream worker has no SIGNING_SECRET_ARN to sign manifests');
    return undefined;
  }
  const signer = createSigner(await loadSigningSecret());
  const objects = new S3ObjectStore(createS3Client(), bucket);
  const commands = new Commands(store);
  const files = new MaterialService(store, new CaseService(store), commands, objects, {
    scanner: 'guardduty',
  });
  return new ArchiveService(store, commands, objects, { signer: platformManifestSigner(signer), files, ofd });
}

let starting: Promise<ReturnType<typeof createStreamHandler>> | undefined;

export const handler = async (batch: DynamoDBStreamEvent): Promise<BatchResponse> => {
  if (!live) {
    starting ??= (async () => {
      const store = new Store(createDynamoClient(), requireEnv('TABLE_NAME'));
      const ofd = ofdBuilder(store);
      return createStreamHandler(
        eventBridgePublisher(new EventBridgeClient({}), requireEnv('EVENT_BUS_NAME')),
        store,
        emfRecorder(new Metrics({ namespace: 'OneWindow', serviceName: 'onewindow-stream' })),
        ofd,
        (message, error) => logger.warn(message, { error }),
        await archiveBuilder(store, ofd),
      );
    })();
    // A failed start (the secret unreadable) is tried again by the next batch, not remembered.
    live = await starting.catch((error: unknown) => {
      starting = undefined;
      throw error;
    });
  }
  return live(batch);
};
