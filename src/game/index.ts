/**
 * The game itself: rules, state, moves, scenarios, views. Pure: no I/O, no clock, no
 * platform randomness; chance comes from the injected entropy source.
 * @module
 */
export { phoneNumber, type SetupData, validateSetupData } from './config.ts';
export { type Entropy, NO_ENTROPY } from './entropy.ts';
export { createGame, GAME_NAME } from './game.ts';
export { DOCUMENTS, type DocumentKind, meetsThreshold } from './legal.ts';
export type { Response } from './moves/compliance.ts';
export type { Application } from './moves/investigator.ts';
export type { Ruling } from './moves/judge.ts';
export type { ProofArgs, ProofItem } from './moves/proofs.ts';
export { PLACES, SCENARIOS, type Scenario, type ScenarioId, type ScenarioOptions, TIMES } from './scenarios.ts';
export { INVESTIGATOR_ACCOUNT } from './state.ts';
export type * from './types.ts';
export { type MessageView, playerView, type SeatView, type SmsView } from './view.ts';
export { type KeySource, keySource, winPathOf } from './winPath.ts';
