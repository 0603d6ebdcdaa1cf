import type { AuthKind, Provider, Security } from '../../../../src-shared/api/mail.js';
import { RapportError } from '../../errors.js';
import { normaliseAddress } from '../../network/headers/index.js';
import type { NewAccount } from './account-store.js';
import { isLoopbackHost } from './is-loopback-host.js';
import { PROVIDER_PRESETS, presetForAddress, providerForHost } from './provider-presets.js';
import { absoluteCaPath, readCaFile } from './read-ca-file.js';

export interface AccountRequest {
  address: string;
  host?: string | undefined;
  port?: number | undefined;
  security?: Security | undefined;
  username?: string | undefined;
  authKind: AuthKind;
  caFile?: string | undefined;
  provider?: Provider | undefined;
  aliases: string[];
}

const DEFAULT_PORT: Record<Security, number> = { tls: 993, starttls: 143, plain: 143 };

function invalid(path: string, message: string): RapportError {
  return new RapportError('invalid_args', message, [{ path, message }]);
}

function checkedAddress(path: string, address: string): string {
  const trimmed = address.trim();
  if (normaliseAddress(trimmed) === null) throw invalid(path, `not a usable e-mail address: ${trimmed}`);
  return trimmed.toLowerCase();
}

/**
 * Fills host, port and security from the provider preset (named, or found from the address's
 * domain), and checks what would make every later connection fail or leak: plain IMAP to a
 * non-loopback host, an unreadable CA file.
 */
export function resolveAccountSettings(request: AccountRequest): NewAccount {
  const address = checkedAddress('address', request.address);
  const preset = request.provider ? PROVIDER_PRESETS[request.provider] : presetForAddress(address);
  const host = (request.host ?? preset?.host)?.trim().toLowerCase();
  if (!host) {
    throw invalid('host', `no preset for ${address.slice(address.lastIndexOf('@') + 1)}: give the IMAP server with --host (and --port, --security if not 993/tls)`);
  }
  const usesPreset = preset !== null && preset !== undefined && host === preset.host;
  const port = request.port ?? (usesPreset && request.security === undefined ? preset.port : undefined);
  const security: Security = request.security ?? (usesPreset ? preset.security : port === 143 ? 'starttls' : 'tls');
  if (security === 'plain' && !isLoopbackHost(host)) {
    throw invalid('security', `plain (unencrypted) IMAP is only allowed to this computer (localhost); ${host} needs --security tls or starttls`);
  }
  let caFile: string | null = null;
  if (request.caFile !== undefined) {
    caFile = absoluteCaPath(request.caFile);
    readCaFile(caFile);
  }
  const aliases = [...new Set(request.aliases.map((alias, index) => checkedAddress(`aliases.${index}`, alias)))].filter((alias) => alias !== address);
  return {
    address,
    host,
    port: port ?? DEFAULT_PORT[security],
    security,
    // The login name keeps the spelling the user typed; only the stored address is lower-cased.
    username: request.username ?? request.address.trim(),
    authKind: request.authKind,
    caFile,
    provider: request.provider ?? providerForHost(host) ?? (usesPreset ? preset.provider : null),
    aliases,
  };
}
