/**
 * Classroom seating: one round of a class, planned as tables. Pure — no I/O, no clock,
 * no randomness; the same students, options and history always give the same plan.
 *
 * Rules:
 * - A table has `crew` senders (the first is the planner), a carrier, a relay, an
 *   investigator and a judge, in that seat order (the order `Tables.create` and
 *   `validateSetupData` take). Students sit in the first `crew + 3` roles; the judge is
 *   always the teacher or a bot, never a student.
 * - Tables: ceil(students / (crew + 3)); their numbers of students differ by at most one
 *   (unless the teacher's placements crowd one table). Empty seats go to bots, and a
 *   table's students take seats in this order: investigator, planner, the other crew,
 *   carrier, relay — so a small table still has a human investigator and crew.
 * - Rotation: each student's cost for a role grows with how often they have had it
 *   (squared, so repeats are spread) and with having had it last round; the round's
 *   assignment minimises the total cost (a min-cost flow), so a student gets a role they
 *   have not had whenever the seats allow. Ties are broken by a hash of student, round
 *   and role, so classmates also meet different people each round.
 * - Teacher placements come first; an impossible one throws an Error saying why.
 * @module
 */
import type { Role } from '../../game/index.ts';

/** One seat of a planned table. */
export interface SeatPlan {
  readonly role: Role;
  /** The student's id; absent: a bot (or, for the judge, the teacher) plays it. */
  readonly student?: string;
}

/** One planned table: its seats in creation order. */
export interface TablePlan {
  readonly seats: readonly SeatPlan[];
}

/** A teacher's placement of one student. */
export interface Placement {
  /** Table index in the round's plan (0-based). */
  readonly table: number;
  readonly role: Role;
}

/** What `planRound` needs besides the students. */
export interface RoundOptions {
  /** Senders per table. */
  readonly crew: 2 | 3;
  /** The round number (0-based); it varies the tie-breaks from round to round. */
  readonly round: number;
  /** Each student's roles in past rounds, oldest first. */
  readonly history?: ReadonlyMap<string, readonly Role[]>;
  /** The teacher's placements, by student id. */
  readonly placed?: ReadonlyMap<string, Placement>;
}

/** The roles of a table's seats in creation order (the solo table's order). */
export function tableRoles(crew: 2 | 3): Role[] {
  return [...Array<Role>(crew).fill('sender'), 'carrier', 'relay', 'investigator', 'judge'];
}

/** Seats a student can take at a table (everything but the judge). */
export function studentSeats(crew: 2 | 3): number {
  return crew + 3;
}

/** The roles of a planned table, ready for `setupData.seats`. */
export function rolesOf(table: TablePlan): Role[] {
  return table.seats.map((s) => s.role);
}

/** Seat indices in the order a table's students take them: investigator, crew, carrier, relay. */
function seatPriority(crew: 2 | 3): number[] {
  const senders = Array.from({ length: crew }, (_, i) => i);
  return [crew + 2, ...senders, crew, crew + 1];
}

/** Sorts strings by UTF-16 code units (locale-independent, so stable everywhere). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** FNV-1a, 32 bits: a stable, platform-independent tie-break (not randomness). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const REPEAT_COST = 1000;
const LAST_ROUND_COST = 100;
const TIE_BREAK = 100;

/** A student's cost for a role: repeats cost much (squared), last round's role more. */
function roleCost(student: string, role: Role, past: readonly Role[], round: number): number {
  const times = past.filter((r) => r === role).length;
  const last = past.length > 0 && past[past.length - 1] === role ? LAST_ROUND_COST : 0;
  return REPEAT_COST * times * times + last + (hash(`${round}\u0000${student}\u0000${role}`) % TIE_BREAK);
}

/**
 * Assigns each student one of `kinds` (capacities summing to the number of students) at
 * the least total cost: successive shortest paths on student → kind → sink.
 */
