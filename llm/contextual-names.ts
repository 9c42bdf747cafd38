/**
 * Names of people the store does not know, found by the words around them: a sign-off ("Thanks,
 * Zoe Muller", "Kind regards,\nTimo"), a role ("our champion Ruth Adeyemi", "the CTO, Bram
 * Jansen", "Dora Kim (our admin)"), an introduction ("my name is Hugo Blanc"), a title ("Dr. Mei
 * Lin") or a signature line ("-- tariq"). A capitalised word is taken for a name only there, and
 * never when it is a word a sentence could go on with ("Thanks, Team!", "the CEO Summit"). Pure.
 */

const WORD = "\\p{Lu}[\\p{L}'’-]+";
const PARTICLE = '(?:de|van|von|der|den|da|di|du|le|la|del|dos|das|bin|ibn|al|Ní|Nic|Mac|ter|ten)';
/** One to three capitalised words (with name particles between), or an initial and a surname. */
const NAME = `(?:\\p{Lu}\\.\\s?${WORD}|${WORD}(?:\\s+(?:${PARTICLE}\\s+)?${WORD}){0,2})`;

const SIGN_OFFS =
  'thanks|thank you|many thanks|thanks so much|thx|regards|kind regards|best regards|warm regards|best wishes|all the best|best|cheers|sincerely|yours truly|yours sincerely|yours|talk soon|speak soon|merci|gruß|grüße|viele grüße|saludos|un saludo|cordialement|ciao|groeten|pozdrawiam|signed';
/** Role words in any case ("champion", "Champion"), acronyms as written, and "VP of Sales", "head of IT". */
const ROLE_WORDS =
  'champion|executive sponsor|exec sponsor|sponsor|administrator|admin|director|manager|technical lead|project lead|procurement lead|lead|buyer|co-founder|founder|president|point of contact|contact person|contact|decision-maker|decision maker';
const ROLE_ACRONYMS = 'CEO|CFO|CTO|COO|CIO|CISO|CMO|CRO|CPO';

/** Capitalised words that start or go on with a sentence rather than name a person. */
const NOT_NAMES = new Set(
  'team all everyone everybody guys folks again so much again also and the a an for in advance support sales success account customer customers office portal panel dashboard engineer developer designer architect analyst consultant report reports summit meeting call product ops operations finance legal it hr engineering board group company crew staff hi hello hey regarding re fyi please not sorry happy glad afraid still just here back very really going trying looking writing calling reaching new our your their this that'.split(
    ' ',
  ),
);

const isName = (candidate: string) => {
  const words = candidate.split(/\s+/);
  return !NOT_NAMES.has((words[0] ?? '').toLowerCase().replace(/[’']s$/, ''));
};

/** Replaces group `name` of each match of `pattern` with [person] when it reads as a name. */
function replaceNamed(text: string, pattern: RegExp): string {
  return text.replace(pattern, (whole: string, ...rest: unknown[]) => {
    const groups = rest.at(-1) as { name?: string } | undefined;
    const name = groups?.name;
    if (!name || !isName(name)) return whole;
    const at = whole.lastIndexOf(name);
    return `${whole.slice(0, at)}[person]${whole.slice(at + name.length)}`;
  });
}

/** Where a name ends: the end, a line break, or punctuation (not a word a sentence goes on with). */
const END = '(?=\\s*(?:$|\\n|[,.;:!?|()—–]|\\s[-–—&]))';
/** Where a name ends after a role or a title: at the end of its last word. */
const WORD_END = "(?![\\p{L}'’-])";

/** Words matched in any case while the name after them must stay capitalised ("thanks" → "[Tt][Hh]…"). */
const anyCase = (alternatives: string) =>
  alternatives.replace(/\p{L}/gu, (c) =>
    c.toLowerCase() === c.toUpperCase() ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`,
  );

const ROLES = `${anyCase(ROLE_WORDS)}|${ROLE_ACRONYMS}|VP(?: of)? \\p{Lu}\\w+|${anyCase('head of')} \\p{L}+`;

const PATTERNS: RegExp[] = [
  // A sign-off at the start of the text or a line, or after a sentence, then the name.
  new RegExp(
    `(?:^|[\\n.!?]\\s*|,\\s+)(?:${anyCase(SIGN_OFFS)})\\s*[,!.]?(?:[ \\t]*\\n\\s*|[ \\t]+)(?:[-–—]+\\s*)?(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof)\\.?\\s+)?(?<name>${NAME})${END}`,
    'gu',
  ),
  // A role, then the name: "our champion Ruth Adeyemi", "the CTO, Bram Jansen", "CFO: Ann Lee".
  new RegExp(
    `\\b(?:(?:our|my|their|the|new|former|old|acting|[Oo]ur|[Tt]he|[Mm]y)\\s+)*(?:${ROLES})(?:\\s+(?:is|was))?\\s*[,:–—-]?\\s+(?<name>${NAME})${WORD_END}`,
    'gu',
  ),
  // The name, then its role: "Dora Kim (our admin)", "Kwame Mensah, our new CTO".
  new RegExp(
    `(?<name>${NAME})(?:\\s*\\((?:[^()]{0,30}\\s)?(?:${ROLES})\\b[^()]{0,30}\\)|,\\s+(?:(?:our|their|the|new)\\s+)*(?:${ROLES})\\b)`,
    'gu',
  ),
  // An introduction: "my name is Hugo Blanc", "I'm Dmitri".
  new RegExp(`\\b(?:${anyCase("my name is|my name's|name:")}|I am|I'm)\\s+(?<name>${NAME})${WORD_END}`, 'gu'),
  // A title: "Dr. Mei Lin".
  new RegExp(`\\b(?:Dr|Mr|Mrs|Ms|Mx|Prof)\\.?\\s+(?<name>${NAME})${WORD_END}`, 'gu'),
];

/** A signature line at the very end: "-- tariq", "— Lars". */
const SIGNATURE_LINE =
  /(^|\n)([ \t]*(?:--|—|–|-)[ \t]*)([\p{L}][\p{L}'’-]+(?:[ \t]+[\p{L}][\p{L}'’-]+)?)[ \t]*$/u;

export function redactNamesInContext(text: string): string {
  let out = text;
  for (const pattern of PATTERNS) out = replaceNamed(out, pattern);
  return out.replace(SIGNATURE_LINE, (whole, start: string, dash: string, name: string) =>
    isName(name) ? `${start}${dash}[person]` : whole,
  );
}
