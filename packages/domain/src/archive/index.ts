export * from './manifest';
export * from './retention';
