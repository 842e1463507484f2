/**
 * Classroom nicknames: suggestions are friendly and always acceptable; the check tidies
 * spaces, keeps to 1–24 letters/digits/spaces/- ' . of any script, and refuses a blocked
 * word however it is disguised — without refusing ordinary names that merely contain
 * short words. Blocked words are only ever used through the list itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { secureRandom, seededRandom } from '../../src/crypto/index.ts';
import {
  ADJECTIVES,
  ANIMALS,
  BLOCKED,
  blocklistForm,
  checkNickname,
  isBlocked,
  MAX_NICKNAME,
  suggestNickname,
} from '../../src/server/classes/nicknames.ts';

const okName = (name: string) => {
  const result = checkNickname(name);
  return result.ok ? result.name : undefined;
};
const reasonOf = (name: string) => {
  const result = checkNickname(name);
  return result.ok ? undefined : result.reason;
};

/** Ways of disguising a word: each must still be refused. */
const LEET_BACK: Record<string, string> = { o: '0', i: '1', e: '3', a: '4', s: '5', t: '7' };
const DISGUISES: readonly [string, (w: string) => string][] = [
  ['upper case', (w) => w.toUpperCase()],
  ['title case inside a name', (w) => `Captain ${w[0]?.toUpperCase()}${w.slice(1)}`],
  ['leetspeak', (w) => w.replace(/[oieast]/g, (c) => LEET_BACK[c] ?? c)],
  ['spaces between letters', (w) => w.split('').join(' ')],
  ['dots and dashes', (w) => w.split('').join(w.length % 2 ? '.' : '-')],
  ['accents', (w) => w.replace(/a/g, 'á').replace(/e/g, 'ë').replace(/i/g, 'ï').replace(/o/g, 'ô').replace(/u/g, 'ü')],
  ['repeated letters', (w) => w.replace(/[aeiou]/g, (c) => c.repeat(3))],
  ['fullwidth letters', (w) => w.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))],
  ['Cyrillic look-alikes', (w) => w.replace(/a/g, 'а').replace(/e/g, 'е').replace(/o/g, 'о').replace(/c/g, 'с')],
  ['decomposed accents', (w) => w.replace(/u/g, 'u\u0308').normalize('NFD')],
];

describe('suggestNickname', () => {
  it('has at least 30 adjectives and 30 animals, all different', () => {
    expect(ADJECTIVES.length).toBeGreaterThanOrEqual(30);
    expect(ANIMALS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ADJECTIVES).size).toBe(ADJECTIVES.length);
    expect(new Set(ANIMALS).size).toBe(ANIMALS.length);
  });

  it('every possible suggestion passes the check unchanged', () => {
    for (const adjective of ADJECTIVES) {
      for (const animal of ANIMALS) {
        const name = `${adjective} ${animal}`;
        expect(checkNickname(name), name).toEqual({ ok: true, name });
      }
    }
  });

  it('suggests "adjective animal" from the lists, with the platform random source', () => {
    for (let i = 0; i < 200; i++) {
      const name = suggestNickname(secureRandom);
      const [adjective, animal, ...rest] = name.split(' ');
      expect(ADJECTIVES).toContain(adjective);
      expect(ANIMALS).toContain(animal);
      expect(rest).toEqual([]);
      expect(checkNickname(name).ok).toBe(true);
    }
  });

  it('is reproducible from a seeded source and reaches every word', () => {
    const a = seededRandom('class');
    const b = seededRandom('class');
    const names = Array.from({ length: 3000 }, () => suggestNickname(a));
    expect(Array.from({ length: 3000 }, () => suggestNickname(b))).toEqual(names);
    const adjectives = new Set(names.map((n) => n.split(' ')[0]));
    const animals = new Set(names.map((n) => n.split(' ')[1]));
    expect(adjectives.size).toBe(ADJECTIVES.length);
    expect(animals.size).toBe(ANIMALS.length);
  });

  it('rejects biased draws instead of folding them (rejection sampling)', () => {
    // The first draws are 0xffff, above the largest multiple of the list size; then 0.
    const draws = [
      [0xff, 0xff],
      [0xff, 0xff],
      [0, 0],
      [0xff, 0xff],
      [0, 1],
    ];
    let i = 0;
    const random = (n: number) => Uint8Array.from(draws[i++] ?? Array(n).fill(0));
    expect(suggestNickname(random)).toBe(`${ADJECTIVES[0]} ${ANIMALS[1]}`);
    expect(i).toBe(5);
  });
});

