/**
 * Classroom seating (issue "Classroom rounds"): every student seated once at balanced,
 * valid tables; the judge never a student; small tables keep a human investigator and
 * crew; roles rotate between rounds as well as the seat counts allow; the teacher's
 * placements are honoured or refused with a reason; the plan is deterministic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Role, validateSetupData } from '../../src/game/index.ts';
import {
  historyOf,
  type Placement,
  planRound,
  repeatsOf,
  rolesOf,
  type TablePlan,
  tableRoles,
} from '../../src/server/classes/seating.ts';

const CREWS = [2, 3] as const;
const classOf = (n: number, prefix = 'student') => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);
const humans = (table: TablePlan) => table.seats.filter((s) => s.student !== undefined);
const seated = (plan: readonly TablePlan[]) => plan.flatMap((t) => humans(t).map((s) => s.student as string));

/** Plays `rounds` rounds, each planned from the history of the previous ones. */
function playRounds(students: readonly string[], crew: 2 | 3, rounds: number): TablePlan[][] {
  const plans: TablePlan[][] = [];
  for (let round = 0; round < rounds; round++)
    plans.push(planRound(students, { crew, round, history: historyOf(plans) }));
  return plans;
}

/**
 * The fewest repeats any rotation can have: a role offered to students `k` times in all
 * (over the rounds) but with only `n` students must be repeated at least `k − n` times.
 */
function repeatLowerBound(plans: readonly (readonly TablePlan[])[], n: number): number {
  const offered = new Map<Role, number>();
  for (const plan of plans)
    for (const table of plan) for (const s of humans(table)) offered.set(s.role, (offered.get(s.role) ?? 0) + 1);
  let bound = 0;
  for (const k of offered.values()) bound += Math.max(0, k - n);
  return bound;
}

describe('planRound: the shape of a round', () => {
  it('seats no one when there are no students', () => {
    expect(planRound([], { crew: 2, round: 0 })).toEqual([]);
  });

  for (const crew of CREWS) {
    it(`crew ${crew}, 1–40 students: everyone seated once, balanced valid tables, no student judge`, () => {
      for (let n = 1; n <= 40; n++) {
        const students = classOf(n);
        const plan = planRound(students, { crew, round: 0 });
        expect(plan.length).toBe(Math.ceil(n / (crew + 3)));
        expect(seated(plan).sort()).toEqual([...students].sort());
        const sizes = plan.map((t) => humans(t).length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        for (const table of plan) {
          const roles = rolesOf(table);
          expect(roles).toEqual(tableRoles(crew));
          expect(validateSetupData({ scenario: 'san-jose-2013', seats: roles }, roles.length)).toBeUndefined();
          const judge = table.seats.find((s) => s.role === 'judge');
          expect(judge).toEqual({ role: 'judge' });
        }
      }
    });
  }

  it('keeps the solo seat order: crew, carrier, relay, investigator, judge', () => {
    expect(tableRoles(2)).toEqual(['sender', 'sender', 'carrier', 'relay', 'investigator', 'judge']);
    expect(tableRoles(3)).toEqual(['sender', 'sender', 'sender', 'carrier', 'relay', 'investigator', 'judge']);
  });

  for (const crew of CREWS) {
    it(`crew ${crew}: a table's humans take the investigator, then the crew (planner first), then carrier, relay`, () => {
      // Seat indices in the order they should fill.
      const order = [crew + 2, ...Array.from({ length: crew }, (_, i) => i), crew, crew + 1];
      for (let n = 1; n <= 40; n++) {
        for (const round of [0, 1, 5]) {
          const students = classOf(n);
          const plans = playRounds(students, crew, round + 1);
          for (const table of plans[round] as TablePlan[]) {
            const taken = order.map((i) => table.seats[i]?.student !== undefined);
            const k = humans(table).length;
            expect(taken).toEqual(order.map((_, j) => j < k));
          }
        }
      }
    });
  }

  it('one student plays the investigator; two play investigator and planner', () => {
    expect(planRound(['ana'], { crew: 3, round: 0 })).toEqual([
      {
        seats: [
          { role: 'sender' },
          { role: 'sender' },
          { role: 'sender' },
          { role: 'carrier' },
          { role: 'relay' },
          { role: 'investigator', student: 'ana' },
          { role: 'judge' },
        ],
      },
    ]);
    const [table] = planRound(['ana', 'ben'], { crew: 2, round: 0 });
    expect(table?.seats.map((s) => s.student !== undefined)).toEqual([true, false, false, false, true, false]);
  });

  it('7 students with crew 3 make two tables of 4 and 3', () => {
    const plan = planRound(classOf(7), { crew: 3, round: 0 });
    expect(plan.map((t) => humans(t).length).sort()).toEqual([3, 4]);
  });

  it('property: any class, crew and round is seated completely, balanced and valid', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 60 }),
        fc.constantFrom(...CREWS),
        fc.nat(50),
        (students, crew, round) => {
          const plan = planRound(students, { crew, round });
          expect(seated(plan).sort()).toEqual([...students].sort());
          const sizes = plan.map((t) => humans(t).length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          for (const t of plan) {
            expect(validateSetupData({ scenario: 'san-jose-2013', seats: rolesOf(t) }, t.seats.length)).toBeUndefined();
            expect(t.seats.at(-1)).toEqual({ role: 'judge' });
          }
        },
      ),
      { seed: 20240601, numRuns: 200 },
    );
  });
});

