/**
 * The debrief's readability matrix (ui.md "Debrief"): for each message, SMS and backup,
 * who could read it and why — a key, only metadata, or nothing.
 * @module
 */
import { useId } from 'react';
import type { Role } from '../../game/index.ts';
import { groupHex, Lock, type Party, PartyTag, Term } from '../boards/kit.tsx';
import { ROLE_INFO } from '../catalog.ts';
import type { MatrixParty, MatrixRow, ReadabilityMatrix } from './readability.ts';
import './debrief.css';

const PARTY_OF_ROLE: Record<Role, Party> = {
  sender: 'crew',
  carrier: 'carrier',
  relay: 'relay',
  investigator: 'investigator',
  judge: 'court',
};

const ROLE_WORD: Record<Role, string> = {
  sender: 'crew',
  carrier: 'carrier',
  relay: 'relay',
  investigator: 'investigator',
  judge: 'judge',
};

function PartyHeader({ party }: { party: MatrixParty }) {
  const word = ROLE_WORD[party.role];
  return (
    <>
      <PartyTag party={PARTY_OF_ROLE[party.role]}>{party.role === 'sender' ? party.name : word}</PartyTag>
      {party.role === 'sender' ? (
        <span className="dbf-col-role">crew</span>
      ) : (
        party.name.toLowerCase() !== word &&
        party.name.toLowerCase() !== ROLE_INFO[party.role].label.toLowerCase() && (
          <span className="dbf-col-role">{party.name}</span>
        )
      )}
    </>
  );
}

const KIND_PARTY: Record<MatrixRow['kind'], Party> = { message: 'secure', sms: 'sms', backup: 'relay' };
const KIND_WORD: Record<MatrixRow['kind'], string> = {
  message: 'Secure message',
  sms: 'SMS',
  backup: 'Backup',
};

function RowHeader({ row }: { row: MatrixRow }) {
  return (
    <>
      <PartyTag party={KIND_PARTY[row.kind]}>{KIND_WORD[row.kind]}</PartyTag>{' '}
      <span className="hint">day {row.day}</span>
      <br />
      {row.kind === 'backup' ? `${row.from}'s phone` : `${row.from} → ${row.to.join(', ')}`}
      <br />
      <code className="dbf-id" title={row.id}>
        {groupHex(row.id, 8)}
      </code>
      {row.carriedPlan && (
        <span className="dbf-plan-flag">
          <span aria-hidden="true"> 🗺️</span> carried the plan
        </span>
      )}
    </>
  );
}

export function Matrix({ matrix }: { matrix: ReadabilityMatrix }) {
  const heading = useId();
  const caption = useId();
  return (
    <section className="dbf-section" aria-labelledby={heading}>
      <h2 id={heading}>Who could read what</h2>
      <p className="hint">
        <span aria-hidden="true">🔓</span> can read · <span aria-hidden="true">🔒</span> cannot read. With{' '}
        <Term id="e2e">end-to-end encryption</Term> only the devices a message was wrapped to open it; an{' '}
        <Term id="sms">SMS</Term> opens at the carrier.
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table scrolls sideways on a phone; the keyboard must reach it */}
      <section className="dbf-scroll" aria-labelledby={caption} tabIndex={0}>
        <table className="dbf-matrix">
          <caption id={caption}>
            Readability: for each message, SMS and backup, which party could read it, and why
          </caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              {matrix.parties.map((p) => (
                <th scope="col" key={p.seat} className={`dbf-col dbf-col-${p.role}`}>
                  <PartyHeader party={p} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.length === 0 && (
              <tr>
                <td colSpan={matrix.parties.length + 1}>Nothing was sent.</td>
              </tr>
            )}
            {matrix.rows.map((row) => (
              <tr key={`${row.kind}-${row.id}`} className={`dbf-row-${row.kind}`}>
                <th scope="row">
                  <RowHeader row={row} />
                </th>
                {matrix.parties.map((p) => {
                  const cell = row.cells[p.seat];
                  if (!cell) return <td key={p.seat}>—</td>;
                  return (
                    <td key={p.seat} className={cell.open ? 'dbf-open' : 'dbf-closed'}>
                      <Lock open={cell.open} reason={cell.reason} words={['can read', 'cannot read']} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
