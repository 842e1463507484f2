/**
 * The investigator bot: records first (they are cheap and give leads), then the
 * orders that reach content, each on the crew members who receive the plan; it files
 * every item its workstation can read. Cautious: only lawful process. Aggressive: also
 * asks the providers informally, and applies before it has the leads.
 * @module
 */
import type { RandomSource } from '../crypto/index.ts';
import type { Workstation } from '../device/index.ts';
import { DOCUMENTS, type DocumentType, type Provider, type SeatView } from '../game/index.ts';
import { type Bot, type BotAction, endDayIfNotEnded, Memory, type Personalities, setupScope } from './types.ts';

interface Step {
  readonly type: DocumentType;
  readonly provider?: Provider;
}

/** Records first, on each target: cheap, and they give leads. */
const RECORDS: readonly Step[] = [
  { type: 'records-2703d', provider: 'carrier' },
  { type: 'records-2703d', provider: 'relay' },
  { type: 'pen-register', provider: 'relay' },
  { type: 'pen-register', provider: 'carrier' },
];

/** The routes to content; each game the bot prefers them in its own (seeded) order. */
const ROUTES: readonly DocumentType[] = ['wiretap-sms', 'warrant-backup', 'warrant-device', 'technical-assistance'];

/** The investigator's bot. */
export class InvestigatorBot implements Bot {
  readonly role = 'investigator' as const;
  readonly personality: Personalities['investigator'];
  readonly #workstation: Workstation;
  readonly #memory = new Memory();
  /** This game's order of preference among the routes to content. */
  readonly #routes: DocumentType[];

  constructor(device: Workstation, personality: Personalities['investigator'], random: RandomSource) {
    this.#workstation = device;
    this.personality = personality;
    const routes = [...ROUTES];
    for (let i = routes.length - 1; i > 0; i--) {
      const j = (random(1)[0] as number) % (i + 1);
      [routes[i], routes[j]] = [routes[j] as DocumentType, routes[i] as DocumentType];
    }
    this.#routes = routes;
  }

  refused(action: BotAction): void {
    this.#memory.refuse(action);
  }

  next(view: SeatView, phase: string): BotAction | undefined {
    if (phase === 'setup') {
      const registered = view.devices.some((d) => d.account === 'investigator');
      return registered
        ? undefined
        : this.#memory.pick(setupScope(view), () => ({
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

  /** True when this document was asked for already (and not refused with as many leads as now). */
  #asked(view: SeatView, type: DocumentType, target: string, provider: Provider): boolean {
    const leads = view.leads ?? 0;
    return view.documents.some(
      (d) =>
        d.type === type &&
        d.target === target &&
        d.provider === provider &&
        !d.informal &&
        (d.status !== 'refused' || d.leads >= leads),
    );
  }

  #application(view: SeatView, type: DocumentType, target: string, provider?: Provider): BotAction | undefined {
    const kind = DOCUMENTS[type];
    const slack = this.personality === 'aggressive' ? 1 : 0;
    if ((view.leads ?? 0) + slack < kind.leads(view.options)) return undefined;
    const served = provider ?? (kind.providers[0] as Provider);
    if (this.#asked(view, type, target, served)) return undefined;
    const ghost = type === 'technical-assistance' ? this.#workstation.ghostFor(target, view.day) : undefined;
    return { move: 'apply', args: { type, target, provider: served, ...(ghost ? { ghost } : {}) } };
  }

  #apply(view: SeatView): BotAction | undefined {
    const targets = this.#targets(view);
    for (const target of targets) {
      for (const step of RECORDS) {
        const action = this.#application(view, step.type, target, step.provider);
        if (action) return action;
      }
    }
    // One new route to content a day, in this game's order of preference, on the members who receive the plan.
    const receivers = targets.slice(0, -1);
    const today = view.documents.some((d) => d.day === view.day && ROUTES.includes(d.type) && !d.informal);
    if (today) return undefined;
    for (const type of this.#routes) {
      if (type === 'technical-assistance' && !view.options.ghostOrders) continue;
      for (const target of receivers) {
        const action = this.#application(view, type, target);
        if (action) return action;
      }
    }
    return undefined;
  }
}
