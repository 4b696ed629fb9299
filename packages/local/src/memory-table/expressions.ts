import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { RESERVED_WORDS } from './reserved';

/**
 * DynamoDB's expression language, as far as the store speaks it: condition, key-condition,
 * filter, update and projection expressions over items in AttributeValue form. Anything outside
 * it is refused with a ValidationException, never guessed, so a new kind of expression in the
 * store shows up as a failed demo load and not as different data.
 */

export type Attrs = Record<string, AttributeValue>;

export interface ExpressionContext {
  readonly names?: Record<string, string> | undefined;
  readonly values?: Attrs | undefined;
}

export class ValidationException extends Error {
  override readonly name = 'ValidationException';
  readonly $fault = 'client';
  readonly $metadata = {};
}

type Path = readonly string[];
type Operand =
  | { readonly kind: 'path'; readonly path: Path }
  | { readonly kind: 'value'; readonly value: AttributeValue }
  | { readonly kind: 'size'; readonly path: Path };
export type Condition =
  | { readonly op: 'and' | 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly op: 'not'; readonly inner: Condition }
  | { readonly op: 'compare'; readonly cmp: string; readonly left: Operand; readonly right: Operand }
  | { readonly op: 'between'; readonly subject: Operand; readonly low: Operand; readonly high: Operand }
  | { readonly op: 'in'; readonly subject: Operand; readonly list: readonly Operand[] }
  | { readonly op: 'exists' | 'not-exists'; readonly path: Path }
  | { readonly op: 'begins-with' | 'contains'; readonly subject: Operand; readonly arg: Operand };

const TOKEN = /\s*(<>|<=|>=|[=<>(),.+\-[\]]|#[A-Za-z0-9_]+|:[A-Za-z0-9_]+|[A-Za-z_][A-Za-z0-9_]*|\d+)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m?.[1]) throw new ValidationException(`Invalid expression: unexpected text at ${at} in "${text}"`);
    tokens.push(m[1]);
  }
  return tokens;
}

