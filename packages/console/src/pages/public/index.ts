import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';

/** Applicants: service guide, progress, rating, result verification. No sign-in. */
export function publicRoutes() {
  return new Hono<ConsoleEnv>();
}
