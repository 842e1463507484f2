/**
 * A QR code drawn as SVG (uqr encodes it; ISO/IEC 18004), with the text it holds as its
 * accessible name, so a phone can scan a join or seat link from a projector or a laptop.
 * @module
 */
import { useMemo } from 'react';
import { encode } from 'uqr';

/** A QR code for `text`; `label` says what it is for ("Join link for table K7QM2X"). */
export function QrCode({ text, label, size = 176 }: { text: string; label: string; size?: number }) {
  const path = useMemo(() => {
    const qr = encode(text, { ecc: 'M', border: 2 });
    let d = '';
    qr.data.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      });
    });
    return { d, size: qr.size };
  }, [text]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${path.size} ${path.size}`}
      shapeRendering="crispEdges"
    >
      <rect width={path.size} height={path.size} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}
