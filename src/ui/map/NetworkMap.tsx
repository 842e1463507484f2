/**
 * The network map (ui.md, "Layout"): an SVG of the table seen from above — the crew's
 * devices on the left, the relay's cloud with its directory at the top, the carrier's
 * tower at the bottom, the investigator's office and the court on the right — with the
 * messages this seat can see travelling their real path (game.md §3), each carrying a
 * lock that is open or closed for this viewer. Selecting a token (on the map, or in the
 * list of buttons beside it, which is the keyboard's way in) opens its detail: header,
 * ciphertext, the devices it was wrapped to, and who can read it with which key.
 *
 * New tokens run along their path once; with `prefers-reduced-motion` they do not move.
 * Below 600 px the drawing gives way to a compact strip of the same places.
 * @module
 */
import { type MouseEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { SeatView } from '../../game/index.ts';
import { Explain, PartyTag, Term } from '../boards/kit.tsx';
import {
  buildNetwork,
  describeNetwork,
  MAP_HEIGHT,
  MAP_WIDTH,
  type MapAccount,
  type MapNode,
  type MapToken,
  type NetworkModel,
} from './model.ts';
import type { Opener } from './opener.ts';
import './map.css';
import { TokenDetail, TokenList } from './TokenPanels.tsx';

/** How many of the latest tokens the drawing shows (the list shows all). */
const ON_MAP = 12;

const HUB_ICON: Record<string, string> = {
  relay: '☁️',
  tower: '📡',
  investigator: '🏢',
  court: '⚖️',
};

function points(model: NetworkModel, route: readonly string[]): string {
  return route
    .map((id) => model.nodes.get(id))
    .filter((n): n is MapNode => n !== undefined)
    .map((n) => `${n.x},${n.y}`)
    .join(' ');
}

/** The path a runner follows, relative to its start (SMIL motion adds to the element's position). */
function motionPath(model: NetworkModel, route: readonly string[]): string | undefined {
  const nodes = route.map((id) => model.nodes.get(id)).filter((n): n is MapNode => n !== undefined);
  if (nodes.length < 2) return undefined;
  return nodes.map((n, i) => `${i === 0 ? 'M' : 'L'}${n.x},${n.y}`).join(' ');
}

function reducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
}

/** A dot that runs a route once when `play` is set (SMIL, started from script so late-added tokens run too). */
function Runner({ path, party, play }: { path: string; party: string; play: boolean }) {
  const motion = useRef<SVGElement>(null);
  const size = useRef<SVGElement>(null);
  useEffect(() => {
    if (!play || reducedMotion()) return;
    for (const el of [motion.current, size.current]) {
      if (el && 'beginElement' in el && typeof el.beginElement === 'function') el.beginElement();
    }
  }, [play]);
  return (
    <circle className={`map-runner map-${party}`} r="0" cx="0" cy="0">
      <animateMotion ref={motion} path={path} dur="1.8s" begin="indefinite" fill="remove" />
      <animate ref={size} attributeName="r" values="7;7" dur="1.8s" begin="indefinite" fill="remove" />
    </circle>
  );
}

function DeviceGlyph({ node }: { node: MapNode }) {
  const d = node.device;
  if (!d) return null;
  const icon = d.ghost ? '👻' : d.kind === 'laptop' ? '💻' : '📱';
  const word = d.ghost ? 'ghost' : d.status !== 'active' ? d.status : d.kind;
  return (
    <g
      className={`map-device${d.ghost ? ' is-ghost' : ''}${d.status !== 'active' ? ' is-inactive' : ''}`}
      transform={`translate(${node.x},${node.y})`}
    >
      <title>
        {`${d.ownerName}’s ${d.kind} ${d.fingerprint}, added on day ${d.day}, ${d.status}.${d.ghostNote ? ` ${d.ghostNote}` : ''}`}
      </title>
      <rect x="-20" y="-17" width="40" height="30" rx="6" />
      <text className="map-icon" y="4" textAnchor="middle">
        {icon}
      </text>
      <text className="map-small" y="26" textAnchor="middle">
        {word}
      </text>
    </g>
  );
}

function AccountBox({ account }: { account: MapAccount }) {
  const { box } = account;
  return (
    <g className="map-account">
      <rect x={box.x} y={box.y} width={box.width} height={box.height} rx="10" />
      <text className="map-label" x={box.x + 10} y={box.y + 16}>
        {`📱 ${account.name} · ${account.account}`}
      </text>
      {account.devices.map((n) => (
        <DeviceGlyph key={n.id} node={n} />
      ))}
    </g>
  );
}

