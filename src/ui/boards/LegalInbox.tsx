/**
 * A provider's legal inbox, shared by the carrier's and the relay operator's desks
 * (game.md §5: "Respond to legal documents"): each document served on this provider as
 * a card, the check this client made of it — court signature, type, target, days —
 * and, for a document still to be answered, comply or refuse with the real-world
 * counterpart and what each choice costs. What compliance hands over is sealed by the
 * provider's own device (its `response`), never by the server.
 * @module
 */
import { type ReactNode, useState } from 'react';
import { checkOrder } from '../../crypto/index.ts';
import type { DocumentCheck } from '../../device/index.ts';
import type { DocumentType, LegalDocument, Response, SeatView } from '../../game/index.ts';
import { ErrorAlert } from '../components.tsx';
import { DocumentCard, Explain, type Move, Term, whoHas } from './kit.tsx';
import './provider.css';

/** A provider whose client checks documents (CarrierSwitch, RelayDesk). */
export interface DocumentChecker {
  check(view: SeatView, doc: LegalDocument): DocumentCheck;
}

/** Builds an answer and sends it; shows the error if the device cannot build it. */
export type SendAnswer = (build: () => Response) => void;

/** What the inbox needs from its desk. */
export interface LegalInboxProps {
  readonly view: SeatView;
  readonly provider: 'carrier' | 'relay';
  readonly device: DocumentChecker;
  readonly move: Move;
  /** The provider's answer, built on its device (it seals whatever compliance hands over). */
  readonly respond: (doc: LegalDocument, comply: boolean) => Response;
  /**
   * Actions that replace plain comply / refuse for a document that needs more (the
   * relay's technical-assistance order: contest, and the ghost decision); undefined
   * keeps the plain ones. `late`: the provider refused a valid order and may still comply.
   */
  readonly special?: (doc: LegalDocument, send: SendAnswer, late: boolean) => ReactNode | undefined;
}

/** True when the provider still owes an answer: the document was served and not yet answered. */
export function mustAnswer(doc: LegalDocument): boolean {
  return doc.status === 'granted';
}

/** True when a refused order can still be complied with late (the move accepts it; the penalty may already run). */
function canComplyLate(view: SeatView, device: DocumentChecker, doc: LegalDocument): boolean {
  return doc.status === 'declined' && !doc.informal && device.check(view, doc).lawful;
}

/** One line of the real-world counterpart per document type. */
const EXPLAIN: Record<DocumentType, ReactNode> = {
  subpoena: (
    <>
      A subpoena under the <Term id="sca-2703">Stored Communications Act</Term>, 18 U.S.C. 2703(c)(2): subscriber
      details, no judge needed.
    </>
  ),
  'records-2703d': (
    <>
      A <Term id="sca-2703">2703(d) order</Term>: past records — who contacted whom, and when. Never the content.
    </>
  ),
  'pen-register': (
    <>
      A <Term id="pen-register">pen register</Term> (18 U.S.C. 3121–3127): who contacts whom from now on. Never the
      content.
    </>
  ),
  'wiretap-sms': (
    <>
      A <Term id="title-iii">Title III</Term> wiretap. <Term id="calea">CALEA</Term> says a phone company must be able
      to tap: complying hands over this line’s SIM key, sealed to the investigator, so every later SMS on it opens.
    </>
  ),
  'wiretap-messenger': (
    <>
      A wiretap on the messenger. <Term id="calea">CALEA</Term> leaves messaging services out and makes no one decrypt
      (47 U.S.C. 1002(b)(3)): you can hand over copies of the ciphertext, nothing more.
    </>
  ),
  'warrant-backup': (
    <>
      A search warrant for stored data (18 U.S.C. 2703(a)): the backups you store — and the backup key too, if you keep
      a copy of it (escrow).
    </>
  ),
  'warrant-device': <>A search warrant for a phone: officers seize it. Nothing for you to do.</>,
  'technical-assistance': (
    <>
      A <Term id="technical-assistance">technical-assistance order</Term>: add the investigator’s device — a{' '}
      <Term id="ghost">ghost</Term> — to the account, so it gets a copy of every new message.
    </>
  ),
};

