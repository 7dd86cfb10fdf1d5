// How wide a line of SVG text is drawn, per font family the SVG names, from the fonts' own advance widths rather
// than from Graphviz's estimate: a viewer draws the SVG with whatever font it has for the family, so the widths
// here are the widest among the fonts a viewer is likely to pick, making every measured box an upper bound.

/** Advance widths in em, by the characters that have them. */
type WidthClasses = readonly (readonly [em: number, characters: string])[];

/**
 * `Helvetica,sans-Serif`: per character the larger advance of Helvetica (Adobe's AFM widths, which Arial and
 * Liberation Sans share) and DejaVu Sans (what most Linux desktops draw for sans-serif, wider in most letters: `t`
 * 0.392 against 0.278), rounded up to a few classes. A character in no class counts as the widest one.
 */
const SANS_SERIF: WidthClasses = [
  [0.3, "ijl'"],
  [0.34, ' .,:;/|I'],
  [0.42, 'frt()[]!-'],
  [0.5, 'J*'],
  [0.56, 'csz_?'],
  [0.64, 'abdeghknopquvxy0123456789$L'],
  [0.73, 'ABCEFKPRSTVXYZ'],
  [0.79, 'DGHNOQU&'],
  [0.87, 'wM<>#+=~'],
];
const SANS_SERIF_WIDEST = 1.02; // m 0.974, W 0.989, % 0.95, @ 1.015

/**
 * `Courier,monospace`: one advance for every character, the widest of the usual monospace fonts: 0.600 em in
 * Courier, Courier New and Liberation Mono; 0.602 em (1233/2048) in DejaVu Sans Mono and Menlo.
 */
const MONOSPACE_EM = 0.602;

/** Height above the baseline and below it, in em: DejaVu Sans's ascender (0.76) and descender (0.24), the deepest. */
export const ASCENT_EM = 0.78;
export const DESCENT_EM = 0.24;

function classWidth(classes: WidthClasses, widest: number): (character: string) => number {
  const byCharacter = new Map<string, number>();
  for (const [em, characters] of classes) for (const character of characters) byCharacter.set(character, em);
  return (character) => byCharacter.get(character) ?? widest;
}

const ADVANCE_BY_FAMILY: Record<string, (character: string) => number> = {
  'Helvetica,sans-Serif': classWidth(SANS_SERIF, SANS_SERIF_WIDEST),
  'Courier,monospace': () => MONOSPACE_EM,
};

/**
 * The width of `text` drawn in `fontFamily` at `fontSize` points, an upper bound over the fonts a viewer may use.
 *
 * @throws for a family without metrics here, naming it: a diagram in a new font needs its widths added first
 */
export function textWidth(text: string, fontFamily: string, fontSize: number): number {
  const advance = ADVANCE_BY_FAMILY[fontFamily];
  if (!advance)
    throw new Error(
      `no character widths for font-family "${fontFamily}"; known: ${Object.keys(ADVANCE_BY_FAMILY).join(', ')}`,
    );
  return [...text].reduce((sum, character) => sum + advance(character), 0) * fontSize;
}
