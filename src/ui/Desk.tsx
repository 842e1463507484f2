/**
 * The seat's desk (ui.md "Role desks"): the board of its role, driven by its device in
 * this browser. A role's device is made from its keys; until they are read from
 * IndexedDB there is no desk.
 * @module
 */
import type { SeatView } from '../game/index.ts';
import { CarrierBoard } from './boards/CarrierBoard.tsx';
import { InvestigatorBoard } from './boards/InvestigatorBoard.tsx';
import { JudgeBoard } from './boards/JudgeBoard.tsx';
import type { Move } from './boards/kit.tsx';
import { RelayBoard } from './boards/RelayBoard.tsx';
import { SenderBoard } from './SenderBoard.tsx';
import type { SeatDevice } from './useSeatDevice.ts';

/** The desk of this seat's role. */
export function Desk({ view, devices, move }: { view: SeatView; devices: SeatDevice; move: Move }) {
  if (devices.sender) return <SenderBoard view={view} device={devices.sender} move={move} />;
  if (devices.carrier) return <CarrierBoard view={view} device={devices.carrier} move={move} />;
  if (devices.relay) return <RelayBoard view={view} device={devices.relay} move={move} />;
  if (devices.workstation) return <InvestigatorBoard view={view} device={devices.workstation} move={move} />;
  if (devices.court) return <JudgeBoard view={view} device={devices.court} move={move} />;
  return null;
}
