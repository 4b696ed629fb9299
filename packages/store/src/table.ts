/**
 * The one table definition. CDK (infra/constructs/data.ts) and the local stack
 * (packages/local) both derive their table from this object, so the emulator and
 * AWS cannot drift apart.
 *
 * Keys start with the owning scope (DESIGN.md decision 4): `T#<tenant>#...` for a
 * tenant's items, `C#<city>` for a city's, `P#` for the platform's few items.
 * The GSIs are overloaded: each entity documents what it puts in them (cases: gsi1 a body's
 * queue, gsi2 the open cases by colour, gsi3 all cases by number).
 */
/**
 * What the list indexes hold besides the keys: a case's list row (`summary`) and the
 * attributes lists filter and sort on, never its whole state. An index entry stays a few
 * hundred bytes (one WCU per change) however long the case's record grows; an entity put
 * in these indexes later must name what it needs here.
 */
export const listAttributes = [
  'entity',
  'summary',
  'status',
  'version',
  'clock',
  'dueDate',
  'statutoryDueDate',
  'acceptBy',
  'issueBy',
  'paused',
  'provisional',
] as const;

export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', include: listAttributes },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', include: listAttributes },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', include: listAttributes },
  ],
} as const;

export type IndexName = (typeof tableDefinition.globalSecondaryIndexes)[number]['indexName'];

/** Every key attribute is a string; listed once for CreateTable and CDK. */
export function keyAttributeNames(): string[] {
  const names: string[] = [tableDefinition.partitionKey, tableDefinition.sortKey];
  for (const gsi of tableDefinition.globalSecondaryIndexes) names.push(gsi.partitionKey, gsi.sortKey);
  return names;
}
