import type { Env, Schema } from 'hono';
import { HonoBase, type HonoOptions } from 'hono/hono-base';
import { TrieRouter } from 'hono/router/trie-router';
import type { BlankSchema } from 'hono/types';

/**
 * `Hono` routing with hono's TrieRouter alone. The `hono` entry pairs it with the RegExpRouter
 * behind a SmartRouter (about 4.5 KB together), which the console bundle has no room for. The
 * trie matches every route the RegExpRouter does, in the same order (the SmartRouter falls back
 * to it for the routes the RegExpRouter cannot take), so the console answers exactly as before.
 * Every console page imports `Hono` from here, so the bundle never loads the `hono` entry.
 */
export class Hono<
  E extends Env = Env,
  S extends Schema = BlankSchema,
  BasePath extends string = '/',
> extends HonoBase<E, S, BasePath> {
  constructor(options: HonoOptions<E> = {}) {
    super(options);
    this.router = options.router ?? new TrieRouter();
  }
}