function assignKinds(costs: readonly (readonly number[])[], capacity: readonly number[]): number[] {
  const n = costs.length;
  const k = capacity.length;
  const choice = Array<number>(n).fill(-1);
  const load = Array<number>(k).fill(0);
  for (let s = 0; s < n; s++) {
    // Bellman–Ford over the residual graph of kinds: from kind a to kind b through a
    // student now in a, who moves to b (cost c[b] − c[a]). Start: student s takes kind b.
    const dist = Array.from({ length: k }, (_, b) => (costs[s] as readonly number[])[b] as number);
    const via = Array<number>(k).fill(-1); // the student moved into b, or -1 for s
    const from = Array<number>(k).fill(-1);
    for (let pass = 0; pass < k; pass++) {
      let changed = false;
      for (let t = 0; t < s; t++) {
        const a = choice[t] as number;
        const row = costs[t] as readonly number[];
        for (let b = 0; b < k; b++) {
          if (b === a) continue;
          const d = (dist[a] as number) + (row[b] as number) - (row[a] as number);
          if (d < (dist[b] as number)) {
            dist[b] = d;
            via[b] = t;
            from[b] = a;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    let best = -1;
    for (let b = 0; b < k; b++) {
      if ((load[b] as number) < (capacity[b] as number) && (best < 0 || (dist[b] as number) < (dist[best] as number)))
        best = b;
    }
    if (best < 0) throw new Error('internal: more students than seats');
    load[best] = (load[best] as number) + 1;
    // Walk the path back: each moved student takes the kind it leads to.
    let b = best;
    const seen = new Set<number>();
    while (via[b] !== -1 && !seen.has(b)) {
      seen.add(b);
      const t = via[b] as number;
      const a = from[b] as number;
      choice[t] = b;
      b = a;
    }
    choice[s] = b;
  }
  return choice;
}

function checkOptions(students: readonly string[], options: RoundOptions): void {
  if (options.crew !== 2 && options.crew !== 3) throw new Error(`crew must be 2 or 3, not ${String(options.crew)}`);
  if (!Number.isInteger(options.round) || options.round < 0)
    throw new Error(`round must be a whole number from 0, not ${String(options.round)}`);
  const seen = new Set<string>();
  for (const s of students) {
    if (typeof s !== 'string' || s === '') throw new Error('every student needs a non-empty id');
    if (seen.has(s)) throw new Error(`student "${s}" is listed twice`);
    seen.add(s);
  }
}

/**
 * Plans one round: the tables, and who sits where.
 * @param students - the students' ids (order does not matter)
 * @param options - crew size, round number, past roles, teacher placements
 * @returns the tables in order; [] for no students
 * @throws Error when an option or placement is impossible, with the reason
 */
export function planRound(students: readonly string[], options: RoundOptions): TablePlan[] {
  checkOptions(students, options);
  const { crew, round } = options;
  const sorted = [...students].sort(byCodeUnits);
  if (sorted.length === 0) {
    if (options.placed && options.placed.size > 0) throw new Error('placements were given but no students');
    return [];
  }
  const perTable = studentSeats(crew);
  const tableCount = Math.ceil(sorted.length / perTable);
  const roles = tableRoles(crew);
  const seats: (string | undefined)[][] = Array.from({ length: tableCount }, () => Array(roles.length).fill(undefined));
  const members = new Set(sorted);

  // 1. The teacher's placements, checked one by one in a stable order.
  const placedIds = [...(options.placed?.keys() ?? [])].sort(byCodeUnits);
  for (const id of placedIds) {
    const place = options.placed?.get(id) as Placement;
    if (!members.has(id)) throw new Error(`cannot place "${id}": not a student in this round`);
    if (!Number.isInteger(place.table) || place.table < 0 || place.table >= tableCount) {
      throw new Error(
        `cannot place "${id}" at table ${Number(place.table) + 1}: ${sorted.length} students make ${tableCount} table${tableCount === 1 ? '' : 's'}`,
      );
    }
    if (place.role === 'judge') throw new Error(`cannot place "${id}" as judge: the teacher or a bot is the judge`);
    if (!roles.includes(place.role)) throw new Error(`cannot place "${id}": "${String(place.role)}" is not a role`);
    const table = seats[place.table] as (string | undefined)[];
    const index = roles.findIndex((r, i) => r === place.role && table[i] === undefined);
    if (index < 0) {
      const what = place.role === 'sender' ? `all ${crew} crew seats are` : `the ${place.role} seat is`;
      // Tables are numbered from 0 in the API and from 1 on screen: a sentence for people counts from 1.
      throw new Error(`cannot place "${id}" as ${place.role} at table ${place.table + 1}: ${what} already placed`);
    }
    table[index] = id;
  }

  // 2. Table sizes: placements first, then each remaining student to the emptiest table.
  const sizes = seats.map((t) => t.filter((s) => s !== undefined).length);
  for (let left = sorted.length - placedIds.length; left > 0; left--) {
    let smallest = 0;
    for (let t = 1; t < tableCount; t++) if ((sizes[t] as number) < (sizes[smallest] as number)) smallest = t;
    sizes[smallest] = (sizes[smallest] as number) + 1;
  }

  // 3. The open seats each table's students take: the most important free ones.
  const priority = seatPriority(crew);
  const open: { table: number; seat: number }[] = [];
  seats.forEach((table, t) => {
    let need = (sizes[t] as number) - table.filter((s) => s !== undefined).length;
    for (const i of priority) {
      if (need === 0) break;
      if (table[i] === undefined) {
        open.push({ table: t, seat: i });
        need--;
      }
    }
  });

  // 4. Who takes which role: least total rotation cost.
  const placedSet = new Set(placedIds);
  const free = sorted.filter((s) => !placedSet.has(s));
  const kinds = [...new Set(open.map((o) => roles[o.seat] as Role))];
  const capacity = kinds.map((k) => open.filter((o) => roles[o.seat] === k).length);
  const costs = free.map((s) => kinds.map((k) => roleCost(s, k, options.history?.get(s) ?? [], round)));
  const choice = assignKinds(costs, capacity);

  // 5. Within a role, students go to tables in an order that changes each round.
  kinds.forEach((kind, k) => {
    const group = free
      .filter((_, i) => choice[i] === k)
      .sort((a, b) => hash(`${round}\u0001${a}`) - hash(`${round}\u0001${b}`) || byCodeUnits(a, b));
    const slots = open.filter((o) => roles[o.seat] === kind);
    group.forEach((student, i) => {
      const slot = slots[i] as { table: number; seat: number };
      (seats[slot.table] as (string | undefined)[])[slot.seat] = student;
    });
  });

  return seats.map((table) => ({
    seats: table.map((student, i) => ({ role: roles[i] as Role, ...(student === undefined ? {} : { student }) })),
  }));
}

/** Each student's roles over the given rounds (oldest first): the `history` for the next round. */
export function historyOf(rounds: readonly (readonly TablePlan[])[]): Map<string, Role[]> {
  const history = new Map<string, Role[]>();
  for (const plan of rounds) {
    for (const table of plan) {
      for (const seat of table.seats) {
        if (seat.student === undefined) continue;
        const past = history.get(seat.student) ?? [];
        past.push(seat.role);
        history.set(seat.student, past);
      }
    }
  }
  return history;
}

/** How many times a student took a role they had already had (summed over students). */
export function repeatsOf(history: ReadonlyMap<string, readonly Role[]>): number {
  let repeats = 0;
  for (const roles of history.values()) repeats += roles.length - new Set(roles).size;
  return repeats;
}
