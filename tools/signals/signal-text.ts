import { SIGNAL_KINDS, type SignalKind, type SignalSettings } from '../../knowledge/customer-signals.ts';

const CONTRACTIONS: readonly [RegExp, string][] = [
  [/\b(won't|wont)\b/g, 'will not'],
  [/\b(can't|cant|cannot)\b/g, 'can not'],
  [/\b(don't|dont)\b/g, 'do not'],
  [/\b(doesn't|doesnt)\b/g, 'does not'],
  [/\b(didn't|didnt)\b/g, 'did not'],
  [/\b(isn't|isnt)\b/g, 'is not'],
  [/\b(aren't|arent)\b/g, 'are not'],
  [/\b(wasn't|wasnt)\b/g, 'was not'],
  [/\b(haven't|havent)\b/g, 'have not'],
  [/\b(shouldn't|shouldnt)\b/g, 'should not'],
  [/\b(wouldn't|wouldnt)\b/g, 'would not'],
  [/\b(couldn't|couldnt)\b/g, 'could not'],
  [/n't\b/g, ' not'],
  [/\b(i'm|im)\b/g, 'i am'],
  [/'re\b/g, ' are'],
  [/'ll\b/g, ' will'],
  [/'ve\b/g, ' have'],
  [/'d\b/g, ' would'],
  [
    /\b(it's|its)\b(?= (a|an|the|not|been|going|time|broken|down|urgent|my|our|just|really|so|very|been))/g,
    'it is',
  ],
  [/\b(that's|thats)\b/g, 'that is'],
  [/\b(what's|whats)\b/g, 'what is'],
  [/\b(there's|theres)\b/g, 'there is'],
  [/\b(let's|lets)\b/g, 'let us'],
  [/\btbh\b/g, 'to be honest'],
  [/\bpls|plz\b/g, 'please'],
  [/\bfyi\b/g, 'for your information'],
];

/** Lower case, typographic quotes made plain, contractions spelled out: what cues and words read. */
export function normaliseSignalText(text: string): string {
  let t = text.toLowerCase().replace(/[’‘`]/g, "'").replace(/[“”]/g, '"');
  for (const [pattern, replacement] of CONTRACTIONS) t = t.replace(pattern, replacement);
  return t.replace(/\s+/g, ' ').trim();
}

/** The words of a normalised text (letters and digits, apostrophes dropped). */
export const signalWords = (normalised: string): string[] =>
  normalised.replace(/'/g, '').match(/[a-z0-9]+/g) ?? [];

/** Compiled cues: per kind, the patterns that fire its cue feature; competitors as whole words. */
export interface SignalCues {
  byKind: ReadonlyMap<SignalKind, readonly RegExp[]>;
  competitor: RegExp | null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function compileCues(settings: Pick<SignalSettings, 'cues' | 'competitors'>): SignalCues {
  return {
    byKind: new Map(SIGNAL_KINDS.map((k) => [k, settings.cues[k].map((c) => new RegExp(c))])),
    competitor:
      settings.competitors.length === 0
        ? null
        : new RegExp(`\\b(${settings.competitors.map((c) => escapeRegExp(c.toLowerCase())).join('|')})\\b`),
  };
}

/** The cue features a normalised text fires: `cue:<kind>` per kind, `cue:vendor` for a competitor's name. */
export function firedCues(normalised: string, cues: SignalCues): string[] {
  const fired: string[] = [];
  for (const [kind, patterns] of cues.byKind)
    if (patterns.some((p) => p.test(normalised))) fired.push(`cue:${kind}`);
  if (cues.competitor?.test(normalised)) fired.push('cue:vendor');
  return fired;
}
