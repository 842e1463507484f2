/**
 * Classroom nicknames: friendly suggestions ("Quiet Otter") and the check every
 * nickname passes before a student is seated. Pure: randomness is injected.
 *
 * A nickname is trimmed, its runs of spaces collapsed and its text put in Unicode NFC;
 * it then has 1–24 characters (code points), made of letters of any script (with their
 * combining marks), digits, spaces and - ' . — at least one letter or digit. A small
 * block list is matched as a substring of a normalised form (lowercase, accents and
 * width variants folded, a few look-alike letters and leetspeak undone, spaces and
 * punctuation removed, a letter repeated any number of times), so "F.u_u 3 ..." style
 * disguises are caught without refusing names that merely contain short words.
 * @module
 */

/** Kind and neutral adjectives for suggestions. */
export const ADJECTIVES: readonly string[] = [
  'Quiet',
  'Brave',
  'Calm',
  'Bright',
  'Clever',
  'Gentle',
  'Happy',
  'Kind',
  'Lucky',
  'Merry',
  'Nimble',
  'Patient',
  'Polite',
  'Proud',
  'Quick',
  'Silver',
  'Steady',
  'Sunny',
  'Swift',
  'Tidy',
  'Witty',
  'Cheerful',
  'Curious',
  'Friendly',
  'Golden',
  'Honest',
  'Jolly',
  'Mellow',
  'Plucky',
  'Bold',
  'Cosy',
  'Eager',
  'Keen',
  'Lively',
  'Loyal',
  'Noble',
];

/** Animals for suggestions. */
export const ANIMALS: readonly string[] = [
  'Otter',
  'Badger',
  'Beaver',
  'Bison',
  'Camel',
  'Crane',
  'Dolphin',
  'Eagle',
  'Falcon',
  'Ferret',
  'Finch',
  'Fox',
  'Gecko',
  'Heron',
  'Koala',
  'Lemur',
  'Lynx',
  'Marten',
  'Moose',
  'Newt',
  'Owl',
  'Panda',
  'Penguin',
  'Puffin',
  'Quail',
  'Rabbit',
  'Robin',
  'Salmon',
  'Sparrow',
  'Squirrel',
  'Stork',
  'Swan',
  'Tiger',
  'Toucan',
  'Turtle',
  'Walrus',
  'Wombat',
  'Yak',
  'Zebra',
  'Hedgehog',
  'Kiwi',
  'Llama',
  'Meerkat',
];

/** The longest nickname, in characters (code points). */
export const MAX_NICKNAME = 24;

/**
 * The block list, stored ROT13 so the source does not show the words in plain sight.
 * Short words that occur inside ordinary names (Scunthorpe, Yoshitaka, Hancock, Pornchai,
 * Nazim, Kikelomo, Grape…) are left out on purpose: the match is by substring.
 */
const BLOCKED_ROT13 = [
  'shpx',
  'ovgpu',
  'gjng',
  'jnaxre',
  'onfgneq',
  'juber',
  'fyhg',
  'avttre',
  'avttn',
  'snttbg',
  'ergneq',
  'qvyqb',
  'uvgyre',
  'encvfg',
  'wvmm',
  'fuvgurnq',
  'ohyyfuvg',
  'qvpxurnq',
  'pbpxfhpxre',
  'nffubyr',
  'nefrubyr',
  'chffl',
  'xvyylbhefrys',
  'genaal',
  'obyybpxf',
];

function rot13(text: string): string {
  return text.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97));
}

/** The blocked words (lowercase ASCII), as matched against `blocklistForm`. */
export const BLOCKED: readonly string[] = BLOCKED_ROT13.map(rot13);

/** Each blocked word as a pattern where every letter may repeat ("fuuuck"), but not fewer. */
const BLOCKED_PATTERNS: readonly RegExp[] = BLOCKED.map(
  (word) => new RegExp((word.match(/(.)\1*/g) ?? []).map((run) => `${run[0]}{${run.length},}`).join('')),
);

/** Look-alike Cyrillic and Greek letters (lowercase) → the Latin letter they imitate. */
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ѕ: 's',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  т: 't',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
};

/** Leetspeak → letters. */
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

/**
 * The form the block list is matched against: compatibility-decomposed (fullwidth and
 * ligatures folded), accents dropped, lowercase, look-alikes and leetspeak undone, and
 * everything but letters and digits removed.
 */
export function blocklistForm(name: string): string {
  return Array.from(name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase())
    .map((c) => CONFUSABLES[c] ?? LEET[c] ?? c)
    .join('')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Whether a name contains a blocked word, however disguised. */
export function isBlocked(name: string): boolean {
  const form = blocklistForm(name);
  return BLOCKED_PATTERNS.some((p) => p.test(form));
}

const ALLOWED = /^[\p{L}\p{M}\p{Nd} '.-]+$/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;

/**
 * Checks (and tidies) a nickname.
 * @returns the tidied name, or a short reason a student can act on
 */
export function checkNickname(name: string): { ok: true; name: string } | { ok: false; reason: string } {
  if (typeof name !== 'string') return { ok: false, reason: 'Type a name.' };
  if (name.length > 1000) return { ok: false, reason: `Use at most ${MAX_NICKNAME} characters.` };
  const tidy = name
    .normalize('NFC')
    .replace(/\u2019/g, "'")
    .replace(/\s+/gu, ' ')
    .trim();
  if (tidy === '') return { ok: false, reason: 'Type a name.' };
  if (isBlocked(tidy)) return { ok: false, reason: 'That name is not allowed here. Please choose another name.' };
  if (Array.from(tidy).length > MAX_NICKNAME) return { ok: false, reason: `Use at most ${MAX_NICKNAME} characters.` };
  if (!ALLOWED.test(tidy)) return { ok: false, reason: "Use only letters, numbers, spaces and - ' ." };
  if (!HAS_LETTER_OR_DIGIT.test(tidy)) return { ok: false, reason: 'Use at least one letter or number.' };
  return { ok: true, name: tidy };
}

/** An unbiased index below `n` (< 65536) from two random bytes at a time (rejection sampling). */
function pick<T>(list: readonly T[], random: (n: number) => Uint8Array): T {
  const limit = 65536 - (65536 % list.length);
  for (;;) {
    const bytes = random(2);
    const value = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
    if (value < limit) return list[value % list.length] as T;
  }
}

/**
 * A friendly two-word nickname, adjective + animal ("Quiet Otter").
 * @param random - the random source (e.g. `secureRandom`)
 */
export function suggestNickname(random: (n: number) => Uint8Array): string {
  return `${pick(ADJECTIVES, random)} ${pick(ANIMALS, random)}`;
}
