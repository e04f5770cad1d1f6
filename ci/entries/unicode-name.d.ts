// unicode-name ships JavaScript without type declarations; these are the functions used here.
declare module 'unicode-name' {
  /** The character's name, or a label such as "<noncharacter-FFFF>" for code points without one. */
  export function unicodeName(char: string): string | undefined;
  export function unicodeLabel(char: string): string | undefined;
}
