import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { originCheck } from '../../src/server/socketGuard.ts';

function allowed(origins: string[], headers: Record<string, string>): boolean {
  let answer = false;
  originCheck(origins)({ headers } as unknown as IncomingMessage, (_err, ok) => {
    answer = ok;
  });
  return answer;
}

describe('the socket origin check', () => {
  const configured = ['http://127.0.0.1:8000'];

  it('allows configured origins and clients without an Origin (bots, tools)', () => {
    expect(allowed(configured, { origin: 'http://127.0.0.1:8000', host: '127.0.0.1:8000' })).toBe(true);
    expect(allowed(configured, { host: '127.0.0.1:8000' })).toBe(true);
  });

  it('allows a page this server served at another address (a classroom laptop on the network)', () => {
    expect(allowed(configured, { origin: 'http://192.168.1.20:8000', host: '192.168.1.20:8000' })).toBe(true);
    expect(allowed(configured, { origin: 'https://games.school.example', host: 'games.school.example' })).toBe(true);
  });

  it('refuses another site’s page', () => {
    expect(allowed(configured, { origin: 'http://evil.example', host: '192.168.1.20:8000' })).toBe(false);
    expect(allowed(configured, { origin: 'http://192.168.1.20:8001', host: '192.168.1.20:8000' })).toBe(false);
    expect(allowed(configured, { origin: 'http://192.168.1.20:8000' })).toBe(false);
  });
});
