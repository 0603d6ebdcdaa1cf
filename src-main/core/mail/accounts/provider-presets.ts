import type { Provider, Security } from '../../../../src-shared/api/mail.js';

export interface ProviderPreset {
  provider: Provider;
  host: string;
  port: number;
  security: Security;
}

/** IMAP settings published by each provider (all implicit TLS on 993). */
export const PROVIDER_PRESETS: Readonly<Record<Provider, ProviderPreset>> = {
  gmail: { provider: 'gmail', host: 'imap.gmail.com', port: 993, security: 'tls' },
  outlook: { provider: 'outlook', host: 'outlook.office365.com', port: 993, security: 'tls' },
  icloud: { provider: 'icloud', host: 'imap.mail.me.com', port: 993, security: 'tls' },
  fastmail: { provider: 'fastmail', host: 'imap.fastmail.com', port: 993, security: 'tls' },
  yahoo: { provider: 'yahoo', host: 'imap.mail.yahoo.com', port: 993, security: 'tls' },
};

/** Consumer domains of each provider. Custom domains (Workspace, Microsoft 365) name the provider explicitly. */
const DOMAINS: Readonly<Record<Provider, readonly string[]>> = {
  gmail: ['gmail.com', 'googlemail.com'],
  outlook: ['outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'office365.com', 'outlook.fr', 'outlook.de', 'hotmail.co.uk', 'hotmail.fr', 'live.co.uk'],
  icloud: ['icloud.com', 'me.com', 'mac.com'],
  fastmail: ['fastmail.com', 'fastmail.fm', 'fastmail.net', 'fastmail.org', 'messagingengine.com'],
  yahoo: ['yahoo.com', 'ymail.com', 'rocketmail.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.co.jp', 'yahoo.ca'],
};

const BY_DOMAIN = new Map<string, Provider>(Object.entries(DOMAINS).flatMap(([provider, domains]) => domains.map((domain) => [domain, provider as Provider])));

const BY_HOST = new Map<string, Provider>(Object.values(PROVIDER_PRESETS).map((preset) => [preset.host, preset.provider]));

export function presetForAddress(address: string): ProviderPreset | null {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  const provider = BY_DOMAIN.get(domain);
  return provider ? PROVIDER_PRESETS[provider] : null;
}

/** Recognises a provider from a host typed by hand (`imap.gmail.com` is Gmail whatever the address). */
export function providerForHost(host: string): Provider | null {
  return BY_HOST.get(host.toLowerCase()) ?? null;
}
