import { normaliseAddress } from '../../network/headers/index.js';

export interface DeclaredIdentity {
  address: string;
  accountId: number;
  source: 'account' | 'alias';
}

/** The account's address and its aliases, normalised as every address in the vault is (DESIGN rule 6). */
export function declaredIdentities(account: { id: number; address: string; aliases: readonly string[] }): DeclaredIdentity[] {
  const declared = [
    { address: account.address, source: 'account' as const },
    ...account.aliases.map((address) => ({ address, source: 'alias' as const })),
  ];
  return declared.flatMap(({ address, source }) => {
    const normalised = normaliseAddress(address);
    return normalised ? [{ address: normalised, accountId: account.id, source }] : [];
  });
}
