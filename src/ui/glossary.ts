/**
 * The glossary: the legal and technical words the desks use, each in plain words for a
 * 15-year-old, with the source a teacher can check (docs/real-world.md; ui.md: "the
 * glossary carries the legal detail and the sources").
 * @module
 */

/** One glossary entry. */
export interface GlossaryEntry {
  readonly id: string;
  readonly term: string;
  readonly plain: string;
  readonly game: string;
  readonly sources: readonly string[];
}

/** Every entry, in reading order. */
export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'calea',
    term: 'CALEA',
    plain:
      'The Communications Assistance for Law Enforcement Act (1994). Phone companies must build their networks so that police with a court order can tap them. Messaging services are “information services” and are left out, and nobody must decrypt what they hold no key for.',
    game: 'The carrier must be able to hand over a line’s SIM key; the relay has no such duty, and a wiretap on the messenger yields only ciphertext.',
    sources: [
      'Pub. L. 103-414 (1994), 47 U.S.C. 1001–1010',
      '47 U.S.C. 1001(8)(C)(i): information services excluded',
      '47 U.S.C. 1002(b)(3): no duty to decrypt unless the carrier provided the encryption and can decrypt',
    ],
  },
  {
    id: 'title-iii',
    term: 'Title III (wiretap order)',
    plain:
      'A court order to listen to or read communications as they happen. The judge needs probable cause, and that other methods have failed or would fail (“necessity”). It lasts at most 30 days.',
    game: 'A wiretap on an SMS line gives the investigator the line’s SIM key: every later SMS on it opens.',
    sources: ['18 U.S.C. 2518', 'Omnibus Crime Control and Safe Streets Act of 1968, Title III'],
  },
  {
    id: 'pen-register',
    term: 'Pen register / trap and trace',
    plain:
      'A court order for live records: which numbers a line contacts and which contact it, and when — never what is said. The bar is low: the government certifies the records are relevant.',
    game: 'Gives live records from the day it is served; each later day that shows crew members in contact is a new lead.',
    sources: ['18 U.S.C. 3121–3127'],
  },
  {
    id: 'sca-2703',
    term: 'SCA 2703 (subpoena, 2703(d) order, warrant)',
    plain:
      'The Stored Communications Act says what the police need to get stored data from a provider: a subpoena for who the customer is; a 2703(d) order (“specific and articulable facts”) for past records; a search warrant for content.',
    game: 'Subpoena: subscriber info and device count. 2703(d): past records of who contacted whom. Warrant: stored backups.',
    sources: [
      '18 U.S.C. 2703(a), 2703(c)(2), 2703(d)',
      'Carpenter v. United States, 585 U.S. 296 (2018): historical cell-site data needs a warrant',
    ],
  },
  {
    id: 'technical-assistance',
    term: 'Technical-assistance order',
    plain:
      'A court order that makes a company help the police with technology it controls. In 2016 the FBI used the All Writs Act to ask Apple to help unlock a phone; Apple contested, and a New York judge refused a similar order.',
    game: 'The relay is ordered to add the investigator’s device to a crew member’s account. The relay may comply, refuse, or contest (the court decides).',
    sources: [
      'All Writs Act, 28 U.S.C. 1651',
      'In re Apple, E.D.N.Y. (Orenstein, 29 Feb 2016)',
      'San Bernardino (2016)',
    ],
  },
  {
    id: 'ghost',
    term: 'Ghost user',
    plain:
      'An extra device or participant that the service quietly adds to a conversation so the police can read it. Officials at GCHQ suggested it in 2018; Apple, Google, WhatsApp and others answered that it means injecting a key and hiding the notice that a device was added.',
    game: 'The investigator’s workstation added as a device on a target’s account. Messages sent after that are wrapped to it too.',
    sources: [
      'Levy & Robinson, “Principles for a More Informed Exceptional Access Debate”, Lawfare, Nov 2018',
      'Open letter of 47 signatories to GCHQ, 30 May 2019',
    ],
  },
  {
    id: 'key-transparency',
    term: 'Key transparency',
    plain:
      'A public, append-only log of every device key registered to every account. Phones check it, so a key the owner did not add shows up. It does not stop a ghost: it makes one visible.',
    game: 'With key transparency on, the relay signs a log head each night; a phone’s audit finds a device it did not add, and senders refuse to encrypt to devices missing from the log.',
    sources: [
      'CONIKS, USENIX Security 2015',
      'Apple Contact Key Verification, announced 7 Dec 2022, iOS 17.2',
      'WhatsApp Auditable Key Directory, 13 Apr 2023',
    ],
  },
  {
    id: 'safety-code',
    term: 'Safety code (contact verification)',
    plain:
      'A short code computed from all the device keys of a conversation. Two people compare their codes in person; if they differ, someone’s device list was changed.',
    game: 'Verify a contact: your phone computes the code of their devices as the directory serves them; theirs computes it from what they added. A mismatch exposes a ghost.',
    sources: ['WhatsApp security codes; Signal safety numbers', 'Apple Contact Key Verification (iOS 17.2)'],
  },
  {
    id: 'adp',
    term: 'Advanced Data Protection',
    plain:
      'An Apple setting (iOS 16.2, December 2022) that makes iCloud backups end-to-end encrypted: the backup key stays on your devices. Without it the key was held by Apple, and a warrant could reach the backup and the messages in it.',
    game: 'Backup “on, keys on my devices”: a warrant for backups yields ciphertext only. Backup “on, escrowed”: the relay hands over the key too.',
    sources: [
      'Apple announcement, 7 Dec 2022',
      'Reuters, Menn, Jan 2020: Apple dropped end-to-end backups after FBI objections',
      'FBI “Lawful Access” chart, Jan 2021',
    ],
  },
  {
    id: 'device-warrant',
    term: 'Search warrant for a phone',
    plain:
      'Police need a warrant to search a phone’s contents. Even then, a locked phone’s keys are tied to its passcode, and unlocking it may take a long time or fail.',
    game: 'The phone is seized at night; each day the forensic unlock may succeed (⚖ 1 in 3). Then its keys and history go to the investigator.',
    sources: ['Riley v. California, 573 U.S. 373 (2014)', 'Upturn, Mass Extraction (2020)'],
  },
  {
    id: 'informal',
    term: 'Informal request',
    plain:
      'Asking a provider for data without any legal process. A provider that hands over content without an order breaks the law, and a court may throw out what was obtained.',
    game: 'The provider may comply; what it hands over is inadmissible as evidence, and complying costs it points.',
    sources: ['18 U.S.C. 2702, 2707', '18 U.S.C. 2515, 2518(10)(a)'],
  },
  {
    id: 'sms',
    term: 'SMS (hop-by-hop encryption)',
    plain:
      'A text message is encrypted only on the radio link between a phone and the tower. The phone company decrypts it in its network and can read it.',
    game: 'The carrier’s switch opens every SMS with the sender’s SIM key and re-encrypts it for the recipient; the carrier sees the plaintext.',
    sources: ['3GPP TS 33.102 (authentication and key agreement)', 'CNET, McCullagh & Van Grove, 4 Apr 2013'],
  },
  {
    id: 'e2e',
    term: 'End-to-end encryption',
    plain:
      'Each device makes its own keys; a message is encrypted on the sender’s phone to every device of the recipient, and only those devices can open it. The service in the middle sees who, when and how much — not what.',
    game: 'The secure messenger: the relay carries ciphertext and metadata; only the devices a message was wrapped to can open it.',
    sources: [
      'Apple Platform Security guide, “How iMessage sends and receives messages securely”',
      'CNET, 4 Apr 2013: the DEA note on iMessage',
    ],
  },
];

/** An entry by id (undefined when there is none). */
export function glossaryEntry(id: string): GlossaryEntry | undefined {
  return GLOSSARY.find((g) => g.id === id);
}
