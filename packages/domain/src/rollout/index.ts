export * from './apply';
export * from './commands';
export * from './decide';
export * from './events';
export * from './evolve';
export * from './guards';
export * from './plan';
export * from './preview';