describe('planRound: rotation', () => {
  it('30 students, crew 3, rounds 0–3: no repeats beyond the crew seats, which half the table needs', () => {
    // Full tables of 6 (3 crew + carrier, relay, investigator): over 4 rounds there are
    // 60 crew seats for 30 students, so every student must be crew twice — that one
    // repeat per student is forced. Everything else must not repeat.
    const students = classOf(30);
    const plans = playRounds(students, 3, 4);
    for (const plan of plans) expect(plan.every((t) => humans(t).length === 6)).toBe(true);
    const history = historyOf(plans);
    for (const student of students) {
      const roles = history.get(student) ?? [];
      expect(roles).toHaveLength(4);
      const others = roles.filter((r) => r !== 'sender');
      expect(new Set(others).size).toBe(others.length);
      expect(roles.filter((r) => r === 'sender')).toHaveLength(2);
    }
    expect(repeatsOf(history)).toBe(30);
    expect(repeatsOf(history)).toBe(repeatLowerBound(plans, 30));
  });

  it('25 students, crew 2, rounds 0–3: every student has four different roles or repeats only the crew', () => {
    const students = classOf(25);
    const plans = playRounds(students, 2, 4);
    const history = historyOf(plans);
    for (const roles of history.values()) {
      const others = roles.filter((r) => r !== 'sender');
      expect(new Set(others).size).toBe(others.length);
      expect(roles.filter((r) => r === 'sender').length).toBeLessThanOrEqual(2);
    }
    expect(repeatsOf(history)).toBe(repeatLowerBound(plans, 25));
  });

  it('a full table of carrier, relay and investigator only repeats when every role is used up', () => {
    // Crew 2, 5 students, 5 rounds: each plays carrier, relay and investigator once, crew twice.
    const plans = playRounds(classOf(5), 2, 5);
    // 2 crew seats per round over 5 rounds = 10 crew turns for 5 students: 5 forced repeats.
    expect(repeatsOf(historyOf(plans))).toBe(5);
    for (const roles of historyOf(plans).values()) expect(new Set(roles).size).toBe(4);
  });

  for (const crew of CREWS) {
    it(`crew ${crew}, 1–40 students, rounds 0–3: repeats are the fewest the seat counts allow`, () => {
      for (let n = 1; n <= 40; n++) {
        const plans = playRounds(classOf(n), crew, 4);
        expect(repeatsOf(historyOf(plans)), `${n} students`).toBe(repeatLowerBound(plans, n));
      }
    });
  }

  for (const crew of CREWS) {
    it(`crew ${crew}, full tables, 8 rounds: nobody keeps a carrier, relay or investigator seat two rounds running`, () => {
      for (let tables = 1; tables <= 6; tables++) {
        const plans = playRounds(classOf(tables * (crew + 3)), crew, 8);
        for (const roles of historyOf(plans).values()) {
          roles.forEach((role, r) => {
            if (r > 0 && role !== 'sender') expect(roles[r - 1]).not.toBe(role);
          });
        }
      }
    });
  }

  it('mixes the tables: the same people do not always sit together', () => {
    const plans = playRounds(classOf(30), 3, 2);
    const tableOf = (plan: readonly TablePlan[]) => {
      const at = new Map<string, number>();
      plan.forEach((t, i) => {
        for (const s of humans(t)) at.set(s.student as string, i);
      });
      return at;
    };
    const [r0, r1] = plans.map(tableOf);
    const pairs = (at: Map<string, number> | undefined) => {
      const set = new Set<string>();
      for (const [a, ta] of at ?? []) for (const [b, tb] of at ?? []) if (a < b && ta === tb) set.add(`${a}|${b}`);
      return set;
    };
    const before = pairs(r0);
    const same = [...pairs(r1)].filter((p) => before.has(p)).length;
    expect(same).toBeLessThan(before.size / 2);
  });

  it('uses the history it is given, not the round number, to rotate', () => {
    const veterans = ['a', 'b', 'c'];
    const crewOnly = ['d', 'e', 'f'];
    const history = new Map<string, Role[]>([
      ...veterans.map((s): [string, Role[]] => [s, ['investigator', 'carrier', 'relay']]),
      ...crewOnly.map((s): [string, Role[]] => [s, ['sender', 'sender', 'sender']]),
    ]);
    for (const round of [0, 3, 9]) {
      const [table] = planRound([...veterans, ...crewOnly], { crew: 3, round, history });
      const roleOf = (s: string) => table?.seats.find((x) => x.student === s)?.role;
      for (const s of veterans) expect(roleOf(s)).toBe('sender');
      expect(crewOnly.map(roleOf).sort()).toEqual(['carrier', 'investigator', 'relay']);
    }
  });
});

