import type { TestProject } from 'vitest/node';
import { type LocalDynamo, startDynamo } from '../../packages/local/src/dynamo';

let dynamo: LocalDynamo | undefined;

/** One DynamoDB Local for the whole run; every test file makes its own table in it. */
export async function setup(project: TestProject): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  dynamo = await startDynamo();
  project.provide('dynamoEndpoint', dynamo.endpoint);
}

export async function teardown(): Promise<void> {
  await dynamo?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