/** One row of the client's check: ✓ or ✗ with the word, never the mark alone. */
function CheckRow({ ok, label, children }: { ok: boolean; label: string; children: ReactNode }) {
  return (
    <li className={ok ? 'pd-check-ok' : 'pd-check-bad'}>
      <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
      <strong>{label}</strong> <span className="pd-check-word">{ok ? '(passes)' : '(fails)'}</span>: {children}
    </li>
  );
}

/**
 * What this client found when it checked the document: the signature against the
 * published court key, then type, target and days on their own (docs/protocol.md §9;
 * 18 U.S.C. 2518(10)(a): an order insufficient on its face is no authority), and the
 * device's verdict (`device.check`).
 */
export function OrderChecklist({ view, device, doc }: { view: SeatView; device: DocumentChecker; doc: LegalDocument }) {
  const verdict = device.check(view, doc);
  const order = doc.order;
  let rows: ReactNode;
  if (doc.informal) {
    rows = (
      <CheckRow ok={false} label="Order">
        none — an <Term id="informal">informal request</Term>. You may say no.
      </CheckRow>
    );
  } else if (doc.type === 'subpoena') {
    rows = (
      <CheckRow ok label="Order">
        a subpoena needs no judge
      </CheckRow>
    );
  } else if (!order) {
    rows = (
      <CheckRow ok={false} label="Order">
        no signed court order came with it
      </CheckRow>
    );
  } else {
    const signed = view.courtPub !== undefined && checkOrder(order, view.courtPub).ok;
    const inDays = order.validFromDay <= view.day && view.day <= order.validToDay;
    rows = (
      <>
        <CheckRow ok={signed} label="Court signature">
          {signed ? 'verifies with the court’s published key' : 'does not verify with the court’s published key'}
        </CheckRow>
        <CheckRow ok={order.type === doc.type} label="Type">
          the signed order says “{order.type}”
        </CheckRow>
        <CheckRow ok={order.target === doc.target} label="Target">
          the signed order names {whoHas(view, order.target)}
        </CheckRow>
        <CheckRow ok={inDays} label="Days">
          valid days {order.validFromDay}–{order.validToDay}; today is day {view.day}
        </CheckRow>
      </>
    );
  }
  return (
    <div className="pd-check">
      <p className="pd-check-title">Your client’s check (done here, in this browser):</p>
      <ul className="plain pd-check-rows">{rows}</ul>
      <p className={`pd-verdict ${verdict.lawful ? 'pd-verdict-ok' : 'pd-verdict-bad'}`}>
        <span aria-hidden="true">{verdict.lawful ? '⚖️✓ ' : '⚖️✗ '}</span>
        {verdict.lawful ? 'Lawful process' : 'Not lawful process'}: {verdict.detail}
      </p>
    </div>
  );
}

/** What each choice costs, in one line (game.md §5 scores). */
export function Stakes({ view, device, doc }: { view: SeatView; device: DocumentChecker; doc: LegalDocument }) {
  const lawful = device.check(view, doc).lawful;
  if (!lawful) {
    return (
      <p className="pd-stakes pd-stakes-bad">
        <span aria-hidden="true">⚠ </span>
        Complying would be unlawful: you lose 3 points, and whatever you hand over is useless in court.
      </p>
    );
  }
  if (doc.type === 'subpoena') {
    return <p className="pd-stakes">A subpoena is lawful: complying costs nothing.</p>;
  }
  let text: string;
  if (doc.upheld) text = 'The court upheld this order: each night you have not complied costs you 2 points.';
  else if (doc.dueDay !== undefined) text = `A valid order: comply by the end of day ${doc.dueDay}, or lose 3 points.`;
  else text = 'A valid order: refusing it may cost you points.';
  return <p className="pd-stakes">{text}</p>;
}

