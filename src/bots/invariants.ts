/**
 * The engine's two promises, checked on live games (the simulator's
 * `--check-invariants`, mirroring the property tests): no view ever shows a secret —
 * a device's key, a message root, a SIM or backup key — nor the plan before it was
 * proved; and the investigator never wins without admissible evidence opened by a key
 * from a lawful order.
 * @module
 */
import type { GameState, ProofRecord, SeatView } from '../game/index.ts';

/** Every secret the seats' devices hold, in hex. */
export type SecretSet = ReadonlySet<string>;

/** Counts views that contain any of the secrets, or the plan where the seat may not see it. */
export function leaks(views: ReadonlyMap<string, SeatView>, G: GameState, secrets: SecretSet): number {
  let violations = 0;
  const plan = G.secret.plan;
  for (const [seat, view] of views) {
    const json = JSON.stringify(view);
    for (const secret of secrets) if (json.includes(secret)) violations++;
    if (!plan || view.debrief || G.seats[seat]?.planner) continue;
    const proved = (part: 'revealsPlace' | 'revealsTime') =>
      view.proofs.some((p) => p[part] && p.plaintext !== undefined);
    if (json.includes(plan.place) && !proved('revealsPlace')) violations++;
    if (json.includes(plan.time) && !proved('revealsTime')) violations++;
  }
  return violations;
}

const LAWFUL_KEYS: Record<string, string[]> = {
  device: ['warrant-device', 'technical-assistance'],
  sim: ['wiretap-sms'],
  backup: ['warrant-backup'],
};

/** True when an accepted evidence item rests on a complied, lawful order of a type that yields its key. */
function admissible(G: GameState, p: ProofRecord): boolean {
  const types = LAWFUL_KEYS[p.keyKind];
  return (
    p.accepted &&
    types !== undefined &&
    G.documents.some((d) => types.includes(d.type) && d.status === 'complied' && !d.informal && d.lawful === true)
  );
}

/** 1 when the investigator won without admissible evidence, else 0. */
export function unlawfulWin(G: GameState): number {
  if (G.outcome?.winner !== 'investigator') return 0;
  const evidence = G.proofs.filter((p) => p.purpose === 'evidence' && admissible(G, p));
  return evidence.some((p) => p.revealsPlace) && evidence.some((p) => p.revealsTime) ? 0 : 1;
}
