/**
 * The carrier's moves (game.md §5, Carrier): its client provisions SIMs, forwards
 * every SMS (it decrypts the uplink and re-encrypts the downlink — the carrier sees
 * all SMS in plaintext), and answers legal documents.
 * @module
 */
import { decodeSmsHop, isHex, type SimProvision, type SmsHop } from '../../crypto/index.ts';
import { anyBasis } from '../legal.ts';
import { activeDevices, crewByAccount, grant, logEvent, score, seatOf } from '../state.ts';
import type { Provider } from '../types.ts';
import { respond } from './compliance.ts';
import { INVALID_MOVE, isRecord, move } from './define.ts';

/** Provision a crew line's SIM: Ki sealed to the line's phone, and a public commitment. */
export const provisionSim = move<{ provision: SimProvision }>(({ G }, args) => {
  if (!isRecord(args) || !isRecord(args.provision)) return INVALID_MOVE;
  const p = args.provision as unknown as SimProvision;
  const owner = crewByAccount(G, String(p.line));
  const phone = owner && activeDevices(G, p.line).find((d) => d.kind === 'phone' && d.controller === owner.id);
  // One SIM per line at a time; a line whose phone was seized or removed gets a new SIM (a new Ki).
  const current = G.sims.filter((s) => s.line === p.line).at(-1);
  const currentPhone = current && G.devices.find((d) => d.deviceId === current.sealed.toDevice);
  if (!owner || !phone || currentPhone?.status === 'active' || !isHex(p.simCommit, 32)) return INVALID_MOVE;
  const h = p.sealed;
  if (!isRecord(h) || h.kind !== 'sim-key' || h.reference !== 'provision' || h.subject !== p.line) return INVALID_MOVE;
  if (h.toDevice !== phone.deviceId || !isHex(h.enc, 32) || !isHex(h.ct, 48)) return INVALID_MOVE;
  G.sims.push(p);
  logEvent(G, `The carrier provisioned ${owner.name}'s SIM (the carrier keeps a copy of the SIM key).`);
});

/** Forward an SMS: the downlink hop the carrier's switch re-encrypted for the recipient's line. */
export const forwardSms = move<{ id: string; downlink: SmsHop }>(({ G }, args) => {
  if (!isRecord(args)) return INVALID_MOVE;
  const sms = G.sms.find((s) => s.id === args.id);
  if (!sms || sms.downlink) return INVALID_MOVE;
  let hop: ReturnType<typeof decodeSmsHop>;
  try {
    hop = decodeSmsHop(args.downlink);
  } catch {
    return INVALID_MOVE;
  }
  const d = args.downlink;
  if (hop.direction !== 'down' || d.id !== sms.id || hop.day !== sms.day || hop.fromLine !== sms.fromLine) {
    return INVALID_MOVE;
  }
  if (hop.toLine !== sms.toLine) return INVALID_MOVE;
  sms.downlink = d;
  const to = crewByAccount(G, sms.toLine);
  if (to) grant(sms.full, to.id);
  const investigator = seatOf(G, 'investigator').id;
  const tap = anyBasis(G, 'wiretap-sms', sms.toLine, G.day);
  if (tap?.provider === 'carrier') grant(sms.full, investigator);
  score(G, seatOf(G, 'carrier').id, 1);
  logEvent(G, `The carrier delivered an SMS to ${to?.name ?? sms.toLine}.`, [sms.from, seatOf(G, 'carrier').id]);
});

/** Answer a legal document served on the carrier. */
export const carrierRespond = move<unknown>(({ G, playerID }, args) =>
  respond(G, playerID, 'carrier' as Provider, args),
);

/** The carrier's day moves. */
export const carrierMoves = { provisionSim, forwardSms, respond: carrierRespond };
