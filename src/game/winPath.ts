/**
 * How a finished game was won, read from its record: which kind of key opened the
 * investigator's admissible evidence, and under which order (game.md §6, proof by key).
 * The simulator's balance report and the class debrief both count games by it.
 * @module
 */
import type { GameState, ProofRecord } from './types.ts';

/** Where the investigator's winning key came from. */
export type KeySource = 'seized-device' | 'ghost-device' | 'sim-wiretap' | 'backup-warrant';

/** The source of the key an evidence proof used, and the order that gave it. */
export function keySource(G: GameState, p: ProofRecord): { source: KeySource | 'other'; order?: string } {
  if (p.keyKind === 'sim') {
    const d = G.documents.find((x) => x.type === 'wiretap-sms' && x.status === 'complied');
    return { source: 'sim-wiretap', ...(d ? { order: d.id } : {}) };
  }
  if (p.keyKind === 'backup') {
    const d = G.documents.find((x) => x.type === 'warrant-backup' && x.status === 'complied');
    return { source: 'backup-warrant', ...(d ? { order: d.id } : {}) };
  }
  if (p.keyKind === 'device') {
    const ghost = G.documents.find((x) => x.type === 'technical-assistance' && x.status === 'complied');
    const seized = G.documents.find((x) => x.type === 'warrant-device' && x.unlockedDay !== undefined);
    const message = G.messages.find((m) => m.envelope.id === p.item.id);
    const wrapsGhost = message?.envelope.wraps.some((w) => w.device === ghost?.ghost?.deviceId);
    if (ghost && wrapsGhost) return { source: 'ghost-device', order: ghost.id };
    return { source: 'seized-device', ...(seized ? { order: seized.id } : {}) };
  }
  return { source: 'other' };
}

/** The investigator's win path: the source of its last admissible evidence (undefined unless it won). */
export function winPathOf(G: GameState): KeySource | undefined {
  if (G.outcome?.winner !== 'investigator') return undefined;
  const last = G.proofs.filter((p) => p.purpose === 'evidence' && p.accepted).at(-1);
  const source = last ? keySource(G, last).source : 'other';
  return source === 'other' ? undefined : source;
}
