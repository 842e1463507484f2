/**
 * The state patch (src/server/updates/statePatch.ts) applied as a boardgame.io client
 * applies it (rfc6902's applyPatch on a JSON copy of its state) gives the new state,
 * for any JSON data and any edit of it — including edits that keep unchanged parts as
 * the same objects, as the player view does.
 */
import fc from 'fast-check';
import { applyPatch } from 'rfc6902';
import { describe, expect, it } from 'vitest';
import { MAX_OPERATIONS, statePatch } from '../../src/server/updates/statePatch.ts';

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** What a client holding `before` has after applying the patch to `after`. */
function applied(before: Record<string, unknown>, after: Record<string, unknown>): unknown {
  const ops = statePatch(before, after);
  if (!ops) throw new Error('no patch');
  const state = json(before);
  const errors = applyPatch(state, json(ops));
  expect(errors.filter((e) => e !== null)).toEqual([]);
  return state;
}

const key = fc.constantFrom('a', 'b', 'G', 'x/y', 'm~n', '0', '', 'messages');
const leaf = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('tree'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
}));
const root = fc.dictionary(key, tree, { maxKeys: 5 });

/** Edits `value` at random, keeping every part it does not change as the same object. */
function edit(value: unknown, choices: number[]): unknown {
  const choice = choices.shift() ?? 0;
  if (Array.isArray(value)) {
    if (choice % 5 === 0) return [...value, choice];
    if (choice % 5 === 1 && value.length) return value.slice(0, -1);
    if (choice % 5 === 2 && value.length) {
      const i = choice % value.length;
      return value.map((v, j) => (j === i ? edit(v, choices) : v));
    }
    return value;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (choice % 5 === 0) return { ...value, [`k${choice % 3}`]: choice };
    if (choice % 5 === 1 && entries.length) {
      const { [entries[choice % entries.length]?.[0] ?? '']: _, ...rest } = value as Record<string, unknown>;
      return rest;
    }
    if (choice % 5 === 2 && entries.length) {
      const [k, v] = entries[choice % entries.length] as [string, unknown];
      return { ...value, [k]: edit(v, choices) };
    }
    if (choice % 5 === 3 && entries.length) {
      const [k] = entries[choice % entries.length] as [string, unknown];
      return { ...value, [k]: undefined };
    }
    return value;
  }
  return choice % 2 ? choice : value;
}

describe('statePatch', () => {
  it('turns any JSON object into any other', () => {
    fc.assert(
      fc.property(root, root, (before, after) => {
        const ops = statePatch(before, after);
        if (ops) expect(applied(before, after)).toEqual(json(after));
      }),
      { numRuns: 500 },
    );
  });

  it('turns a state into an edit of it that shares its unchanged parts', () => {
    fc.assert(
      fc.property(root, fc.array(fc.nat(1000), { minLength: 1, maxLength: 12 }), (before, choices) => {
        const after = edit(before, [...choices]) as Record<string, unknown>;
        expect(applied(before, after)).toEqual(json(after));
      }),
      { numRuns: 1000 },
    );
  });

  it('is empty between equal states and walks nothing that is shared', () => {
    const shared = { messages: Array.from({ length: 50 }, (_, i) => ({ seq: i, body: 'x'.repeat(100) })) };
    const before = { G: shared, _stateID: 4 };
    expect(statePatch(before, { G: shared, _stateID: 4 })).toEqual([]);
    expect(statePatch(before, json(before))).toEqual([]);
    const appended = { G: { messages: [...shared.messages, { seq: 50, body: 'y' }] }, _stateID: 5 };
    expect(statePatch(before, appended)).toEqual([
      { op: 'add', path: '/G/messages/-', value: { seq: 50, body: 'y' } },
      { op: 'add', path: '/_stateID', value: 5 },
    ]);
  });

  it('writes keys as RFC 6901 reference tokens', () => {
    expect(statePatch({ 'a/b': 1, 'c~d': 1 }, { 'a/b': 2, 'c~d': 2 })).toEqual([
      { op: 'add', path: '/a~1b', value: 2 },
      { op: 'add', path: '/c~0d', value: 2 },
    ]);
  });

  it('treats undefined and functions as JSON does: absent in objects, null in arrays', () => {
    expect(statePatch({ a: undefined, f: () => 1 }, { b: undefined })).toEqual([]);
    expect(statePatch({ a: 1 }, { a: undefined })).toEqual([{ op: 'remove', path: '/a' }]);
    expect(statePatch({ list: [null] }, { list: [undefined] })).toEqual([]);
  });

  it(`gives up beyond ${MAX_OPERATIONS} operations`, () => {
    const many = Object.fromEntries(Array.from({ length: MAX_OPERATIONS + 1 }, (_, i) => [`k${i}`, i]));
    expect(statePatch({}, many)).toBeUndefined();
    expect(statePatch({}, { ...many, k0: undefined })).toHaveLength(MAX_OPERATIONS);
  });
});