describe('planRound: teacher placements', () => {
  const place = (entries: [string, Placement][]) => new Map(entries);

  it('honours placements, crew placements taking the planner seat first', () => {
    const students = classOf(12);
    const placed = place([
      ['student-1', { table: 1, role: 'relay' }],
      ['student-2', { table: 0, role: 'sender' }],
      ['student-3', { table: 0, role: 'sender' }],
      ['student-4', { table: 1, role: 'investigator' }],
    ]);
    for (const crew of CREWS) {
      for (let round = 0; round < 3; round++) {
        const plan = planRound(students, { crew, round, placed });
        expect(plan[1]?.seats[crew + 1]).toEqual({ role: 'relay', student: 'student-1' });
        expect(plan[1]?.seats[crew + 2]).toEqual({ role: 'investigator', student: 'student-4' });
        expect(plan[0]?.seats[0]).toEqual({ role: 'sender', student: 'student-2' });
        expect(plan[0]?.seats[1]).toEqual({ role: 'sender', student: 'student-3' });
        expect(seated(plan).sort()).toEqual([...students].sort());
      }
    }
  });

  it('property: placements are always honoured and everyone else still seated', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(...CREWS),
        fc.nat(10),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom<Role>('sender', 'carrier', 'relay', 'investigator'))),
        (n, crew, round, wishes) => {
          const students = classOf(n);
          const tables = Math.ceil(n / (crew + 3));
          // Keep only the placements that are possible: a free seat of that role.
          const free = new Map<string, number>();
          const placed = new Map<string, Placement>();
          for (const [who, table, role] of wishes) {
            const student = students[who % n] as string;
            const t = table % tables;
            const key = `${t}:${role}`;
            const left = free.get(key) ?? (role === 'sender' ? crew : 1);
            if (placed.has(student) || left === 0) continue;
            free.set(key, left - 1);
            placed.set(student, { table: t, role });
          }
          const plan = planRound(students, { crew, round, placed });
          expect(seated(plan).sort()).toEqual([...students].sort());
          for (const [student, p] of placed) {
            expect(plan[p.table]?.seats.find((s) => s.student === student)?.role).toBe(p.role);
          }
          for (const t of plan) {
            expect(validateSetupData({ scenario: 'san-jose-2013', seats: rolesOf(t) }, t.seats.length)).toBeUndefined();
          }
          // Balanced unless a placement crowds a table beyond the balanced size.
          const sizes = plan.map((t) => humans(t).length);
          const crowded = plan.some(
            (_, i) => [...placed.values()].filter((p) => p.table === i).length > Math.ceil(n / tables),
          );
          if (!crowded) expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        },
      ),
      { seed: 424242, numRuns: 300 },
    );
  });

  it('refuses a table that does not exist', () => {
    const placed = new Map<string, Placement>([['student-1', { table: 2, role: 'carrier' }]]);
    expect(() => planRound(classOf(10), { crew: 3, round: 0, placed })).toThrow(/table 3: 10 students make 2 tables/);
    const negative = new Map<string, Placement>([['student-1', { table: -1, role: 'carrier' }]]);
    expect(() => planRound(classOf(10), { crew: 3, round: 0, placed: negative })).toThrow(/table 0:/);
  });

  it('refuses a role placed twice at one table', () => {
    const twice = new Map<string, Placement>([
      ['student-1', { table: 0, role: 'relay' }],
      ['student-2', { table: 0, role: 'relay' }],
    ]);
    expect(() => planRound(classOf(10), { crew: 2, round: 0, placed: twice })).toThrow(/relay seat is already placed/);
    const crew = new Map<string, Placement>(
      ['student-1', 'student-2', 'student-3'].map((s) => [s, { table: 0, role: 'sender' }]),
    );
    expect(() => planRound(classOf(10), { crew: 2, round: 0, placed: crew })).toThrow(/all 2 crew seats/);
    expect(planRound(classOf(10), { crew: 3, round: 0, placed: crew })[0]?.seats.slice(0, 3)).toEqual([
      { role: 'sender', student: 'student-1' },
      { role: 'sender', student: 'student-2' },
      { role: 'sender', student: 'student-3' },
    ]);
  });

  it('refuses a student as judge, a stranger, or an unknown role', () => {
    const judge = new Map<string, Placement>([['student-1', { table: 0, role: 'judge' }]]);
    expect(() => planRound(classOf(4), { crew: 2, round: 0, placed: judge })).toThrow(/judge/);
    const stranger = new Map<string, Placement>([['nobody', { table: 0, role: 'carrier' }]]);
    expect(() => planRound(classOf(4), { crew: 2, round: 0, placed: stranger })).toThrow(/not a student/);
    const bogus = new Map([['student-1', { table: 0, role: 'mayor' as Role }]]);
    expect(() => planRound(classOf(4), { crew: 2, round: 0, placed: bogus })).toThrow(/not a role/);
  });

  it('refuses bad options: duplicate students, bad crew or round', () => {
    expect(() => planRound(['a', 'a'], { crew: 2, round: 0 })).toThrow(/twice/);
    expect(() => planRound(['a', ''], { crew: 2, round: 0 })).toThrow(/non-empty/);
    expect(() => planRound(['a'], { crew: 4 as 2, round: 0 })).toThrow(/crew/);
    expect(() => planRound(['a'], { crew: 2, round: -1 })).toThrow(/round/);
    expect(() => planRound(['a'], { crew: 2, round: 1.5 })).toThrow(/round/);
  });
});

describe('planRound: determinism', () => {
  it('the same input gives the same plan, whatever the order of the students', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(...CREWS),
        fc.nat(20),
        (students, crew, round) => {
          const history = historyOf([planRound(students, { crew, round: 0 })]);
          const plan = planRound(students, { crew, round, history });
          expect(planRound([...students], { crew, round, history })).toEqual(plan);
          expect(planRound([...students].reverse(), { crew, round, history })).toEqual(plan);
        },
      ),
      { seed: 777, numRuns: 150 },
    );
  });

  it('a different round number varies the seating', () => {
    const students = classOf(30);
    const a = planRound(students, { crew: 3, round: 0 });
    const b = planRound(students, { crew: 3, round: 1 });
    expect(b).not.toEqual(a);
  });

  it('does not touch its inputs', () => {
    const students = Object.freeze(classOf(9).reverse());
    const history = new Map<string, Role[]>([['student-1', ['carrier']]]);
    planRound(students, { crew: 2, round: 1, history });
    expect(students[0]).toBe('student-9');
    expect(history.get('student-1')).toEqual(['carrier']);
  });
});
