export { consoleApp } from './app';
export type { ConsoleEnv } from './env';
export {
  type ApiLike,
  type CognitoSignIn,
  type ConsoleOptions,
  cognitoFromEnv,
  type DemoSignIn,
  type DemoUser,
  httpApi,
  type SignInConfig,
} from './options';
