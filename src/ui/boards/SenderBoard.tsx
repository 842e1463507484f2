/**
 * The crew member's desk (game.md §5 Sender; ui.md "Role desks: Sender"): the chats with
 * the crew (secure messenger in blue, SMS in green, a composer that says why SMS is
 * forced when it is, the plan card, today's budget, proof of receipt), the devices on
 * the account with the audit's alerts, the cloud-backup setting and, when the scenario
 * has it, contact verification. Everything is opened and sealed by this browser's
 * device; when this browser is not a device of the account, a panel says so first.
 * @module
 */
import type { SenderDevice } from '../../device/index.ts';
import type { BoardProps } from './kit.tsx';
import { SenderChats } from './SenderChats.tsx';
import { browserDevice, NewDevicePanel, SenderDevices } from './SenderDevices.tsx';
import { SenderBackups, SenderVerify } from './SenderSafety.tsx';
import './sender.css';

/** The sender's board. */
export function SenderBoard(props: BoardProps<SenderDevice>) {
  const { view, device } = props;
  const me = view.you !== null ? view.seats[view.you] : undefined;
  if (!me?.account) return null;
  const here = browserDevice(view, device);
  const active = here.status === 'active';
  return (
    <div className="sender-desk">
      {!active && <NewDevicePanel {...props} me={me} status={here.status} />}
      <SenderChats {...props} me={me} active={active} />
      <div className="sd-side">
        <SenderDevices {...props} me={me} browserId={here.id} />
        <SenderBackups {...props} me={me} active={active} />
        {view.options.contactVerification && <SenderVerify {...props} me={me} active={active} />}
      </div>
    </div>
  );
}
