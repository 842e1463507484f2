/**
 * A JSON Patch (RFC 6902) from the state a seat last received to its new state: what
 * the server sends a seat instead of its whole view after each move (updates.ts). A
 * Going Dark view is 7–20 KB late in a game and a move changes a few hundred bytes of
 * it, so sending every seat its whole view on every move costs the server most of its
 * socket time (docs/performance.md).
 *
 * Both values are JSON data as `JSON.stringify` sees it: a property whose value is
 * `undefined` or a function is absent. Unchanged parts are usually the very same objects
 * (the player view keeps them), so they are skipped without being walked.
 * @module
 */

/** One RFC 6902 operation (§4.1 add, §4.2 remove, §4.3 replace). */
export type PatchOperation =
  | { readonly op: 'add'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string }
  | { readonly op: 'replace'; readonly path: string; readonly value: unknown };

/** Beyond this many operations a patch is not worth it: the caller sends the whole state. */
export const MAX_OPERATIONS = 200;

/** RFC 6901 §3: `~` is written `~0` and `/` is written `~1` in a reference token. */
function token(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replaceAll('~', '~0').replaceAll('/', '~1') : key;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether JSON.stringify keeps an object property with this value. */
function kept(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** An array element as JSON.stringify writes it (`undefined` and functions become null). */
function element(value: unknown): unknown {
  return kept(value) ? value : null;
}

class TooLarge extends Error {}

/**
 * The operations that turn `before` into `after`, or `undefined` when they would be more
 * than {@link MAX_OPERATIONS} (send the whole state then). Both must be objects.
 */
export function statePatch(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): PatchOperation[] | undefined {
  const ops: PatchOperation[] = [];
  // The path of the value being compared, as reference tokens; joined only for an operation.
  const tokens: string[] = [];
  const here = () => (tokens.length === 0 ? '' : `/${tokens.join('/')}`);
  const push = (op: PatchOperation) => {
    if (ops.length >= MAX_OPERATIONS) throw new TooLarge();
    ops.push(op);
  };

  /** `a` and `b` are both kept values at the current path; `inArray`: the path names an array element. */
  const diff = (a: unknown, b: unknown, inArray: boolean): void => {
    if (a === b) return;
    if (isObject(a) && isObject(b)) {
      for (const key of Object.keys(a)) {
        if (kept(a[key]) && !(Object.hasOwn(b, key) && kept(b[key])))
          push({ op: 'remove', path: `${here()}/${token(key)}` });
      }
      for (const key of Object.keys(b)) {
        const value = b[key];
        if (!kept(value)) continue;
        if (Object.hasOwn(a, key) && kept(a[key])) {
          if (a[key] === value) continue;
          tokens.push(token(key));
          diff(a[key], value, false);
          tokens.pop();
        } else push({ op: 'add', path: `${here()}/${token(key)}`, value });
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && b.length >= a.length) {
      for (let i = 0; i < a.length; i++) {
        if (a[i] === b[i]) continue;
        tokens.push(String(i));
        diff(element(a[i]), element(b[i]), true);
        tokens.pop();
      }
      for (let i = a.length; i < b.length; i++) push({ op: 'add', path: `${here()}/-`, value: element(b[i]) });
      return;
    }
    // Two numbers JSON writes alike: NaN and ±Infinity are all null (ECMA-262 §25.5.2.2).
    if (typeof a === 'number' && typeof b === 'number' && !Number.isFinite(a) && !Number.isFinite(b)) return;
    // §4.1: an `add` on an existing object member replaces its value; an array element
    // must be replaced (an `add` would insert before it).
    push(inArray ? { op: 'replace', path: here(), value: b } : { op: 'add', path: here(), value: b });
  };

  try {
    diff(before, after, false);
    return ops;
  } catch (error) {
    if (error instanceof TooLarge) return undefined;
    throw error;
  }
}
