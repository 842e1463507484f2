/**
 * The law behind each legal document, as both legal desks show it (game.md §5,
 * Investigator and Judge): the standard a real court applies, the game's guide in
 * leads (src/game/legal.ts), and one `Explain` line with the glossary words.
 * @module
 */
import type { ReactNode } from 'react';
import { DOCUMENTS, type DocumentType, type ScenarioOptions } from '../../game/index.ts';
import { Explain, Term } from './kit.tsx';

interface Standard {
  /** The document in a few words, as a judge would name it. */
  readonly short: string;
  /** What a real court must find before granting it. */
  readonly standard: string;
  /** The real-world counterpart, with glossary words. */
  readonly explain: ReactNode;
}

/** The standards, by document type. */
const STANDARDS: Readonly<Record<DocumentType, Standard>> = {
  subpoena: {
    short: 'A subpoena',
    standard: 'no judge: the investigator signs it, and it reaches only who the customer is',
    explain: (
      <>
        Under the <Term id="sca-2703">Stored Communications Act</Term>, a subpoena gets subscriber details, never
        content (18 U.S.C. 2703(c)(2)).
      </>
    ),
  },
  'records-2703d': {
    short: 'A 2703(d) order',
    standard: '“specific and articulable facts” that the records matter to the case',
    explain: (
      <>
        A <Term id="sca-2703">2703(d) order</Term> gets past records — who contacted whom, and when — but not what was
        said (18 U.S.C. 2703(d)).
      </>
    ),
  },
  'pen-register': {
    short: 'A pen register',
    standard: 'the government certifies the records are relevant (a low bar)',
    explain: (
      <>
        A <Term id="pen-register">pen register</Term> shows who talks to whom from now on, never what is said (18 U.S.C.
        3121–3127).
      </>
    ),
  },
  'wiretap-sms': {
    short: 'A Title III wiretap',
    standard: 'probable cause and necessity',
    explain: (
      <>
        A <Term id="title-iii">Title III wiretap</Term>: under <Term id="calea">CALEA</Term> the phone company must be
        able to tap its lines (47 U.S.C. 1002), so it hands over the line’s SIM key.
      </>
    ),
  },
  'wiretap-messenger': {
    short: 'A Title III wiretap',
    standard: 'probable cause and necessity',
    explain: (
      <>
        A <Term id="title-iii">wiretap</Term> on the messenger yields ciphertext only: <Term id="calea">CALEA</Term>{' '}
        leaves messaging services out and puts no duty to decrypt on anyone without the key (47 U.S.C. 1002(b)(3)).
      </>
    ),
  },
  'warrant-backup': {
    short: 'A search warrant for stored backups',
    standard: 'probable cause that the backups hold evidence',
    explain: (
      <>
        A <Term id="sca-2703">search warrant</Term> reaches stored content (18 U.S.C. 2703(a)). If the backup key stays
        on the crew’s phones — <Term id="adp">Advanced Data Protection</Term> — it yields ciphertext only.
      </>
    ),
  },
  'warrant-device': {
    short: 'A search warrant for a phone',
    standard: 'probable cause (Riley v. California, 2014)',
    explain: (
      <>
        A <Term id="device-warrant">warrant for a phone</Term>: officers seize it at night; unlocking it can take days,
        or fail.
      </>
    ),
  },
  'technical-assistance': {
    short: 'A technical-assistance order',
    standard:
      'the help must be necessary and not an unreasonable burden on the company (All Writs Act, 28 U.S.C. 1651; United States v. New York Telephone Co., 1977)',
    explain: (
      <>
        A <Term id="technical-assistance">technical-assistance order</Term> makes the relay add your device to the
        target’s account — a <Term id="ghost">ghost</Term>. The relay may contest it.
      </>
    ),
  },
};

/** "a Title III wiretap: probable cause and necessity; the game's guide: 3 leads". */
export function ruleText(type: DocumentType, options: ScenarioOptions): string {
  const s = STANDARDS[type];
  const kind = DOCUMENTS[type];
  if (!kind.needsJudge) return `${s.short}: ${s.standard}.`;
  const n = kind.leads(options);
  return `${s.short}: ${s.standard}; the game’s guide: ${n} lead${n === 1 ? '' : 's'}.`;
}

/** The real-world counterpart of a document type, in one line. */
export function DocumentLaw({ type }: { type: DocumentType }) {
  return <Explain>{STANDARDS[type].explain}</Explain>;
}

/** The real-world counterpart of asking without an order. */
export function InformalLaw() {
  return (
    <Explain>
      <Term id="informal">Asking informally</Term> skips the court: what you get is inadmissible (18 U.S.C. 2515,
      2518(10)(a)), and a provider that hands over data breaks the law (18 U.S.C. 2702).
    </Explain>
  );
}
