/**
 * The one table definition. CDK (infra/constructs/data.ts) and the local stack
 * (packages/local) both derive their table from this object, so the emulator and
 * AWS cannot drift apart.
 *
 * Keys start with the owning scope (DESIGN.md decision 4): `T#<tenant>#...` for a
 * tenant's items, `C#<city>` for a city's, `P#` for the platform's few items.
 * The two GSIs are overloaded: each entity documents what it puts in them.
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export type IndexName = (typeof tableDefinition.globalSecondaryIndexes)[number]['indexName'];

/** Every key attribute is a string; listed once for CreateTable and CDK. */
export function keyAttributeNames(): string[] {
  const names: string[] = [tableDefinition.partitionKey, tableDefinition.sortKey];
  for (const gsi of tableDefinition.globalSecondaryIndexes) names.push(gsi.partitionKey, gsi.sortKey);
  return names;
}