function Hub({ node }: { node: MapNode }) {
  return (
    <g className={`map-hub map-${node.party}`} transform={`translate(${node.x},${node.y})`}>
      {node.kind === 'relay' ? <ellipse rx="46" ry="30" /> : <circle r="28" />}
      <text className="map-icon" y="7" textAnchor="middle">
        {HUB_ICON[node.kind] ?? ''}
      </text>
      <text className="map-label" y={node.kind === 'relay' ? 46 : 44} textAnchor="middle">
        {node.label}
      </text>
    </g>
  );
}

/** Where each shown token's chip sits: three quarters along the last leg of its first route, stacked per place. */
function chipPlaces(model: NetworkModel, tokens: readonly MapToken[]): Map<string, { x: number; y: number }> {
  const used = new Map<string, number>();
  const out = new Map<string, { x: number; y: number }>();
  for (const t of tokens) {
    const route = t.routes[0] ?? [];
    const end = route.at(-1);
    const last = end !== undefined ? model.nodes.get(end) : undefined;
    const prev = route.length > 1 ? model.nodes.get(route.at(-2) ?? '') : undefined;
    if (!last || end === undefined) continue;
    const place = `${route.at(-2) ?? ''}>${end}`;
    const k = used.get(place) ?? 0;
    used.set(place, k + 1);
    const from = prev ?? { x: last.x - 40, y: last.y - 40 };
    const x = from.x + (last.x - from.x) * 0.72 + (k % 4) * 16;
    const y = from.y + (last.y - from.y) * 0.72 - Math.floor(k / 4) * 16;
    out.set(t.key, { x: Math.min(MAP_WIDTH - 10, Math.max(10, x)), y: Math.min(MAP_HEIGHT - 10, Math.max(10, y)) });
  }
  return out;
}

function Strip({ model }: { model: NetworkModel }) {
  const count = (kind: MapToken['kind']) => model.tokens.filter((t) => t.kind === kind).length;
  const devices = model.accounts.reduce((n, a) => n + a.devices.length, 0);
  const ghosts = model.accounts.reduce((n, a) => n + a.devices.filter((d) => d.device?.ghost).length, 0);
  return (
    <ul className="map-strip" aria-label="Network map, in short">
      <li>
        <PartyTag party="crew" />: {model.accounts.length} accounts, {devices} devices
        {ghosts > 0 ? `, ${ghosts} 👻 ghost${ghosts === 1 ? '' : 's'}` : ''}
      </li>
      <li>
        <PartyTag party="relay" />: {count('message')} secure messages, {count('backup')} backups
      </li>
      <li>
        <PartyTag party="carrier" />: {count('sms')} SMS
      </li>
      <li>
        <PartyTag party="investigator" />: {count('handover')} handovers
      </li>
      <li>
        <PartyTag party="court" />
      </li>
    </ul>
  );
}

/**
 * The network map for one seat.
 * @param view - the seat's view
 * @param opener - this viewer's locks, from {@link openerFor}
 * @param initial - a token key ("message:<id>", "sms:<id>", …) to open at first (optional)
 */
