/**
 * Stands in for `@smithy/core/event-streams` in Lambda bundles. The SDK's HTTP protocol
 * imports it lazily for operations that stream events; DynamoDB and Secrets Manager
 * have none, so the 15 KB codec would ride in every bundle unused. Reaching it is a bug.
 */
const unused = (): never => {
  throw new Error('event streams are not bundled in this Lambda');
};
export const EventStreamSerde = unused;
export const eventStreamSerdeProvider = unused;
