import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/crypto/index.ts';
import type { ProofArgs, ScenarioId, ScenarioOptions } from '../../src/game/index.ts';
import { DEFAULT_SEATS, Table } from './table.ts';

const INADMISSIBLE = { accepted: false, reason: expect.stringMatching(/^inadmissible/) };

function table(seed: string, scenario: ScenarioId = 'san-jose-2013', options: Partial<ScenarioOptions> = {}) {
  const t = new Table({ scenario, seats: DEFAULT_SEATS, options }, seed);
  t.runSetup();
  return t;
}

/** Day 1: an SMS and a secure message between Alice and Bob, then 2703(d) records from both providers: tip + 2 = 3 leads. */
function leadsFromRecords(t: Table): void {
  const bob = t.sender(1).device.account;
  t.sendSms(0, 1, { text: 'call me' });
  t.sendSecure(0, [1], { text: 'hello' });
  t.comply(t.obtain('records-2703d', bob, { provider: 'carrier' }));
  t.comply(t.obtain('records-2703d', bob, { provider: 'relay' }));
  expect(t.view(t.seat('investigator')).leads).toBe(3);
}

function withPlan(t: Table, plan: { place: string; time: string }) {
  const found = t.workstation
    .readable(t.view(t.seat('investigator')))
    .find((r) => r.text.includes(plan.place) && r.text.includes(plan.time));
  return found?.proof;
}

function days(t: Table, n: number): void {
  for (let i = 0; i < n; i++) t.endDay();
}

