/**
 * The class store's contract, run against both stores: SQLite in a temporary folder and
 * PostgreSQL (TEST_DATABASE_URL, default the local `test` database) in a schema of this
 * file's own, dropped afterwards. Same answers, same orderings, a taken code refused, a
 * round recorded all or nothing and only once — also when two requests race.
 *
 * Without PostgreSQL the PostgreSQL half is skipped with a loud warning, except in CI
 * (CI=true), where it fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostgresClassStore } from '../../src/server/classes/postgresStore.ts';
import {
  ClassLocked,
  type ClassSeat,
  type ClassSettings,
  type ClassStore,
  RoundTaken,
  SqliteClassStore,
} from '../../src/server/classes/store.ts';
import type { PostgresDatabase } from '../../src/server/storage/postgres/database.ts';
import { dropSchema, testPostgres } from '../support/services.ts';

const pg = await testPostgres();

afterAll(async () => {
  if (!pg) return;
  await dropSchema(pg);
});

/** One store to test, fresh for each test, and how to throw it away. */
interface Harness {
  open(): Promise<ClassStore>;
  /** A second store on the same database, as another server process would open it. */
  another(): Promise<ClassStore>;
  clear(): Promise<void>;
}

function sqliteHarness(): Harness {
  let dir = '';
  const dbs: Database.Database[] = [];
  const file = () => new Database(join(dir, 'going-dark.sqlite'));
  return {
    async open() {
      dir = mkdtempSync(join(tmpdir(), 'gd-class-store-'));
      const db = file();
      dbs.push(db);
      return new SqliteClassStore(db);
    },
    async another() {
      const db = file();
      dbs.push(db);
      return new SqliteClassStore(db);
    },
    async clear() {
      for (const db of dbs.splice(0)) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresHarness(db: PostgresDatabase): Harness {
  return {
    async open() {
      const store = await PostgresClassStore.open(db);
      await db.query('TRUNCATE classes, class_students, class_seats');
      return store;
    },
    another: () => PostgresClassStore.open(db),
    async clear() {},
  };
}

const SETTINGS: ClassSettings = { scenario: 'harbour', crew: 3, judge: 'bot', days: 4, dayTimerSeconds: 90 };

/** A round of one table: a student, the teacher as judge, a bot; seats given out of order. */
function roundOf(round: number, matchID: string, student = 's1'): ClassSeat[] {
  return [
    { round, table: 0, matchID, seat: '10', role: 'sender' },
    { round, table: 0, matchID, seat: '2', role: 'judge', student: 'teacher', credentials: 'cred-t' },
    { round, table: 0, matchID, seat: '0', role: 'sender', student, credentials: 'cred-s' },
  ];
}

const stores: [string, Harness | undefined][] = [
  ['SQLite', sqliteHarness()],
  ['PostgreSQL', pg && postgresHarness(pg)],
];

for (const [name, harness] of stores) {
  describe.skipIf(!harness)(`the ${name} class store`, () => {
    const h = harness as Harness;
    let store: ClassStore;

    beforeEach(async () => {
      store = await h.open();
    });
    afterEach(async () => {
      await h.clear();
    });

    it('creates a class once: a taken code is refused and left as it was', async () => {
      expect(await store.createClass('ABC123', 'hash-1', SETTINGS, 1000)).toBe(true);
      expect(await store.createClass('ABC123', 'hash-2', { ...SETTINGS, crew: 2 }, 2000)).toBe(false);
      expect(await store.getClass('ABC123')).toStrictEqual({
        code: 'ABC123',
        teacherKeyHash: 'hash-1',
        settings: SETTINGS,
        locked: false,
        paused: false,
        rounds: 0,
      });
      expect(await store.getClass('ZZZ999')).toBeUndefined();
    });

    it('gives a code to exactly one of two stores creating it at once', async () => {
      const other = await h.another();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? other : store).createClass('RACE01', `hash-${i}`, SETTINGS)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store.getClass('RACE01'))?.teacherKeyHash).toBe(`hash-${results.indexOf(true)}`);
    });

    it('locks, pauses and reports a match of a paused class as paused', async () => {
      await store.createClass('LOCK01', 'h', SETTINGS);
      await store.createClass('OTHER1', 'h', SETTINGS);
      await store.setLocked('LOCK01', true);
      expect(await store.getClass('LOCK01')).toMatchObject({ locked: true, paused: false });
      await store.saveRound('LOCK01', 0, roundOf(0, 'm-lock'));
      await store.saveRound('OTHER1', 0, roundOf(0, 'm-other'));
      expect(await store.isMatchPaused('m-lock')).toBe(false);
      await store.setPaused('LOCK01', true);
      expect(await store.getClass('LOCK01')).toMatchObject({ locked: true, paused: true });
      expect(await store.isMatchPaused('m-lock')).toBe(true);
      expect(await store.isMatchPaused('m-other')).toBe(false);
      expect(await store.isMatchPaused('no-such-match')).toBe(false);
      await store.setPaused('LOCK01', false);
      await store.setLocked('LOCK01', false);
      expect(await store.getClass('LOCK01')).toMatchObject({ locked: false, paused: false });
      expect(await store.isMatchPaused('m-lock')).toBe(false);
    });

    it('lists students in the order they joined, ties bytewise by id, and renames and removes them', async () => {
      await store.createClass('STU001', 'h', SETTINGS);
      await store.createClass('STU002', 'h', SETTINGS);
      await store.addStudent('STU001', { id: 'b', nickname: 'Bee', tokenHash: 't-b' }, 20);
      await store.addStudent('STU001', { id: 'z', nickname: 'Zed', tokenHash: 't-z' }, 10);
      await store.addStudent('STU001', { id: 'a', nickname: 'Ay', tokenHash: 't-a' }, 20);
      await store.addStudent('STU001', { id: 'B', nickname: 'Big', tokenHash: 't-B' }, 20);
      await store.addStudent('STU002', { id: 'q', nickname: 'Queue', tokenHash: 't-q' }, 1);
      expect((await store.students('STU001')).map((s) => s.id)).toEqual(['z', 'B', 'a', 'b']);
      await store.rename('STU001', 'a', 'Aye');
      await store.setRemoved('STU001', 'z', true);
      const students = await store.students('STU001');
      expect(students[0]).toStrictEqual({ id: 'z', nickname: 'Zed', tokenHash: 't-z', removed: true });
      expect(students[2]).toStrictEqual({ id: 'a', nickname: 'Aye', tokenHash: 't-a', removed: false });
      await store.setRemoved('STU001', 'z', false);
      expect((await store.students('STU001'))[0]?.removed).toBe(false);
      expect(await store.students('STU002')).toHaveLength(1);
      expect(await store.students('NOPE00')).toEqual([]);
    });

    it('refuses a student id twice and a student of no class', async () => {
      await store.createClass('DUP001', 'h', SETTINGS);
      await store.addStudent('DUP001', { id: 'x', nickname: 'One', tokenHash: 't1' });
      await expect(store.addStudent('DUP001', { id: 'x', nickname: 'Two', tokenHash: 't2' })).rejects.toThrow();
      await expect(store.addStudent('NOPE00', { id: 'y', nickname: 'Ghost', tokenHash: 't3' })).rejects.toThrow();
      expect((await store.students('DUP001')).map((s) => s.nickname)).toEqual(['One']);
    });

    it('records rounds with their seats, by round, table and seat number, absent fields absent', async () => {
      await store.createClass('RND001', 'h', SETTINGS);
      await store.saveRound('RND001', 0, [
        ...roundOf(0, 'm-0b').map((s) => ({ ...s, table: 1 })),
        ...roundOf(0, 'm-0a', 's2'),
      ]);
      await store.saveRound('RND001', 1, roundOf(1, 'm-1'));
      expect((await store.getClass('RND001'))?.rounds).toBe(2);
      const seats = await store.seats('RND001');
      expect(seats.map((s) => `${s.round}/${s.table}/${s.seat}`)).toEqual([
        '0/0/0',
        '0/0/2',
        '0/0/10',
        '0/1/0',
        '0/1/2',
        '0/1/10',
        '1/0/0',
        '1/0/2',
        '1/0/10',
      ]);
      expect(seats[0]).toStrictEqual({
        round: 0,
        table: 0,
        matchID: 'm-0a',
        seat: '0',
        role: 'sender',
        student: 's2',
        credentials: 'cred-s',
      });
      expect(seats[2]).toStrictEqual({ round: 0, table: 0, matchID: 'm-0a', seat: '10', role: 'sender' });
      expect(await store.seats('NOPE00')).toEqual([]);
    });

    it('marks a stand-in on one seat only, and takes it off again', async () => {
      await store.createClass('STAND1', 'h', SETTINGS);
      await store.saveRound('STAND1', 0, roundOf(0, 'm-s'));
      await store.setStandIn('STAND1', 'm-s', '0', true);
      const standing = (await store.seats('STAND1')).filter((s) => s.standIn);
      expect(standing.map((s) => s.seat)).toEqual(['0']);
      expect(standing[0]?.standIn).toBe(true);
      await store.setStandIn('STAND1', 'm-s', '0', false);
      expect((await store.seats('STAND1')).some((s) => 'standIn' in s)).toBe(false);
    });

    it('records a round all or nothing: a failing seat leaves no seat and the count unmoved', async () => {
      await store.createClass('ATOM01', 'h', SETTINGS);
      const seats = roundOf(0, 'm-a');
      await expect(store.saveRound('ATOM01', 0, [...seats, seats[0] as ClassSeat])).rejects.toThrow();
      expect(await store.seats('ATOM01')).toEqual([]);
      expect((await store.getClass('ATOM01'))?.rounds).toBe(0);
      await store.saveRound('ATOM01', 0, seats);
      expect(await store.seats('ATOM01')).toHaveLength(3);
    });

    it('refuses a student once the class is locked, in the join itself', async () => {
      await store.createClass('LOCKED', 'h', SETTINGS);
      await store.addStudent('LOCKED', { id: 'a', nickname: 'Early', tokenHash: 't1' });
      // Another process locks the class between this one's check and its join.
      await (await h.another()).setLocked('LOCKED', true);
      await expect(store.addStudent('LOCKED', { id: 'b', nickname: 'Late', tokenHash: 't2' })).rejects.toBeInstanceOf(
        ClassLocked,
      );
      await expect(
        store.addStudent('NOPE00', { id: 'c', nickname: 'Ghost', tokenHash: 't3' }),
      ).rejects.not.toBeInstanceOf(ClassLocked);
      expect((await store.students('LOCKED')).map((s) => s.nickname)).toEqual(['Early']);
      await store.setLocked('LOCKED', false);
      await store.addStudent('LOCKED', { id: 'b', nickname: 'Late', tokenHash: 't2' });
      expect((await store.students('LOCKED')).map((s) => s.nickname)).toEqual(['Early', 'Late']);
    });

    it('adds seats to a round claimed without any, all or nothing', async () => {
      await store.createClass('ADD001', 'h', SETTINGS);
      await store.saveRound('ADD001', 0, []);
      expect((await store.getClass('ADD001'))?.rounds).toBe(1);
      const seats = roundOf(0, 'm-add');
      await expect(store.addSeats('ADD001', [...seats, seats[0] as ClassSeat])).rejects.toThrow();
      expect(await store.seats('ADD001')).toEqual([]);
      await store.addSeats('ADD001', seats);
      await store.addSeats('ADD001', []);
      expect((await store.seats('ADD001')).map((s) => s.matchID)).toEqual(['m-add', 'm-add', 'm-add']);
      expect((await store.getClass('ADD001'))?.rounds).toBe(1);
    });

    it('records a round only once: a second save of it is RoundTaken and saves nothing', async () => {
      await store.createClass('ONCE01', 'h', SETTINGS);
      await store.saveRound('ONCE01', 0, roundOf(0, 'm-first'));
      await expect(store.saveRound('ONCE01', 0, roundOf(0, 'm-second'))).rejects.toBeInstanceOf(RoundTaken);
      await expect(store.saveRound('ONCE01', 5, roundOf(5, 'm-later'))).rejects.toBeInstanceOf(RoundTaken);
      await expect(store.saveRound('NOPE00', 0, [])).rejects.toBeInstanceOf(RoundTaken);
      expect((await store.getClass('ONCE01'))?.rounds).toBe(1);
      expect(new Set((await store.seats('ONCE01')).map((s) => s.matchID))).toEqual(new Set(['m-first']));
    });

    it('lets exactly one of two stores racing to record the same round win', async () => {
      const other = await h.another();
      await store.createClass('RACE02', 'h', SETTINGS);
      const results = await Promise.allSettled([
        store.saveRound('RACE02', 0, roundOf(0, 'm-one')),
        other.saveRound('RACE02', 0, roundOf(0, 'm-two')),
        store.saveRound('RACE02', 0, roundOf(0, 'm-three')),
      ]);
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(RoundTaken);
      const winner = ['m-one', 'm-two', 'm-three'][won[0] as number];
      expect(new Set((await store.seats('RACE02')).map((s) => s.matchID))).toEqual(new Set([winner]));
      expect((await other.getClass('RACE02'))?.rounds).toBe(1);
    });

    it('opens again on the same database without losing anything', async () => {
      await store.createClass('KEEP01', 'h', SETTINGS);
      await store.addStudent('KEEP01', { id: 's', nickname: 'Stay', tokenHash: 't' });
      const reopened = await h.another();
      expect((await reopened.getClass('KEEP01'))?.settings).toStrictEqual(SETTINGS);
      expect((await reopened.students('KEEP01')).map((s) => s.nickname)).toEqual(['Stay']);
    });
  });
}

describe.skipIf(!pg)('the PostgreSQL class store, several processes starting together', () => {
  it('creates its tables once when many open at once', async () => {
    const db = pg as PostgresDatabase;
    await db.query('DROP TABLE IF EXISTS class_seats, class_students, classes');
    const opened = await Promise.all(Array.from({ length: 6 }, () => PostgresClassStore.open(db)));
    expect(await opened[0]?.createClass('MANY01', 'h', SETTINGS)).toBe(true);
    expect(await opened[5]?.getClass('MANY01')).toMatchObject({ code: 'MANY01' });
  });
});
