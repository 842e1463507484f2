import { describe, expect, it } from 'vitest';
import { JudgeBot } from '../../src/bots/judge.ts';
import { validateSetupData } from '../../src/game/index.ts';
import { DEFAULT_SEATS, Table } from '../game/table.ts';

describe('the day timer', () => {
  it('the judge bot ends the day for the table when the timer runs out, by its own clock', () => {
    const t = new Table({ scenario: 'san-jose-2013', seats: DEFAULT_SEATS }, 'timer');
    t.runSetup();
    let now = 1_000;
    const judge = new JudgeBot(t.court, 'strict', { seconds: 60, now: () => now });
    const seat = t.seat('judge');
    expect(judge.next(t.view(seat), 'day')).toBeUndefined(); // day 1 starts now; nobody has ended it
    now += 59_000;
    expect(judge.next(t.view(seat), 'day')).toBeUndefined();
    now += 1_000;
    const action = judge.next(t.view(seat), 'day');
    expect(action).toEqual({ move: 'endDayForTable', args: {} });
    t.act(seat, action?.move as string, action?.args);
    expect(t.server().G.day).toBe(2);
    expect(judge.next(t.view(seat), 'day')).toBeUndefined(); // day 2's timer starts now
  });
});

describe('the day timer and pending applications', () => {
  it('when the time is up the court first rules on what is pending, then ends the day', () => {
    const t = new Table({ scenario: 'san-jose-2013', seats: DEFAULT_SEATS }, 'timer-rules');
    t.runSetup();
    let now = 1_000;
    const judge = new JudgeBot(t.court, 'strict', { seconds: 60, now: () => now });
    const seat = t.seat('judge');
    expect(judge.next(t.view(seat), 'day')).toBeUndefined();
    const target = String(t.server().G.seats[t.seat('sender', 1)]?.account);
    t.act(t.seat('investigator'), 'apply', { type: 'records-2703d', target, provider: 'carrier' });
    expect(judge.next(t.view(seat), 'day')).toBeUndefined(); // others are still playing: the court waits
    now += 60_000;
    const ruling = judge.next(t.view(seat), 'day');
    expect(ruling?.move).toBe('rule');
    t.act(seat, ruling?.move as string, ruling?.args);
    expect(t.server().G.documents.at(-1)?.status).toBe('granted');
    expect(judge.next(t.view(seat), 'day')).toEqual({ move: 'endDayForTable', args: {} });
  });
});

describe('the day timer in the game state', () => {
  it('is public: every seat’s view shows the table’s timer, so every screen can count it down', () => {
    const t = new Table({ scenario: 'san-jose-2013', seats: DEFAULT_SEATS, dayTimerSeconds: 120 }, 'timer-view');
    t.runSetup();
    for (const role of ['sender', 'carrier', 'relay', 'investigator', 'judge'] as const) {
      expect(t.view(t.seat(role)).dayTimerSeconds).toBe(120);
    }
  });

  it('a table without a timer has none, and a bad timer is refused with a clear reason', () => {
    const t = new Table({ scenario: 'san-jose-2013', seats: DEFAULT_SEATS }, 'no-timer');
    t.runSetup();
    expect(t.view(t.seat('judge')).dayTimerSeconds).toBeUndefined();
    for (const bad of [10, 3601, 90.5]) {
      expect(validateSetupData({ scenario: 'san-jose-2013', seats: DEFAULT_SEATS, dayTimerSeconds: bad }, 6)).toMatch(
        /dayTimerSeconds must be a whole number from 30 to 3600/,
      );
    }
  });
});