describe('win paths, one client and one device per seat over Local()', () => {
  it('3. the investigator wins with a search warrant for escrowed backups', () => {
    const t = table('backup');
    const bob = t.sender(1).device;
    const investigator = t.seat('investigator');
    const plan = t.plan();
    t.sendSecure(0, [1], { text: 'The plan', plan });
    t.comply(t.obtain('records-2703d', bob.account, { provider: 'relay' }));
    t.comply(t.obtain('pen-register', bob.account, { provider: 'relay' }));
    expect(t.view(investigator).leads).toBe(2);
    t.endDay(); // Bob's phone uploads a backup sealed under the escrowed key
    expect(t.view(investigator).leads).toBe(2); // a pen register counts from the next day on
    t.sendSecure(0, [1], { text: 'tomorrow' });
    t.endDay();
    expect(t.view(investigator).leads).toBe(3);
    const backups = t.server().G.backups.filter((b) => b.backup.account === bob.account);
    expect(backups).toHaveLength(2);
    // The escrowed key itself, without a complied warrant, is not evidence.
    const escrowed = t.relay.escrowedKey(bob.account) as string;
    const early: ProofArgs = {
      item: { kind: 'backup', id: backups[0]?.backup.id as string },
      keyKind: 'backup',
      key: escrowed,
    };
    expect(t.fileEvidence(early)).toMatchObject(INADMISSIBLE);
    const warrant = t.obtain('warrant-backup', bob.account);
    expect(t.server().G.documents.find((d) => d.id === warrant)?.status).toBe('granted');
    expect(t.fileEvidence(early)).toMatchObject(INADMISSIBLE); // granted is not complied
    expect(withPlan(t, plan)).toBeUndefined();
    t.comply(warrant);
    expect(t.server().G.handovers.map((h) => h.documentId)).toEqual([warrant]);
    const proof = withPlan(t, plan) as ProofArgs;
    expect(proof).toMatchObject({ item: { kind: 'backup' }, keyKind: 'backup' });
    // The backup key opens backups, nothing else; other key kinds do not reach a backup.
    const phone = t.server().G.devices.find((d) => d.account === bob.account)?.deviceId;
    expect(t.fileEvidence({ ...proof, keyKind: 'device', deviceId: phone })).toMatchObject(INADMISSIBLE);
    expect(t.fileEvidence({ ...proof, item: { kind: 'message', id: proof.item.id } })).toMatchObject(INADMISSIBLE);
    expect(t.server().ctx.gameover).toBeUndefined();
    expect(t.fileEvidence(proof)).toMatchObject({ accepted: true, revealsPlace: true, revealsTime: true });
    expect(t.server().ctx.gameover).toMatchObject({ winner: 'investigator', day: 3 });
  });

  it('4. the investigator wins with a seized phone after a forensic unlock', () => {
    const t = table('device', 'san-jose-2013', { forensicUnlockChance: 1 });
    const bob = t.sender(1);
    const plan = t.plan();
    leadsFromRecords(t);
    const id = t.sendSecure(0, [1], { text: 'The plan', plan });
    const phone = toHex(bob.device.phone.deviceId);
    const phoneKey = toHex(bob.device.phone.hpke.secretKey);
    const keyProof: ProofArgs = { item: { kind: 'message', id }, keyKind: 'device', key: phoneKey, deviceId: phone };
    const warrant = t.obtain('warrant-device', bob.device.account);
    // The phone's real key, before officers hold the phone: no order put it in the investigator's hands.
    expect(t.fileEvidence(keyProof)).toMatchObject(INADMISSIBLE);
    t.endDay(); // night 1: the warrant is executed, the phone seized
    const seized = () => t.server().G.documents.find((d) => d.id === warrant);
    expect(seized()).toMatchObject({ status: 'complied', seizedDevice: phone });
    expect(seized()?.unlockedDay).toBeUndefined(); // the lab starts the next day
    expect(t.fileEvidence(keyProof)).toMatchObject({ ...INADMISSIBLE, reason: expect.stringContaining('locked') });
    expect(bob.device.surrender(t.view(bob.seat))).toBeUndefined();
    t.endDay(); // night 2: unlocked
    expect(seized()?.unlockedDay).toBe(2);
    expect(withPlan(t, plan)).toBeUndefined(); // nothing extracted yet
    const surrender = bob.device.surrender(t.view(bob.seat));
    expect(surrender).toBeDefined();
    t.act(bob.seat, 'surrenderDevice', surrender);
    const proof = withPlan(t, plan) as ProofArgs;
    expect(proof).toMatchObject({ item: { id }, keyKind: 'device', deviceId: phone });
    // The key is the seized phone's: not a content key, and not Alice's phone.
    expect(t.fileEvidence({ ...proof, keyKind: 'content' })).toMatchObject(INADMISSIBLE);
    const alicePhone = toHex(t.sender(0).device.phone.deviceId);
    expect(t.fileEvidence({ ...proof, deviceId: alicePhone })).toMatchObject(INADMISSIBLE);
    expect(t.server().ctx.gameover).toBeUndefined();
    expect(t.fileEvidence(proof)).toMatchObject({ accepted: true, revealsPlace: true, revealsTime: true });
    expect(t.server().ctx.gameover).toMatchObject({ winner: 'investigator', day: 3 });
  });

  it('4b. a seized phone accepts only a handover of its own key, sealed to the workstation', () => {
    const t = table('device-handover', 'san-jose-2013', { forensicUnlockChance: 1 });
    const bob = t.sender(1);
    leadsFromRecords(t);
    t.obtain('warrant-device', bob.device.account);
    days(t, 2);
    const real = bob.device.surrender(t.view(bob.seat));
    if (!real) throw new Error('no surrender');
    const alicePhone = toHex(t.sender(0).device.phone.deviceId);
    t.act(bob.seat, 'surrenderDevice', { ...real, handover: { ...real.handover, subject: alicePhone } });
    t.act(bob.seat, 'surrenderDevice', { ...real, handover: { ...real.handover, kind: 'sim-key' } });
    expect(t.server().G.handovers).toHaveLength(0);
    t.act(bob.seat, 'surrenderDevice', real);
    expect(t.server().G.handovers).toHaveLength(1);
  });

  it('5. the investigator wins with a ghost device added under a technical-assistance order', () => {
    const t = table('ghost', 'san-jose-2013', { ghostLeads: 3 });
    const bob = t.sender(1);
    const investigator = t.seat('investigator');
    const plan = t.plan();
    leadsFromRecords(t);
    const ghost = t.workstation.ghostFor(bob.device.account, t.view(investigator).day);
    const order = t.obtain('technical-assistance', bob.device.account, { ghost });
    const before = t.sendSecure(0, [1], { text: 'before the ghost', plan }); // not wrapped to it
    t.endDay();
    t.comply(order); // day 2, before the deadline: no penalty
    expect(t.server().G.devices.find((d) => d.deviceId === ghost.deviceId)).toMatchObject({
      owner: bob.seat,
      controller: investigator,
      addedBy: 'relay',
    });
    const id = t.sendSecure(0, [1], { text: 'The plan', plan });
    const wraps = t
      .server()
      .G.messages.find((m) => m.envelope.id === id)
      ?.envelope.wraps.map((w) => w.device);
    expect(wraps).toContain(ghost.deviceId);
    const proof = withPlan(t, plan) as ProofArgs;
    expect(proof).toMatchObject({ item: { id }, keyKind: 'device', deviceId: ghost.deviceId });
    // The ghost's key opens only what was wrapped to the ghost, and only as a device key of the ghost.
    expect(t.fileEvidence({ ...proof, item: { kind: 'message', id: before } })).toMatchObject({ accepted: false });
    expect(t.fileEvidence({ ...proof, keyKind: 'backup' })).toMatchObject(INADMISSIBLE);
    const bobPhone = toHex(bob.device.phone.deviceId);
    expect(t.fileEvidence({ ...proof, deviceId: bobPhone })).toMatchObject(INADMISSIBLE);
    expect(t.server().ctx.gameover).toBeUndefined();
    expect(t.fileEvidence(proof)).toMatchObject({ accepted: true, revealsPlace: true, revealsTime: true });
    expect(t.server().ctx.gameover).toMatchObject({ winner: 'investigator', day: 2 });
    expect(t.server().G.scores[t.seat('relay')]).toBe(3); // three secure messages, no penalty: no one noticed
  });

  it('6a. with key transparency a logged ghost is found by the target’s audit; the relay loses 5', () => {
    const t = table('kt-logged', 'transparency-2024', { ghostLeads: 3 });
    const bob = t.sender(1);
    const relay = t.seat('relay');
    const plan = t.plan();
    leadsFromRecords(t);
    expect(bob.device.audit(t.view(bob.seat))).toEqual([]);
    const ghost = t.workstation.ghostFor(bob.device.account, 1);
    t.comply(t.obtain('technical-assistance', bob.device.account, { ghost }));
    expect(bob.device.audit(t.view(bob.seat))).toEqual([ghost.deviceId]);
    const score = t.server().G.scores[relay] as number;
    t.act(bob.seat, 'reportUnknownDevice', { deviceId: ghost.deviceId });
    t.act(bob.seat, 'reportUnknownDevice', { deviceId: ghost.deviceId }); // once is enough
    expect(t.server().G.scores[relay]).toBe(score - 5);
    expect(t.server().G.devices.find((d) => d.deviceId === ghost.deviceId)?.discoveredDay).toBe(1);
    // Alice's phone no longer wraps to the exposed device: the ghost reads nothing.
    const id = t.sendSecure(0, [1], { text: 'The plan', plan });
    expect(
      t
        .server()
        .G.messages.find((m) => m.envelope.id === id)
        ?.envelope.wraps.map((w) => w.device),
    ).toEqual([toHex(bob.device.phone.deviceId)]);
    expect(withPlan(t, plan)).toBeUndefined();
    const item = bob.device.inbox(t.view(bob.seat)).find((i) => i.id === id);
    t.act(bob.seat, 'proveReceipt', bob.device.receiptProof(item as never));
    days(t, 4);
    expect(t.server().ctx.gameover).toMatchObject({ winner: 'crew', day: 4 });
    expect(t.server().G.scores[relay]).toBe(2 - 5); // two secure messages relayed, one ghost exposed
  });

  it('6b. an unlogged ghost gets no wraps from the crew’s phones, and a safety-code check exposes it', () => {
    const t = table('kt-unlogged', 'transparency-2024', { ghostLeads: 3 });
    const alice = t.sender(0);
    const bob = t.sender(1);
    const relay = t.seat('relay');
    const plan = t.plan();
    leadsFromRecords(t);
    const verify = () => {
      t.act(alice.seat, 'requestVerification', {
        of: bob.seat,
        code: alice.device.codeSeen(t.view(alice.seat), bob.device.account),
      });
      const check = t.view(bob.seat).verifications.at(-1);
      t.act(bob.seat, 'answerVerification', { id: check?.id, code: bob.device.codeOwn() });
      return t.server().G.verifications.at(-1);
    };
    expect(verify()).toMatchObject({ match: true }); // before the ghost, the codes agree
    const ghost = t.workstation.ghostFor(bob.device.account, 1);
    t.comply(t.obtain('technical-assistance', bob.device.account, { ghost }), { log: false });
    expect(t.server().G.devices.find((d) => d.deviceId === ghost.deviceId)).toMatchObject({ logged: false });
    expect(bob.device.audit(t.view(bob.seat))).toEqual([]); // not in the log: the audit cannot see it
    // The directory serves the ghost, but Alice's client refuses a device the log does not show.
    expect(t.view(alice.seat).devices.some((d) => d.deviceId === ghost.deviceId)).toBe(true);
    const id = t.sendSecure(0, [1], { text: 'The plan', plan });
    const wraps = t
      .server()
      .G.messages.find((m) => m.envelope.id === id)
      ?.envelope.wraps.map((w) => w.device);
    expect(wraps).not.toContain(ghost.deviceId);
    expect(withPlan(t, plan)).toBeUndefined();
    expect(t.workstation.readable(t.view(t.seat('investigator')))).toEqual([]);
    const score = t.server().G.scores[relay] as number;
    t.endDay();
    expect(verify()).toMatchObject({ match: false });
    expect(t.server().G.scores[relay]).toBe(score - 5);
    expect(t.server().G.devices.find((d) => d.deviceId === ghost.deviceId)?.discoveredDay).toBe(2);
    days(t, 3);
    expect(t.server().ctx.gameover).toMatchObject({ winner: 'draw' });
  });

  it('7. evidence from an informal wiretap is inadmissible, and the carrier that complied loses 3', () => {
    const t = table('informal');
    const bob = t.sender(1).device;
    const carrier = t.seat('carrier');
    const plan = t.plan();
    const doc = t.ask('wiretap-sms', bob.account);
    const served = t.view(carrier).documents.find((d) => d.id === doc);
    expect(served).toMatchObject({ informal: true, status: 'granted' });
    expect(t.carrier.check(t.view(carrier), served as never).lawful).toBe(false);
    t.comply(doc); // CarrierSwitch.response(view, doc, true): the SIM key, sealed to the investigator
    expect(t.server().G.documents.find((d) => d.id === doc)).toMatchObject({ status: 'complied', lawful: false });
    expect(t.server().G.scores[carrier]).toBe(-3);
    t.sendSms(0, 1, { text: 'The plan', plan });
    expect(t.server().G.scores[carrier]).toBe(-3 + 1);
    const proof = withPlan(t, plan) as ProofArgs; // the key works: the investigator can read it
    expect(proof).toMatchObject({ keyKind: 'sim', line: bob.account });
    const refused = t.fileEvidence(proof);
    expect(refused).toMatchObject(INADMISSIBLE);
    expect(refused.plaintext).toBeUndefined();
    expect(t.server().ctx.gameover).toBeUndefined();
    days(t, 4);
    expect(t.server().ctx.gameover).toMatchObject({ winner: 'draw' });
    expect(t.server().G.scores[carrier]).toBe(-2); // no deadline charge on an informal request
  });

  it('7b. a ghost added on an informal request reads the plan, but the evidence is inadmissible; the relay loses 3', () => {
    const t = table('informal-ghost');
    const bob = t.sender(1).device;
    const relay = t.seat('relay');
    const plan = t.plan();
    const ghost = t.workstation.ghostFor(bob.account, 1);
    const doc = t.ask('technical-assistance', bob.account, { ghost }); // no leads, no court
    t.comply(doc);
    expect(t.server().G.documents.find((d) => d.id === doc)).toMatchObject({ status: 'complied', lawful: false });
    expect(t.server().G.scores[relay]).toBe(-3);
    t.sendSecure(0, [1], { text: 'The plan', plan });
    const proof = withPlan(t, plan) as ProofArgs;
    expect(proof).toMatchObject({ keyKind: 'device', deviceId: ghost.deviceId });
    expect(t.fileEvidence(proof)).toMatchObject(INADMISSIBLE);
    expect(t.server().ctx.gameover).toBeUndefined();
  });

  it('8. a draw: the plan neither reaches the whole crew nor is proved by day 4', () => {
    const t = table('draw');
    const bob = t.sender(1);
    t.sendSecure(0, [1], { text: 'meet soon, details later' }); // no plan card
    const item = bob.device.inbox(t.view(bob.seat))[0];
    t.act(bob.seat, 'proveReceipt', bob.device.receiptProof(item as never));
    expect(t.server().G.proofs[0]).toMatchObject({ accepted: true, revealsPlace: false, revealsTime: false });
    days(t, 3);
    expect(t.server().ctx.gameover).toBeUndefined();
    t.endDay();
    expect(t.server().ctx.gameover).toMatchObject({ winner: 'draw', day: 4 });
    expect(t.server().G.proofs.filter((p) => p.purpose === 'evidence')).toEqual([]);
    expect(t.view(t.seat('investigator')).plan).toEqual(t.server().G.secret.plan); // debrief: everyone sees it
  });

  it('9a. the relay contests a technical-assistance order; upheld, it pays −2 a night until it complies', () => {
    const t = table('contest-upheld', 'san-jose-2013', { ghostLeads: 1, contestUpheldChance: 1 });
    const bob = t.sender(1).device;
    const relay = t.seat('relay');
    const plan = t.plan();
    const ghost = t.workstation.ghostFor(bob.account, 1);
    const order = t.obtain('technical-assistance', bob.account, { ghost });
    t.act(relay, 'contest', { documentId: order });
    const doc = () => t.server().G.documents.find((d) => d.id === order);
    expect(doc()?.status).toBe('contested');
    t.endDay(); // night 1: upheld, due by the end of day 2
    expect(doc()?.status).toBe('granted');
    t.decline(order, 'we will not add a device');
    t.endDay(); // night 2: −2
    expect(t.server().G.scores[relay]).toBe(-2);
    t.endDay(); // night 3: −2 again
    expect(t.server().G.scores[relay]).toBe(-4);
    expect(t.server().G.devices.some((d) => d.deviceId === ghost.deviceId)).toBe(false);
    t.comply(order);
    expect(doc()).toMatchObject({ status: 'complied', lawful: true });
    t.sendSecure(0, [1], { text: 'The plan', plan });
    expect(t.fileEvidence(withPlan(t, plan))).toMatchObject({ accepted: true });
    expect(t.server().ctx.gameover).toMatchObject({ winner: 'investigator', day: 4 });
    expect(t.server().G.scores[relay]).toBe(-4 + 1);
  });

  it('9b. the relay contests a technical-assistance order; quashed, no device is added and nothing is owed', () => {
    const t = table('contest-quashed', 'san-jose-2013', { ghostLeads: 1, contestUpheldChance: 0 });
    const bob = t.sender(1);
    const relay = t.seat('relay');
    const plan = t.plan();
    const ghost = t.workstation.ghostFor(bob.device.account, 1);
    const order = t.obtain('technical-assistance', bob.device.account, { ghost });
    t.act(relay, 'contest', { documentId: order });
    t.endDay();
    expect(t.server().G.documents.find((d) => d.id === order)?.status).toBe('quashed');
    t.comply(order); // refused: a quashed order cannot be complied with
    expect(t.server().G.devices.some((d) => d.deviceId === ghost.deviceId)).toBe(false);
    const id = t.sendSecure(0, [1], { text: 'The plan', plan });
    expect(withPlan(t, plan)).toBeUndefined();
    expect(t.workstation.readable(t.view(t.seat('investigator')))).toEqual([]);
    const item = bob.device.inbox(t.view(bob.seat)).find((i) => i.id === id);
    t.act(bob.seat, 'proveReceipt', bob.device.receiptProof(item as never));
    days(t, 3);
    expect(t.server().ctx.gameover).toMatchObject({ winner: 'crew', day: 4 });
    expect(t.server().G.scores[relay]).toBe(1); // one secure message relayed, no charge
  });
});