export function NetworkMap({ view, opener, initial }: { view: SeatView; opener: Opener; initial?: string }) {
  const model = useMemo(() => buildNetwork(view), [view]);
  const openings = useMemo(() => new Map(model.tokens.map((t) => [t.key, opener(t)])), [model, opener]);
  const [selected, setSelected] = useState<string | undefined>(initial);
  const id = useId();
  const ids = { heading: `${id}-h`, title: `${id}-t`, desc: `${id}-d`, detail: `${id}-x`, detailHeading: `${id}-xh` };

  // Tokens already shown stay still; the ones new to this screen (today's, at first) run once.
  const seen = useRef<Set<string> | null>(null);
  if (seen.current === null) seen.current = new Set(model.tokens.filter((t) => t.day < view.day).map((t) => t.key));
  const known = seen.current;
  const fresh = new Set(model.tokens.filter((t) => !known.has(t.key)).map((t) => t.key));
  useEffect(() => {
    for (const t of model.tokens) known.add(t.key);
  }, [model, known]);

  const token = model.tokens.find((t) => t.key === selected);
  const shown = model.tokens.slice(-ON_MAP);
  if (token && !shown.includes(token)) shown.push(token);
  const chips = chipPlaces(model, shown);
  const summary = describeNetwork(view, model);
  const openCount = [...openings.values()].filter((o) => o.open).length;

  // Clicking a chip on the drawing selects its token; the list of buttons is the keyboard's way in.
  const onMapClick = (e: MouseEvent<SVGSVGElement>) => {
    const target = e.target instanceof Element ? e.target.closest('[data-token]') : null;
    const key = target?.getAttribute('data-token');
    if (key) setSelected(key === selected ? undefined : key);
  };

  return (
    <section className="network-map" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Network map</h2>
      <div className="map-layout">
        <div className="map-canvas">
          {/* biome-ignore lint/a11y/useKeyWithClickEvents: the same tokens are buttons in the list below */}
          <svg
            className="map-svg"
            role="img"
            aria-labelledby={`${ids.title} ${ids.desc}`}
            viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
            preserveAspectRatio="xMidYMid meet"
            onClick={onMapClick}
          >
            <title id={ids.title}>
              {`Network map: ${model.tokens.length} item${model.tokens.length === 1 ? '' : 's'} you can see, ${openCount} open to you`}
            </title>
            <desc id={ids.desc}>{summary}</desc>
            <g className="map-links">
              {model.accounts.map((a) => (
                <g key={a.account}>
                  <line className="map-link map-link-data" x1={a.anchor.x} y1={a.anchor.y} x2={420} y2={70} />
                  <line className="map-link map-link-radio" x1={a.anchor.x} y1={a.anchor.y} x2={420} y2={350} />
                </g>
              ))}
              <line className="map-link map-link-legal" x1={420} y1={70} x2={640} y2={130} />
              <line className="map-link map-link-legal" x1={420} y1={350} x2={640} y2={130} />
              <line className="map-link map-link-legal" x1={640} y1={130} x2={640} y2={300} />
            </g>
            <g className="map-routes">
              {shown.map((t) =>
                t.routes.map((r, i) => (
                  <polyline
                    // biome-ignore lint/suspicious/noArrayIndexKey: a token's routes never reorder
                    key={`${t.key}/${i}`}
                    className={`map-route map-${t.party}${t.key === selected ? ' is-selected' : ''}`}
                    points={points(model, r)}
                  />
                )),
              )}
            </g>
            {model.accounts.map((a) => (
              <AccountBox key={a.account} account={a} />
            ))}
            {model.hubs.map((h) => (
              <Hub key={h.id} node={h} />
            ))}
            <g className="map-runners">
              {shown.map((t) =>
                t.routes.map((r, i) => {
                  const path = motionPath(model, r);
                  return path ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a token's routes never reorder
                    <Runner key={`${t.key}/${i}`} path={path} party={t.party} play={fresh.has(t.key)} />
                  ) : null;
                }),
              )}
            </g>
            <g className="map-chips">
              {shown.map((t) => {
                const at = chips.get(t.key);
                if (!at) return null;
                const open = openings.get(t.key)?.open === true;
                return (
                  <g
                    key={t.key}
                    data-token={t.key}
                    className={`map-chip map-${t.party} ${open ? 'is-open' : 'is-closed'}${t.key === selected ? ' is-selected' : ''}`}
                    transform={`translate(${at.x},${at.y})`}
                  >
                    <title>{`${t.title}, day ${t.day}: ${open ? 'open to you' : 'locked'}`}</title>
                    <circle r="9" />
                    <text className="map-chip-lock" y="4" textAnchor="middle">
                      {open ? '🔓' : '🔒'}
                    </text>
                  </g>
                );
              })}
            </g>
          </svg>
          <Strip model={model} />
          <p className="map-legend">
            <PartyTag party="secure" /> <PartyTag party="sms" /> <PartyTag party="relay">backup</PartyTag>{' '}
            <PartyTag party="investigator">handover</PartyTag> · <span aria-hidden="true">🔓</span> open to you ·{' '}
            <span aria-hidden="true">🔒</span> locked · <span aria-hidden="true">👻</span> dashed: a ghost device
          </p>
          <Explain>
            A real messenger’s server passes on sealed envelopes it cannot open (<Term id="e2e">end to end</Term>); a
            phone company’s towers carry <Term id="sms">SMS</Term> it can read.
          </Explain>
        </div>
        <div className="map-side">
          <h3>Traffic</h3>
          <TokenList
            tokens={model.tokens}
            openings={openings}
            selected={selected}
            detailId={ids.detail}
            onSelect={setSelected}
          />
          <section
            id={ids.detail}
            className="map-detail card"
            aria-labelledby={token ? ids.detailHeading : undefined}
            aria-label={token ? undefined : 'Item detail'}
            hidden={!token}
          >
            {token && (
              <TokenDetail
                view={view}
                token={token}
                opening={openings.get(token.key) ?? { open: false, reason: 'unknown' }}
                headingId={ids.detailHeading}
                onClose={() => setSelected(undefined)}
              />
            )}
          </section>
        </div>
      </div>
    </section>
  );
}
