/**
 * What the forms and the table show about roles, personalities and scenarios: one
 * colour, icon and word per party (ui.md: colour is never the only signal).
 * @module
 */
// The scenarios module only: the game's index would pull the referee and its cryptography into the home page.
import { SCENARIOS, type Scenario, type ScenarioId } from '../game/scenarios.ts';
import type { Role } from '../game/types.ts';

/** The roles, in the order forms list them. */
export const ROLES: readonly Role[] = ['sender', 'carrier', 'relay', 'investigator', 'judge'];

/** How a role is shown: a word, an icon and a short line on what it does. */
export interface RoleInfo {
  readonly label: string;
  readonly icon: string;
  readonly blurb: string;
}

export const ROLE_INFO: Readonly<Record<Role, RoleInfo>> = {
  sender: { label: 'Crew member', icon: '📱', blurb: 'Pass the plan to the crew without giving it away.' },
  carrier: { label: 'Carrier', icon: '📡', blurb: 'Carry calls and texts; answer court orders.' },
  relay: { label: 'Relay operator', icon: '☁', blurb: 'Run the messenger’s servers and its key directory.' },
  investigator: { label: 'Investigator', icon: '🏢', blurb: 'Prove the plan with lawfully obtained keys.' },
  judge: { label: 'Judge', icon: '⚖', blurb: 'Grant or refuse the investigator’s applications.' },
};

/** The personalities a bot of each role can take; the first is the default. */
export const PERSONALITIES: Readonly<Record<Role, readonly string[]>> = {
  sender: ['careless', 'careful'],
  carrier: ['diligent', 'sloppy'],
  relay: ['compliant', 'defiant'],
  investigator: ['cautious', 'aggressive'],
  judge: ['strict', 'lenient'],
};

/**
 * The scenarios a player can pick. "Custom" is left out: it means "the host chose every
 * option", and no form sets options yet.
 */
export const PLAYABLE_SCENARIOS: readonly Scenario[] = Object.values(SCENARIOS).filter((s) => s.id !== 'custom');

/** The scenario a form starts on. */
export const DEFAULT_SCENARIO: ScenarioId = 'san-jose-2013';

/** A scenario's title, or the id itself when the client does not know it. */
export function scenarioTitle(id: string): string {
  return Object.hasOwn(SCENARIOS, id) ? SCENARIOS[id as ScenarioId].title : id;
}

/** A scenario by id, if the client knows it. */
export function findScenario(id: string): Scenario | undefined {
  return Object.hasOwn(SCENARIOS, id) ? SCENARIOS[id as ScenarioId] : undefined;
}

/** True when `value` is a role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
