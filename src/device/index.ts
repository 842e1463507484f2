/**
 * The client side of each seat: key stores and, per role, the operations that turn
 * the seat's filtered view into move arguments. Used by the UI and by bots alike.
 * @module
 */
export { CarrierSwitch } from './carrier.ts';
export { CourtSigner } from './court.ts';
export { type KeyStore, loadOrCreateDevice, MemoryKeyStore, saveDevice } from './keyStore.ts';
export { checkDocument, type DocumentCheck } from './legal.ts';
export { RelayDesk } from './relay.ts';
export { type InboxItem, SenderDevice } from './sender.ts';
export { type Readable, Workstation } from './workstation.ts';
