/**
 * The legal documents of game.md §5: what each needs, who it is served on, what it
 * yields, and the statute it stands for. The judge bot and the referee read this
 * table; the provider's client checks the signed order against it.
 * @module
 */
import type { ScenarioOptions } from './scenarios.ts';
import type { DocumentType, GameState, LegalDocument, Provider } from './types.ts';

/** One kind of document. */
export interface DocumentKind {
  readonly type: DocumentType;
  readonly title: string;
  /** Who may be served (the investigator picks when there are two). */
  readonly providers: readonly Provider[];
  /** Whether it needs a judge's order (a subpoena does not). */
  readonly needsJudge: boolean;
  /** Leads the judge bot requires. */
  readonly leads: (options: ScenarioOptions) => number;
  /** What it yields, in plain words. */
  readonly yields: string;
  /** The real basis. */
  readonly basis: string;
}

/** The documents, by type. */
export const DOCUMENTS: Readonly<Record<DocumentType, DocumentKind>> = {
  subpoena: {
    type: 'subpoena',
    title: 'Subpoena',
    providers: ['carrier', 'relay'],
    needsJudge: false,
    leads: () => 0,
    yields: 'subscriber information and the number of devices on the account',
    basis: '18 U.S.C. 2703(c)(2)',
  },
  'records-2703d': {
    type: 'records-2703d',
    title: '2703(d) order',
    providers: ['carrier', 'relay'],
    needsJudge: true,
    leads: () => 1,
    yields: 'past records: who contacted whom, and when (no content)',
    basis: '18 U.S.C. 2703(d): "specific and articulable facts"',
  },
  'pen-register': {
    type: 'pen-register',
    title: 'Pen register / trap and trace',
    providers: ['carrier', 'relay'],
    needsJudge: true,
    leads: () => 1,
    yields: 'live records from now on (no content)',
    basis: '18 U.S.C. 3121–3127',
  },
  'wiretap-sms': {
    type: 'wiretap-sms',
    title: 'Wiretap (Title III) on an SMS line',
    providers: ['carrier'],
    needsJudge: true,
    leads: () => 3,
    yields: "the line's SIM key, which opens every later SMS on it",
    basis: '18 U.S.C. 2518; CALEA, 47 U.S.C. 1002',
  },
  'wiretap-messenger': {
    type: 'wiretap-messenger',
    title: 'Wiretap on the secure messenger',
    providers: ['relay'],
    needsJudge: true,
    leads: () => 3,
    yields: 'copies of the ciphertext only — unreadable without a key',
    basis: 'CALEA exempts information services and does not require decryption: 47 U.S.C. 1001(8)(C), 1002(b)(3)',
  },
  'warrant-backup': {
    type: 'warrant-backup',
    title: 'Search warrant for stored backups',
    providers: ['relay'],
    needsJudge: true,
    leads: () => 3,
    yields: 'the stored backups, and the backup key if the relay escrows it',
    basis: '18 U.S.C. 2703(a)',
  },
  'warrant-device': {
    type: 'warrant-device',
    title: 'Search warrant for a device',
    providers: ['investigator'],
    needsJudge: true,
    leads: () => 3,
    yields: 'the phone, seized at night; after a forensic unlock its keys and history',
    basis: 'Riley v. California, 573 U.S. 373 (2014)',
  },
  'technical-assistance': {
    type: 'technical-assistance',
    title: 'Technical-assistance order (ghost device)',
    providers: ['relay'],
    needsJudge: true,
    leads: (o) => o.ghostLeads,
    yields: "the relay adds the investigator's device to the target's account",
    basis: 'All Writs Act, 28 U.S.C. 1651; the 2018 "ghost" proposal',
  },
};

/** The document types a scenario offers. */
export function documentTypes(options: ScenarioOptions): DocumentType[] {
  return (Object.keys(DOCUMENTS) as DocumentType[]).filter((t) => t !== 'technical-assistance' || options.ghostOrders);
}

/** True when the law (as the judge bot reads it) allows granting the application. */
export function meetsThreshold(doc: LegalDocument, options: ScenarioOptions): boolean {
  return doc.leads >= DOCUMENTS[doc.type].leads(options);
}

/**
 * The documents that lawfully authorise access of this type to this target on `day`:
 * complied with, not informal, lawful at compliance, and valid on that day.
 */
export function lawfulBasis(G: GameState, type: DocumentType, target: string, day: number): LegalDocument | undefined {
  return G.documents.find(
    (d) =>
      d.type === type &&
      d.target === target &&
      d.status === 'complied' &&
      !d.informal &&
      d.lawful === true &&
      (d.order === undefined || (d.order.validFromDay <= day && day <= d.order.validToDay)),
  );
}

/** Any complied document (lawful or not) of this type on this target covering `day`. */
export function anyBasis(G: GameState, type: DocumentType, target: string, day: number): LegalDocument | undefined {
  return G.documents.find(
    (d) =>
      d.type === type &&
      d.target === target &&
      d.status === 'complied' &&
      (d.order === undefined || (d.order.validFromDay <= day && day <= d.order.validToDay)),
  );
}
