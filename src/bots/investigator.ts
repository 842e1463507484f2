/**
 * The investigator bot: records first (they are cheap and give leads), then the
 * orders that reach content, each on the crew members who receive the plan; it files
 * every item its workstation can read. Cautious: only lawful process. Aggressive: also
 * asks the providers informally, and applies before it has the leads.
 * @module
 */
import type { Workstation } from '../device/index.ts';
import { DOCUMENTS, type DocumentType, type Provider, type SeatView } from '../game/index.ts';
import { type Bot, type BotAction, endDayIfNotEnded, Memory, type Personalities } from './types.ts';

interface Step {
  readonly type: DocumentType;
  readonly provider?: Provider;
}

/** The order in which the bot asks for documents, on each target. */
const CAMPAIGN: readonly Step[] = [
  { type: 'records-2703d', provider: 'carrier' },
  { type: 'records-2703d', provider: 'relay' },
  { type: 'pen-register', provider: 'relay' },
  { type: 'pen-register', provider: 'carrier' },
  { type: 'wiretap-sms' },
  { type: 'warrant-backup' },
  { type: 'warrant-device' },
  { type: 'technical-assistance' },
];

/** The investigator's bot. */
export class InvestigatorBot implements Bot {
  readonly role = 'investigator' as const;
  readonly personality: Personalities['investigator'];
  readonly #workstation: Workstation;
  readonly #memory = new Memory();

  constructor(device: Workstation, personality: Personalities['investigator']) {
    this.#workstation = device;
    this.personality = personality;
  }

  refused(action: BotAction): void {
    this.#memory.refuse(action);
  }

  next(view: SeatView, phase: string): BotAction | undefined {
    if (phase === 'setup') {
      const registered = view.devices.some((d) => d.account === 'investigator');
      return registered
        ? undefined
        : this.#memory.pick(`${phase} ${view.day}`, () => ({
            move: 'registerWorkstation',
            args: { record: this.#workstation.registration(0) },
          }));
    }
    if (phase !== 'day') return undefined;
    return this.#memory.pick(
      `${phase} ${view.day}`,
      () => this.#evidence(view),
      () => this.#informal(view),
      () => this.#apply(view),
      () => endDayIfNotEnded(view),
    );
  }

  #evidence(view: SeatView): BotAction | undefined {
    const filed = new Set(view.proofs.filter((p) => p.by === view.you).map((p) => `${p.item.id}/${p.keyKind}`));
    const item = this.#workstation.readable(view).find((r) => !filed.has(`${r.proof.item.id}/${r.proof.keyKind}`));
    return item ? { move: 'fileEvidence', args: item.proof } : undefined;
  }

  /** The crew members who receive the plan (everyone but the planner), then the planner. */
  #targets(view: SeatView): string[] {
    const crew = Object.values(view.seats).filter((s) => s.role === 'sender');
    return [...crew.filter((s) => !s.planner), ...crew.filter((s) => s.planner)].map((s) => String(s.account));
  }

  #informal(view: SeatView): BotAction | undefined {
    if (this.personality !== 'aggressive') return undefined;
    const target = this.#targets(view)[0];
    if (!target || !this.#memory.once(`informal ${target}`)) return undefined;
    return { move: 'askInformally', args: { type: 'wiretap-sms', target } };
  }

  #apply(view: SeatView): BotAction | undefined {
    const leads = view.leads ?? 0;
    const slack = this.personality === 'aggressive' ? 1 : 0;
    for (const target of this.#targets(view)) {
      for (const step of CAMPAIGN) {
        if (step.type === 'technical-assistance' && !view.options.ghostOrders) continue;
        const kind = DOCUMENTS[step.type];
        if (leads + slack < kind.leads(view.options)) continue;
        const provider = step.provider ?? kind.providers[0];
        const earlier = view.documents.filter(
          (d) => d.type === step.type && d.target === target && d.provider === provider && !d.informal,
        );
        if (earlier.some((d) => d.status !== 'refused' || d.leads >= leads)) continue;
        const ghost = step.type === 'technical-assistance' ? this.#workstation.ghostFor(target, view.day) : undefined;
        return { move: 'apply', args: { type: step.type, target, provider, ...(ghost ? { ghost } : {}) } };
      }
    }
    return undefined;
  }
}
