/**
 * DynamoDB's reserved words (the list DynamoDB Local refuses unescaped in an expression, taken from
 * its parser): a name among them must be written as an `#alias`.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  [
    'abort absolute action after agent all allocate alter analyze any archive are array as asc ascii',
    'asensitive asymmetric at atomic attach auth authorization auto avg back backup base batch before',
    'begin bigint binary bit blob block boolean both breadth bucket bulk by byte call called calling',
    'capacity cascade cascaded case cast catalog char check class clob close cluster clustering clusters',
    'coalesce collate collection column columns combine comment commit compact compile compress conflict',
    'connect connection consistency consistent constraint constraints constructor consumed continue copy',
    'corresponding count counter create cross cube current cursor cycle data database date datetime day',
    'deallocate dec decimal declare default deferrable deferred define defined definition depth deref',
    'desc describe descriptor detach deterministic diagnostics directories disable disconnect distinct',
    'distribute do domain double drop dump duration dynamic each element else elseif empty enable end',
    'equal equals error escape escaped eval evaluate exceeded except exceptions exec execute exists exit',
    'explain explode export expression extended external extract fail false family fetch fields file',
    'filter final finish first fixed flattern float for force foreign format forward found free from',
    'full function general generate get glob global go goto grant greater group grouping handler hash',
    'have having heap hidden hold hour identified identity if ignore import incremental index indexed',
    'indexes infinite inline inner innter inout input insensitive insert instead int integer interval',
    'into invalidate is item items iterate join key keys lag language large last lateral lead leading',
    'leave left length less level like limit limited lines list load local localtimestamp location',
    'locator lock locks log loged long loop lower map match materialized max maxlen member merge method',
    'metrics min minus minute missing mod mode modifies modify module month multi multiset name names',
    'national natural nchar nclob new next no none null nullif number numeric object of offline offset',
    'old on online only opaque open operator option order ordinality other others out outer output over',
    'overlaps override owner pad parallel parameters partial partitioned partitions path percent',
    'percentile permission permissions pipe plan pool position prepare preserve primary prior private',
    'privileges project projection property provisioning public put query quit quorum raise random range',
    'rank raw read reads real rebuild record reduce ref references referencing regexp region reindex',
    'relative release rename repeat replace request reset resignal resource response restore restrict',
    'result return returns reverse revoke right role roles rollback rollup routine row rows rule rules',
    'sample save scan schema scope scroll search second section segment segments select self semi',
    'separate sequence serializable session sets shard share shared short show signal similar skewed',
    'smallint snapshot some source space spaces sparse specific specifictype split sql sqlcode sqlerror',
    'sqlexception sqlstate sqlwarning start state static status storage store stored stream string',
    'struct style sub submultiset subpartition subtype sum super synonym system table tablesample temp',
    'terminated text than then throughput time timezone tinyint to token total touch trailing',
    'transaction translation treat trigger trim true truncate ttl tuple type under undo union unique',
    'unit unknown unlogged unnest unprocessed unsigned until update upper url usage use user users using',
    'uuid vacuum value valued values varchar variable variance varint varying view views virtual void',
    'wait when whenever where while window with within without work wrapped write year zone',
  ]
    .join(' ')
    .split(' '),
);
