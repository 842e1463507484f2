/**
 * The five scenarios of game.md §8 as data: their options (⚖ numbers are tunable),
 * a briefing, learning goals and debrief questions.
 * @module
 */

/** Everything a scenario can set. */
export interface ScenarioOptions {
  /** D, the number of days (⚖ 4). */
  readonly days: number;
  /** Messages each sender may send a day (⚖ 3). */
  readonly messagesPerDay: number;
  /** Green bubbles: crew members (by position, 0 = planner) who have no secure messenger. */
  readonly withoutMessenger: readonly number[];
  /** Backups at the start: off, or escrowed by the relay (the 2013 default). */
  readonly backupDefault: 'off' | 'escrowed';
  /** Advanced Data Protection: device-held backup keys are available. */
  readonly deviceHeldBackups: boolean;
  /** Directory changes go to a public hash-chained log; devices audit it. */
  readonly keyTransparency: boolean;
  /** Crew members can compare safety codes. */
  readonly contactVerification: boolean;
  /** The relay can add a ghost under a technical-assistance order. */
  readonly ghostOrders: boolean;
  /** Leads the technical-assistance order needs (⚖ 4; 3 in Ghost protocol). */
  readonly ghostLeads: number;
  /** The relay may hide a ghost from the target's own device list. */
  readonly ghostHiding: boolean;
  /** Chance per night that a seized device is unlocked (⚖ 1/3). */
  readonly forensicUnlockChance: number;
  /** Chance that a contested technical-assistance order is upheld (⚖ 1/2). */
  readonly contestUpheldChance: number;
  /** Leads the investigator's tip gives at the start (⚖ 1). */
  readonly tipLeads: number;
}

/** A scenario: its options and its teaching text. */
export interface Scenario {
  readonly id: ScenarioId;
  readonly title: string;
  readonly options: ScenarioOptions;
  readonly briefing: string;
  readonly goals: readonly string[];
  readonly debrief: readonly string[];
}

/** Scenario identifiers. */
export type ScenarioId = 'san-jose-2013' | 'green-bubbles' | 'ghost-protocol-2018' | 'transparency-2024' | 'custom';

const BASE: ScenarioOptions = {
  days: 4,
  messagesPerDay: 3,
  withoutMessenger: [],
  backupDefault: 'escrowed',
  deviceHeldBackups: false,
  keyTransparency: false,
  contactVerification: false,
  ghostOrders: true,
  ghostLeads: 4,
  ghostHiding: false,
  forensicUnlockChance: 1 / 3,
  contestUpheldChance: 1 / 2,
  tipLeads: 1,
};

/** The scenarios, by id. */
export const SCENARIOS: Readonly<Record<ScenarioId, Scenario>> = {
  'san-jose-2013': {
    id: 'san-jose-2013',
    title: 'San Jose, 2013',
    options: BASE,
    briefing:
      'A drug-enforcement office has a tip: three phone numbers. The carrier hands over text-message records, but they have gaps — the crew talks over an encrypted messenger whose keys the phones make themselves. The law obliges the carrier to be wiretap-ready; it does not oblige the messaging company, and it obliges no one to decrypt what they hold no key for. Backups, though, are escrowed with the messaging company.',
    goals: [
      'A carrier wiretap yields SMS content but nothing readable from the secure messenger.',
      'Records (who, when) are not content, and need a lesser order than content does.',
      'Escrowed cloud backups and seized phones are the ways around end-to-end encryption.',
      'The operator cannot decrypt, but it can add a device — the "ghost".',
    ],
    debrief: [
      'Which messages could the relay operator read? Which could it have made readable, and how?',
      'Why did the carrier records look incomplete to the investigator?',
      'Which order would a real court grant first, and why does it need fewer facts than a wiretap?',
      'What did turning cloud backup on change for the crew?',
    ],
  },
  'green-bubbles': {
    id: 'green-bubbles',
    title: 'Green bubbles',
    options: { ...BASE, withoutMessenger: [1] },
    briefing:
      'Bob has no secure messenger: anything sent to him goes as SMS, hop by hop through the carrier, which decrypts and re-encrypts every message. A wiretap on his line hands the investigator the key to every later message.',
    goals: [
      'SMS is encrypted only between phone and carrier: the carrier reads everything.',
      'One member on an insecure channel exposes the whole crew.',
      'The DEA note: interception is more successful "if the intercept is placed on the non-Apple device".',
    ],
    debrief: [
      'Which of the crew’s messages did the wiretap expose? Could the crew have avoided it?',
      'Why could the carrier hand over a key for SMS but not for the secure messenger?',
    ],
  },
  'ghost-protocol-2018': {
    id: 'ghost-protocol-2018',
    title: 'Ghost protocol, 2018',
    options: { ...BASE, ghostLeads: 3, ghostHiding: true, forensicUnlockChance: 1 / 4 },
    briefing:
      'Two intelligence officials propose that a messaging provider could "silently add a law enforcement participant" to a conversation. The court can now order the relay to add the investigator’s device to a target’s account — and the relay may hide it from the target’s own device list.',
    goals: [
      'End-to-end encryption protects against the relay only if clients check whom they encrypt to.',
      'A hidden extra device reads everything sent to the account from then on.',
      'Suppressing the “new device” notice is what makes the ghost work.',
    ],
    debrief: [
      'What would the crew have needed to notice the ghost?',
      'Should a provider be able to contest such an order? Who decided, and on what grounds?',
    ],
  },
  'transparency-2024': {
    id: 'transparency-2024',
    title: 'Transparency, 2024',
    options: {
      ...BASE,
      deviceHeldBackups: true,
      keyTransparency: true,
      contactVerification: true,
      forensicUnlockChance: 1 / 6,
    },
    briefing:
      'Every change to the key directory now goes to a public, hash-chained log that each device audits, and crew members can compare safety codes. Backups can be end-to-end encrypted with device-held keys. A ghost either shows up in the log — and the target’s phone raises the alarm — or stays out of it, and then the crew’s phones refuse to encrypt to it.',
    goals: [
      'Transparency logs do not prevent tampering; they make it detectable.',
      'Clients, not rules, enforce the defence: they refuse to encrypt to unlogged devices.',
      'Device-held backup keys close the escrow route.',
    ],
    debrief: [
      'What did the key-transparency log show, and whose phone noticed?',
      'Which routes were still open to the investigator, and why?',
      'What did the relay operator lose by adding a device, and what could it have done instead?',
    ],
  },
  custom: {
    id: 'custom',
    title: 'Custom table',
    options: BASE,
    briefing: 'A table whose host chose every option.',
    goals: ['Whatever the host set out to show.'],
    debrief: ['Which option changed the outcome most, and why?'],
  },
};

/** The plan deck (game.md §7: ⚖ 12 places × 8 times). */
export const PLACES: readonly string[] = [
  'Pier 39',
  'Alum Rock Park',
  'Santana Row',
  'the Caltrain depot',
  'Lick Observatory',
  'the flea market',
  'Guadalupe River bridge',
  'the Winchester House',
  'Diridon Station',
  'the airport long-term lot',
  'Mission Santa Clara',
  'the Oakridge mall',
];

/** The times of the plan deck. */
export const TIMES: readonly string[] = [
  'Monday 06:00',
  'Tuesday 23:00',
  'Wednesday 14:30',
  'Thursday 21:00',
  'Friday 03:15',
  'Saturday 12:00',
  'Saturday 22:45',
  'Sunday 05:30',
];
