/**
 * The night (game.md §4), resolved by the referee in this fixed order:
 *  1. contested technical-assistance orders are decided (the scenario's chance);
 *  2. granted device warrants are executed: the target's phone is seized;
 *  3. each seized, still-locked phone gets one forensic-unlock draw;
 *  4. orders past their deadline are charged to the provider that did not comply;
 *  5. pen registers that showed crew contact today give a lead;
 *  6. after the last day, the end is settled (crew win or draw).
 * Chance comes from the injected entropy source only.
 * @module
 */
import { chance, type Entropy } from './entropy.ts';
import { countLead } from './moves/compliance.ts';
import { settleLastDay } from './outcome.ts';
import { activeDevices, crewByAccount, logEvent, score, seatOf } from './state.ts';
import type { GameState, LegalDocument } from './types.ts';

function decideContests(G: GameState, entropy: Entropy): void {
  for (const doc of G.documents.filter((d) => d.status === 'contested')) {
    if (chance(entropy, G.options.contestUpheldChance)) {
      doc.status = 'granted';
      doc.dueDay = G.day + 1;
      doc.chargedDays = 0;
      doc.upheld = true;
      doc.reason = 'upheld after contest';
      logEvent(G, 'The court upheld the technical-assistance order over the relay’s objection.');
    } else {
      doc.status = 'quashed';
      logEvent(G, 'The court quashed the technical-assistance order: the relay need not add a device.');
    }
  }
}

function executeDeviceWarrants(G: GameState): void {
  for (const doc of G.documents) {
    if (doc.type !== 'warrant-device' || doc.status !== 'granted' || doc.informal) continue;
    const owner = crewByAccount(G, doc.target);
    const phone = activeDevices(G, doc.target).find((d) => d.kind === 'phone' && d.controller === owner?.id);
    doc.status = 'complied';
    doc.lawful = true;
    doc.decidedDay = G.day;
    if (!phone) {
      logEvent(G, `Officers executed a search warrant for ${doc.target} but found no phone.`);
      continue;
    }
    phone.status = 'seized';
    doc.seizedDevice = phone.deviceId;
    logEvent(G, `Officers seized ${owner?.name}'s phone under a search warrant. It is locked.`);
  }
}

function forensicUnlocks(G: GameState, entropy: Entropy): void {
  for (const doc of G.documents) {
    if (doc.type !== 'warrant-device' || !doc.seizedDevice || doc.unlockedDay !== undefined) continue;
    if (doc.decidedDay === G.day) continue; // seized tonight: the lab starts tomorrow
    if (chance(entropy, G.options.forensicUnlockChance)) {
      doc.unlockedDay = G.day;
      logEvent(G, 'The forensic lab unlocked the seized phone.', [seatOf(G, 'investigator').id]);
    }
  }
}

function chargeDeadlines(G: GameState): void {
  for (const doc of G.documents) {
    if (doc.informal || !doc.order || doc.dueDay === undefined || doc.dueDay > G.day) continue;
    if (doc.status !== 'granted' && doc.status !== 'declined') continue;
    if (doc.provider === 'investigator') continue;
    const provider = seatOf(G, doc.provider).id;
    // Not `doc.reason`: declining the upheld order overwrites the reason with the relay's.
    if (doc.upheld) {
      score(G, provider, -2);
      doc.chargedDays = (doc.chargedDays ?? 0) + 1;
    } else if (!doc.chargedDays) {
      score(G, provider, -3);
      doc.chargedDays = 1;
    } else continue;
    logEvent(G, `The ${doc.provider} did not comply with a valid order on time and was penalised.`);
  }
}

function penRegisterLeads(G: GameState): void {
  const registers: LegalDocument[] = G.documents.filter(
    (d) => d.type === 'pen-register' && d.status === 'complied' && d.lawful && d.decidedDay !== undefined,
  );
  for (const doc of registers) {
    if (doc.decidedDay === G.day) continue; // "each later day"
    const contact =
      doc.provider === 'carrier'
        ? G.sms.some((s) => s.day === G.day && (s.fromLine === doc.target || s.toLine === doc.target))
        : G.messages.some(
            (m) =>
              m.day === G.day && (m.envelope.fromAccount === doc.target || m.envelope.recipients.includes(doc.target)),
          );
    if (contact) countLead(G, `pen register ${doc.id} day ${G.day}`);
  }
}

/** Resolves one night. */
export function resolveNight(G: GameState, entropy: Entropy): void {
  decideContests(G, entropy);
  executeDeviceWarrants(G);
  forensicUnlocks(G, entropy);
  chargeDeadlines(G);
  penRegisterLeads(G);
  settleLastDay(G);
}
