/**
 * Stands in for `bowser` in Lambda bundles: the SDK's browser user-agent parser is
 * reachable from its shared client code but never runs on Node.
 */
const bowser = { parse: () => ({}) };
export default bowser;
export const parse = bowser.parse;
