import { fromUtf8, utf8 } from './bytes.ts';
import { CryptoError, ensure } from './errors.ts';
import { MAX_MESSAGE_PLAINTEXT } from './suite.ts';

/** The plan card's content as written into a message: a place and a time. */
export interface PlanText {
  readonly place: string;
  readonly time: string;
}

/** What a message or SMS carries (docs/protocol.md §6): free text and optionally the plan. */
export interface MessagePayload {
  readonly text: string;
  readonly plan?: PlanText;
}

/**
 * Encodes a payload as UTF-8 JSON with a fixed key order, refusing more than
 * {@link MAX_MESSAGE_PLAINTEXT} bytes.
 * @param payload - the text and optional plan
 */
export function encodePayload(payload: MessagePayload): Uint8Array {
  ensure(typeof payload === 'object' && payload !== null, 'bad-input', 'payload must be an object');
  ensure(typeof payload.text === 'string', 'bad-input', 'payload.text must be a string');
  const plan = payload.plan;
  if (plan !== undefined) {
    ensure(typeof plan.place === 'string' && typeof plan.time === 'string', 'bad-input', 'plan needs place and time');
  }
  const json =
    plan === undefined
      ? JSON.stringify({ text: payload.text })
      : JSON.stringify({ text: payload.text, plan: { place: plan.place, time: plan.time } });
  const bytes = utf8(json);
  ensure(
    bytes.length <= MAX_MESSAGE_PLAINTEXT,
    'too-large',
    `message plaintext exceeds ${MAX_MESSAGE_PLAINTEXT} bytes`,
  );
  return bytes;
}

/**
 * Parses a decrypted payload, refusing anything that is not the shape
 * {@link encodePayload} writes.
 * @param bytes - the decrypted plaintext
 */
export function decodePayload(bytes: Uint8Array): MessagePayload {
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(bytes));
  } catch {
    throw new CryptoError('bad-input', 'plaintext is not a JSON payload');
  }
  ensure(typeof value === 'object' && value !== null, 'bad-input', 'payload is not an object');
  const { text, plan } = value as { text?: unknown; plan?: unknown };
  ensure(typeof text === 'string', 'bad-input', 'payload has no text');
  if (plan === undefined) return { text };
  ensure(typeof plan === 'object' && plan !== null, 'bad-input', 'payload plan is not an object');
  const { place, time } = plan as { place?: unknown; time?: unknown };
  ensure(typeof place === 'string' && typeof time === 'string', 'bad-input', 'payload plan needs place and time');
  return { text, plan: { place, time } };
}