describe('checkNickname: tidying and limits', () => {
  it('trims and collapses spaces of any kind', () => {
    expect(okName('  Quiet   Otter  ')).toBe('Quiet Otter');
    expect(okName('\tAna\u00a0\u00a0María\n')).toBe('Ana María');
    expect(okName('Jo\u3000Lee')).toBe('Jo Lee');
  });

  it('puts the name in NFC and turns a curly apostrophe into a straight one', () => {
    expect(okName('Zoe\u0308')).toBe('Zoë');
    expect(okName('O’Brien')).toBe("O'Brien");
  });

  it('accepts 1 to 24 characters, counted as characters, not UTF-16 units', () => {
    expect(okName('A')).toBe('A');
    expect(okName('x'.repeat(MAX_NICKNAME))).toBe('x'.repeat(MAX_NICKNAME));
    expect(reasonOf('x'.repeat(MAX_NICKNAME + 1))).toMatch(/at most 24/);
    expect(okName('𝒜'.repeat(MAX_NICKNAME))).toBeDefined(); // 24 letters outside the BMP
    expect(reasonOf('𝒜'.repeat(MAX_NICKNAME + 1))).toMatch(/at most 24/);
    expect(reasonOf('x'.repeat(100_000))).toMatch(/at most 24/);
  });

  it('refuses an empty name and one without a letter or digit', () => {
    expect(reasonOf('')).toMatch(/Type a name/);
    expect(reasonOf('   \n ')).toMatch(/Type a name/);
    expect(reasonOf("- ' .")).toMatch(/letter or number/);
  });

  it('refuses symbols, emoji and control or invisible characters', () => {
    for (const bad of ['Ana!', 'a+b', '<b>', 'Ana😀', 'Ana\u0000', 'A\u200bna', 'A\u202ena', 'ana@x', '#1', 'a_b']) {
      expect(reasonOf(bad), JSON.stringify(bad)).toMatch(/only letters, numbers/);
    }
  });

  it('accepts ordinary names in many scripts, and names that merely contain short words', () => {
    const names = [
      'Zoë',
      'Łukasz',
      '明',
      'Siobhán',
      "O'Brien",
      'Jean-Luc',
      'Dr. Ada',
      'Ngozi',
      'Иван',
      'Олександра',
      'محمد',
      'अनन्या',
      '김민준',
      'さくら',
      'Nguyễn Văn An',
      'Øyvind',
      'Ψυχή',
      'Team 7',
      // Names with short blocked-looking substrings the list deliberately leaves out.
      'Cassandra',
      'Dickens',
      'Hancock',
      'Scunthorpe',
      'Yoshitaka',
      'Ashita',
      'Pornchai',
      'Nazim',
      'Kikelomo',
      'Spicer',
      'Raccoon',
      'Peacock',
      'Grape',
      'Essex',
      'Nigeria',
      'Matsushita',
      'Hitoshi',
    ];
    for (const name of names) expect(checkNickname(name), name).toEqual({ ok: true, name: name.normalize('NFC') });
  });

  it('property: any accepted name is tidy, short and made of allowed characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (raw) => {
        const result = checkNickname(raw);
        if (!result.ok) return;
        expect(result.name).toBe(result.name.trim());
        expect(result.name).not.toMatch(/\s{2}|[^\S ]/u);
        expect(Array.from(result.name).length).toBeLessThanOrEqual(MAX_NICKNAME);
        expect(result.name).toMatch(/^[\p{L}\p{M}\p{Nd} '.-]+$/u);
        expect(checkNickname(result.name)).toEqual(result); // idempotent
      }),
      { seed: 99, numRuns: 500 },
    );
  });
});

describe('checkNickname: the block list', () => {
  it('is modest and stored in the form it is matched in', () => {
    expect(BLOCKED.length).toBeGreaterThan(10);
    expect(BLOCKED.length).toBeLessThan(100);
    for (const word of BLOCKED) expect(blocklistForm(word)).toBe(word);
  });

  it('normalises: lowercase, no accents, leetspeak undone, spaces and punctuation gone', () => {
    expect(blocklistForm('Ábc Déf')).toBe('abcdef');
    expect(blocklistForm("0-1.3 4'5 7")).toBe('oieast');
    expect(blocklistForm('@$')).toBe('as');
    expect(blocklistForm('ＡＢＣ')).toBe('abc');
  });

  for (const [how, disguise] of DISGUISES) {
    it(`refuses every blocked word disguised by ${how}, with a plain reason`, () => {
      for (const word of BLOCKED) {
        const name = disguise(word);
        expect(isBlocked(name)).toBe(true);
        const result = checkNickname(name);
        expect(result.ok).toBe(false);
        if (!result.ok && Array.from(name).length <= MAX_NICKNAME) {
          expect(result.reason).toMatch(/choose another name/);
          // The reason never repeats the word back.
          expect(result.reason.toLowerCase()).not.toContain(word);
        }
      }
    });
  }

  it('refuses a blocked word hidden inside a longer name', () => {
    for (const word of BLOCKED) {
      expect(reasonOf(`xx${word}yy`)).toMatch(/choose another name/);
      expect(reasonOf(`Big ${word.slice(0, 2)} ${word.slice(2)}`)).toMatch(/choose another name/);
    }
  });

  it('repeated letters may grow a word but never shrink one into it', () => {
    for (const word of BLOCKED) {
      const doubled = word.match(/(.)\1/);
      if (!doubled) continue;
      // One letter fewer than the word has is a different word.
      expect(isBlocked(word.replace(doubled[0], doubled[1] ?? ''))).toBe(false);
    }
  });
});