class Parser {
  private i = 0;
  private readonly tokens: string[];
  constructor(
    private readonly text: string,
    private readonly ctx: ExpressionContext,
  ) {
    this.tokens = tokenize(text);
  }
  peek(offset = 0): string | undefined {
    return this.tokens[this.i + offset];
  }
  keyword(word: string): boolean {
    if (this.peek()?.toUpperCase() !== word) return false;
    this.i++;
    return true;
  }
  expect(token: string): void {
    if (this.peek()?.toUpperCase() !== token.toUpperCase())
      throw new ValidationException(`Invalid expression: expected "${token}" in "${this.text}"`);
    this.i++;
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
  end(): void {
    if (!this.done()) throw new ValidationException(`Invalid expression: "${this.peek()}" in "${this.text}"`);
  }

  condition(): Condition {
    let left = this.conjunction();
    while (this.keyword('OR')) left = { op: 'or', left, right: this.conjunction() };
    return left;
  }
  private conjunction(): Condition {
    let left = this.negation();
    while (this.keyword('AND')) left = { op: 'and', left, right: this.negation() };
    return left;
  }
  private negation(): Condition {
    if (this.keyword('NOT')) return { op: 'not', inner: this.negation() };
    return this.primary();
  }
  private primary(): Condition {
    const head = this.peek();
    if (head === '(') {
      this.i++;
      const inner = this.condition();
      this.expect(')');
      return inner;
    }
    const fn = head?.toLowerCase();
    if (this.peek(1) === '(' && fn && fn !== 'size') {
      this.i += 2;
      if (fn === 'attribute_exists' || fn === 'attribute_not_exists') {
        const path = this.path();
        this.expect(')');
        return { op: fn === 'attribute_exists' ? 'exists' : 'not-exists', path };
      }
      if (fn === 'begins_with' || fn === 'contains') {
        const subject = this.operand();
        this.expect(',');
        const arg = this.operand();
        this.expect(')');
        return { op: fn === 'begins_with' ? 'begins-with' : 'contains', subject, arg };
      }
      throw new ValidationException(`Invalid expression: unsupported function ${head} in "${this.text}"`);
    }
    const subject = this.operand();
    if (this.keyword('BETWEEN')) {
      const low = this.operand();
      this.expect('AND');
      return { op: 'between', subject, low, high: this.operand() };
    }
    if (this.keyword('IN')) {
      this.expect('(');
      const list = [this.operand()];
      while (this.peek() === ',') {
        this.i++;
        list.push(this.operand());
      }
      this.expect(')');
      return { op: 'in', subject, list };
    }
    const cmp = this.peek();
    if (!cmp || !['=', '<>', '<', '<=', '>', '>='].includes(cmp))
      throw new ValidationException(`Invalid expression: expected a comparison in "${this.text}"`);
    this.i++;
    return { op: 'compare', cmp, left: subject, right: this.operand() };
  }

  operand(): Operand {
    const t = this.peek();
    if (t?.startsWith(':')) {
      this.i++;
      return { kind: 'value', value: this.value(t) };
    }
    if (t?.toLowerCase() === 'size' && this.peek(1) === '(') {
      this.i += 2;
      const path = this.path();
      this.expect(')');
      return { kind: 'size', path };
    }
    return { kind: 'path', path: this.path() };
  }
  value(token: string): AttributeValue {
    const v = this.ctx.values?.[token];
    if (!v)
      throw new ValidationException(
        `An expression attribute value used in expression is not defined: ${token}`,
      );
    return v;
  }
  path(): Path {
    const parts = [this.name()];
    for (;;) {
      if (this.peek() === '.') {
        this.i++;
        parts.push(this.name());
      } else if (this.peek() === '[') {
        this.i++;
        const n = this.peek();
        if (!n || !/^\d+$/.test(n)) throw new ValidationException(`Invalid list index in "${this.text}"`);
        this.i++;
        this.expect(']');
        parts.push(`[${n}]`);
      } else return parts;
    }
  }
  private name(): string {
    const t = this.peek();
    if (!t || !/^[#A-Za-z_]/.test(t))
      throw new ValidationException(`Invalid expression: expected a name in "${this.text}"`);
    this.i++;
    if (!t.startsWith('#')) {
      if (RESERVED_WORDS.has(t.toLowerCase()))
        throw new ValidationException(
          `Invalid expression: Attribute name is a reserved keyword; reserved keyword: ${t}`,
        );
      return t;
    }
    const name = this.ctx.names?.[t];
    if (name === undefined)
      throw new ValidationException(
        `An expression attribute name used in the document path is not defined: ${t}`,
      );
    return name;
  }
}

export function parseCondition(text: string, ctx: ExpressionContext): Condition {
  const p = new Parser(text, ctx);
  const c = p.condition();
  p.end();
  return c;
}

/** The attribute at `path`, if the item has it. */
export function resolve(item: Attrs | undefined, path: Path): AttributeValue | undefined {
  let cur: AttributeValue | undefined = item ? { M: item } : undefined;
  for (const part of path) {
    if (!cur) return undefined;
    if (part.startsWith('[')) cur = cur.L?.[Number(part.slice(1, -1))];
    else cur = cur.M?.[part];
  }
  return cur;
}

function operandValue(item: Attrs | undefined, o: Operand): AttributeValue | undefined {
  if (o.kind === 'value') return o.value;
  const v = resolve(item, o.path);
  if (o.kind === 'path' || !v) return v;
  const n =
    v.S !== undefined
      ? [...v.S].length
      : v.B
        ? v.B.length
        : (v.L ?? v.SS ?? v.NS ?? v.BS ?? Object.keys(v.M ?? {})).length;
  return { N: String(n) };
}

/** DynamoDB orders strings by their UTF-8 bytes, which is code point order, not UTF-16's. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Order of two scalars of one type; undefined when they cannot be ordered. */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  if (a.S !== undefined && b.S !== undefined) return compareStrings(a.S, b.S);
  if (a.N !== undefined && b.N !== undefined) return Math.sign(Number(a.N) - Number(b.N));
  if (a.B && b.B) return Buffer.compare(Buffer.from(a.B), Buffer.from(b.B));
  return undefined;
}

export function equalValues(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (!a || !b) return false;
  if (a.N !== undefined && b.N !== undefined) return Number(a.N) === Number(b.N);
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  return v;
}

export function evaluate(c: Condition, item: Attrs | undefined): boolean {
  switch (c.op) {
    case 'and':
      return evaluate(c.left, item) && evaluate(c.right, item);
    case 'or':
      return evaluate(c.left, item) || evaluate(c.right, item);
    case 'not':
      return !evaluate(c.inner, item);
    case 'exists':
      return resolve(item, c.path) !== undefined;
    case 'not-exists':
      return resolve(item, c.path) === undefined;
    case 'compare': {
      const a = operandValue(item, c.left);
      const b = operandValue(item, c.right);
      if (c.cmp === '=') return equalValues(a, b);
      if (c.cmp === '<>') return !!a && !!b && !equalValues(a, b);
      if (!a || !b) return false;
      const order = compareValues(a, b);
      if (order === undefined) return false;
      return c.cmp === '<' ? order < 0 : c.cmp === '<=' ? order <= 0 : c.cmp === '>' ? order > 0 : order >= 0;
    }
    case 'between': {
      const v = operandValue(item, c.subject);
      const lo = operandValue(item, c.low);
      const hi = operandValue(item, c.high);
      if (!v || !lo || !hi) return false;
      const a = compareValues(v, lo);
      const b = compareValues(v, hi);
      return a !== undefined && b !== undefined && a >= 0 && b <= 0;
    }
    case 'in': {
      const v = operandValue(item, c.subject);
      return c.list.some((o) => equalValues(v, operandValue(item, o)));
    }
    case 'begins-with': {
      const v = operandValue(item, c.subject);
      const p = operandValue(item, c.arg);
      if (v?.S !== undefined && p?.S !== undefined) return v.S.startsWith(p.S);
      if (v?.B && p?.B) return Buffer.from(v.B).subarray(0, p.B.length).equals(Buffer.from(p.B));
      return false;
    }
    case 'contains': {
      const v = operandValue(item, c.subject);
      const p = operandValue(item, c.arg);
      if (!v || !p) return false;
      if (v.S !== undefined && p.S !== undefined) return v.S.includes(p.S);
      if (v.SS && p.S !== undefined) return v.SS.includes(p.S);
      if (v.NS && p.N !== undefined) return v.NS.some((n) => Number(n) === Number(p.N));
      if (v.L) return v.L.some((e) => equalValues(e, p));
      return false;
    }
  }
}

/** The attributes a ProjectionExpression names (top-level; nested paths keep their top-level attribute). */
export function projectionNames(text: string, ctx: ExpressionContext): string[] {
  const p = new Parser(text, ctx);
  const names: string[] = [];
  for (;;) {
    const path = p.path();
    if (path.length !== 1) throw new ValidationException('Nested projection paths are not supported here');
    names.push(path[0] as string);
    if (p.done()) return names;
    p.expect(',');
  }
}

type SetValue =
  | Operand
  | { readonly kind: 'if_not_exists'; readonly path: Path; readonly fallback: SetValue }
  | { readonly kind: 'list_append'; readonly a: SetValue; readonly b: SetValue }
  | { readonly kind: 'arith'; readonly sign: 1 | -1; readonly a: SetValue; readonly b: SetValue };

export type UpdateAction =
  | { readonly kind: 'set'; readonly path: Path; readonly value: SetValue }
  | { readonly kind: 'remove'; readonly path: Path }
  | { readonly kind: 'add' | 'delete'; readonly path: Path; readonly value: AttributeValue };

export function parseUpdate(text: string, ctx: ExpressionContext): UpdateAction[] {
  const p = new Parser(text, ctx);
  const actions: UpdateAction[] = [];
  const setValue = (): SetValue => {
    const fn = p.peek()?.toLowerCase();
    let a: SetValue;
    if ((fn === 'if_not_exists' || fn === 'list_append') && p.peek(1) === '(') {
      p.expect(p.peek() as string);
      p.expect('(');
      if (fn === 'if_not_exists') {
        const path = p.path();
        p.expect(',');
        a = { kind: 'if_not_exists', path, fallback: setValue() };
      } else {
        const first = setValue();
        p.expect(',');
        a = { kind: 'list_append', a: first, b: setValue() };
      }
      p.expect(')');
    } else a = p.operand();
    if (p.peek() === '+' || p.peek() === '-') {
      const sign = p.peek() === '+' ? 1 : -1;
      p.expect(p.peek() as string);
      return { kind: 'arith', sign, a, b: setValue() };
    }
    return a;
  };
  while (!p.done()) {
    const clause = p.peek()?.toUpperCase();
    p.expect(clause ?? '?');
    do {
      if (actions.length && p.peek() === ',') p.expect(',');
      const path = p.path();
      if (clause === 'SET') {
        p.expect('=');
        actions.push({ kind: 'set', path, value: setValue() });
      } else if (clause === 'REMOVE') actions.push({ kind: 'remove', path });
      else if (clause === 'ADD' || clause === 'DELETE') {
        const v = p.operand();
        if (v.kind !== 'value') throw new ValidationException(`${clause} needs a value in "${text}"`);
        actions.push({ kind: clause === 'ADD' ? 'add' : 'delete', path, value: v.value });
      } else throw new ValidationException(`Invalid UpdateExpression: "${clause}" in "${text}"`);
    } while (p.peek() === ',');
  }
  return actions;
}

function setValueOf(item: Attrs, v: SetValue): AttributeValue {
  if (v.kind === 'if_not_exists') return resolve(item, v.path) ?? setValueOf(item, v.fallback);
  if (v.kind === 'list_append') {
    const a = setValueOf(item, v.a);
    const b = setValueOf(item, v.b);
    if (!a.L || !b.L) throw new ValidationException('list_append needs two lists');
    return { L: [...a.L, ...b.L] };
  }
  if (v.kind === 'arith') {
    const a = setValueOf(item, v.a);
    const b = setValueOf(item, v.b);
    if (a.N === undefined || b.N === undefined)
      throw new ValidationException('An operand in the update expression has an incorrect data type');
    return { N: String(Number(a.N) + v.sign * Number(b.N)) };
  }
  const value = operandValue(item, v);
  if (!value)
    throw new ValidationException(
      'The provided expression refers to an attribute that does not exist in the item',
    );
  return value;
}

/** Applies `actions` to a copy of `item` (already holding the key) and returns it. */
export function applyUpdate(item: Attrs, actions: readonly UpdateAction[]): Attrs {
  // Every right-hand side reads the item as it was before the update.
  const before = item;
  const after: Attrs = structuredClone(item);
  for (const a of actions) {
    const parentPath = a.path.slice(0, -1);
    const leaf = a.path[a.path.length - 1] as string;
    const parent = parentPath.length ? resolve(after, parentPath) : { M: after };
    if (!parent?.M || leaf.startsWith('['))
      throw new ValidationException(
        'The document path provided in the update expression is invalid for update',
      );
    const target = parent.M;
    if (a.kind === 'set') target[leaf] = setValueOf(before, a.value);
    else if (a.kind === 'remove') delete target[leaf];
    else if (a.kind === 'add') {
      const cur = target[leaf];
      if (a.value.N !== undefined) {
        if (cur && cur.N === undefined)
          throw new ValidationException('An operand in the update expression has an incorrect data type');
        target[leaf] = { N: String(Number(cur?.N ?? 0) + Number(a.value.N)) };
      } else if (a.value.SS) target[leaf] = { SS: [...new Set([...(cur?.SS ?? []), ...a.value.SS])] };
      else if (a.value.NS) target[leaf] = { NS: [...new Set([...(cur?.NS ?? []), ...a.value.NS])] };
      else throw new ValidationException('ADD takes a number or a set');
    } else {
      const cur = target[leaf];
      if (a.value.SS && cur?.SS) {
        const left = cur.SS.filter((s) => !a.value.SS?.includes(s));
        if (left.length) target[leaf] = { SS: left };
        else delete target[leaf];
      }
    }
  }
  return after;
}
