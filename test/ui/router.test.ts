import { describe, expect, it } from 'vitest';
import { href, parseHash, type Route } from '../../src/ui/router.ts';

describe('the hash router', () => {
  it('reads every screen back from the link it makes', () => {
    const routes: Route[] = [
      { name: 'home' },
      { name: 'solo' },
      { name: 'create' },
      { name: 'lesson' },
      { name: 'glossary' },
      { name: 'join', code: 'K7QM2X' },
      { name: 'table', matchID: 'a1b2c3', playerID: '2' },
      { name: 'class-new' },
      { name: 'class-join', code: 'K7QM2X' },
      { name: 'class-dashboard', code: 'K7QM2X' },
      { name: 'class-projector', code: 'K7QM2X' },
      { name: 'class-debrief', code: 'K7QM2X' },
      { name: 'class-docket', code: 'K7QM2X' },
      { name: 'seat', matchID: 'a1b2c3', playerID: '2', credentials: 'f00d/+=', player: 'Zoë Ann' },
    ];
    for (const route of routes) expect(parseHash(href(route))).toEqual(route);
  });

  it('a second # marks a place on the page, not a path', () => {
    expect(parseHash('#/glossary#calea')).toEqual({ name: 'glossary' });
  });

  it('falls back to not-found for broken or unknown paths', () => {
    expect(parseHash('#/seat/a/b/c')).toEqual({ name: 'not-found', path: 'seat/a/b/c' });
    expect(parseHash('#/table/%E0%A4%A/1').name).toBe('not-found');
    expect(parseHash('#/nowhere').name).toBe('not-found');
  });
});
