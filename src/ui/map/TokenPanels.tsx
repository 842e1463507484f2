/**
 * The network map's token panels (NetworkMap.tsx): the list of the items on the map, and
 * the detail of the one chosen — its path, what it carries, who could read it and why.
 * @module
 */
import type { SeatView } from '../../game/index.ts';
import { HexBlock, Lock, PartyTag } from '../boards/kit.tsx';
import { accessOf, type MapToken } from './model.ts';
import type { Opening } from './opener.ts';
import './map.css';

export function TokenList({
  tokens,
  openings,
  selected,
  detailId,
  onSelect,
}: {
  tokens: readonly MapToken[];
  openings: ReadonlyMap<string, Opening>;
  selected: string | undefined;
  detailId: string;
  onSelect: (key: string | undefined) => void;
}) {
  if (tokens.length === 0) return <p className="hint">Nothing has travelled that you can see yet.</p>;
  return (
    <ol className="map-tokens" aria-label="Traffic you can see, newest first">
      {[...tokens].reverse().map((t) => {
        const open = openings.get(t.key)?.open === true;
        const on = selected === t.key;
        return (
          <li key={t.key}>
            <button
              type="button"
              className={`map-token-button map-${t.party}${on ? ' is-selected' : ''}`}
              aria-expanded={on}
              aria-controls={detailId}
              onClick={() => onSelect(on ? undefined : t.key)}
            >
              <PartyTag party={t.party}>{t.what}</PartyTag> <span className="map-token-title">{t.path}</span>{' '}
              <span className="hint">
                day {t.day}
                {t.size !== undefined ? ` · ${t.size} bytes` : ''}
              </span>{' '}
              <span className={`map-lock ${open ? 'is-open' : 'is-closed'}`}>
                <span aria-hidden="true">{open ? '🔓' : '🔒'}</span> {open ? 'open to you' : 'locked'}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}

export function TokenDetail({
  view,
  token,
  opening,
  headingId,
  onClose,
}: {
  view: SeatView;
  token: MapToken;
  opening: Opening;
  headingId: string;
  onClose: () => void;
}) {
  const access = accessOf(view, token);
  return (
    <>
      <h3 id={headingId}>
        <PartyTag party={token.party}>{token.what}</PartyTag> {token.path}
      </h3>
      <p>
        <Lock open={opening.open} reason={opening.reason} />
      </p>
      {opening.text !== undefined && (
        <div className="paper map-paper">
          <span className="paper-key">{opening.reason}</span>
          <p className="map-plaintext">{opening.text}</p>
        </div>
      )}
      <dl className="map-fields">
        {token.header.map((f) => (
          <div key={f.label}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      {token.ciphertexts.map((c) => (
        <HexBlock key={c.label} hex={c.hex} label={c.label} />
      ))}
      {token.ciphertexts.length === 0 && <p className="hint">You hold no ciphertext of it: records only.</p>}
      {token.wrappedTo && (
        <>
          <h4>Wrapped to {token.wrappedTo.length === 1 ? 'one device' : `${token.wrappedTo.length} devices`}</h4>
          <ul className="map-wraps">
            {token.wrappedTo.map((w) => (
              <li key={w.deviceId} className={w.ghost ? 'is-ghost' : undefined}>
                <span aria-hidden="true">{w.ghost ? '👻 ' : '📱 '}</span>
                {w.name} <code>{w.fingerprint}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{access.complete ? 'Who could read it (the whole story)' : 'Who can read it, as far as you can tell'}</h4>
      <ul className="map-readers">
        {access.readers.map((r) => (
          <li key={`${r.who}|${r.key}`}>
            <span aria-hidden="true">🔓 </span>
            <PartyTag party={r.party}>{r.who}</PartyTag>: {r.key}
          </li>
        ))}
        {access.blocked.map((b) => (
          <li key={`${b.who}|${b.why}`} className="is-blocked">
            <span aria-hidden="true">🔒 </span>
            <PartyTag party={b.party}>{b.who}</PartyTag>: cannot — {b.why}
          </li>
        ))}
      </ul>
      <button type="button" className="small" onClick={onClose}>
        Close
      </button>
    </>
  );
}
