export * from './access';
export * from './errors';
export * from './ids';
export * from './roles';
export * from './tenancy';
