const BARE_ADDRESS = /^(?:mailto:)?<?[^\s@<>()",;]+@[^\s@<>()",;]+>?$/i;

/** True when a would-be display name is really an e-mail address (a contact's name never is one). */
export function looksLikeAddress(text: string): boolean {
  return text.includes('@') && BARE_ADDRESS.test(text);
}