/** Comply and refuse, for a document still to be answered. */
function PlainActions({
  view,
  device,
  doc,
  send,
  respond,
}: {
  view: SeatView;
  device: DocumentChecker;
  doc: LegalDocument;
  send: SendAnswer;
  respond: LegalInboxProps['respond'];
}) {
  return (
    <div className="pd-actions">
      <Stakes view={view} device={device} doc={doc} />
      <div className="pd-buttons">
        <button type="button" className="pd-comply" onClick={() => send(() => respond(doc, true))}>
          <span aria-hidden="true">✓ </span>Comply
        </button>
        <button type="button" className="pd-refuse" onClick={() => send(() => respond(doc, false))}>
          <span aria-hidden="true">✗ </span>Refuse
        </button>
      </div>
    </div>
  );
}

/** One document: its card, the check, and the actions if an answer is owed. */
function InboxItem({
  view,
  device,
  doc,
  move,
  respond,
  special,
}: Omit<LegalInboxProps, 'provider'> & { doc: LegalDocument }) {
  const [error, setError] = useState<string | undefined>();
  const send: SendAnswer = (build) => {
    try {
      move('respond', build());
      setError(undefined);
    } catch (e) {
      setError(`Your client could not build the answer: ${(e as Error).message}`);
    }
  };
  const live = !view.debrief && view.outcome === undefined;
  const open = live && mustAnswer(doc);
  const late = live && canComplyLate(view, device, doc);
  const custom = open || late ? special?.(doc, send, late) : undefined;
  return (
    <li className="pd-doc" data-document={doc.id}>
      <DocumentCard view={view} doc={doc}>
        <OrderChecklist view={view} device={device} doc={doc} />
        <Explain>
          {doc.informal ? (
            <>
              An <Term id="informal">informal request</Term>: no court, no duty. Complying makes the evidence unusable
              and costs you 3 points.
            </>
          ) : (
            EXPLAIN[doc.type]
          )}
        </Explain>
        {open &&
          !late &&
          (custom ?? <PlainActions view={view} device={device} doc={doc} send={send} respond={respond} />)}
        {late &&
          (custom ?? (
            <div className="pd-actions">
              <Stakes view={view} device={device} doc={doc} />
              <button type="button" className="pd-comply" onClick={() => send(() => respond(doc, true))}>
                <span aria-hidden="true">✓ </span>Comply after all
              </button>
            </div>
          ))}
        {!open && !late && live && doc.status === 'contested' && (
          <p className="hint">Nothing to do: the court decides tonight.</p>
        )}
        <ErrorAlert error={error} />
      </DocumentCard>
    </li>
  );
}

/** The legal inbox of a provider: every document served on it, newest first. */
export function LegalInbox(props: LegalInboxProps) {
  const { view, provider } = props;
  const docs = view.documents
    .filter((d) => d.provider === provider)
    .slice()
    .reverse();
  const owed = docs.filter(mustAnswer).length;
  return (
    <section className="panel pd-inbox" aria-labelledby={`${provider}-inbox-title`}>
      <h2 id={`${provider}-inbox-title`}>
        <span aria-hidden="true">📥 </span>Legal inbox
      </h2>
      <p className="hint">
        {docs.length === 0
          ? 'Nothing has been served on you yet.'
          : `${docs.length} document${docs.length === 1 ? '' : 's'} served on you; ${owed} waiting for your answer.`}{' '}
        Your client checks each one itself — the seal, the type, the target and the days — before you decide.
      </p>
      <ul className="plain pd-docs">
        {docs.map((doc) => (
          <InboxItem
            key={doc.id}
            view={view}
            device={props.device}
            doc={doc}
            move={props.move}
            respond={props.respond}
            {...(props.special ? { special: props.special } : {})}
          />
        ))}
      </ul>
    </section>
  );
}
