import { useEffect, useState } from 'react';
import type { VaultStatus } from '../src-shared/api/vault.js';

/** Placeholder screen until the full UI lands: proves the window reaches the core. */
export function App() {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    window.rapport
      .invoke('vault.status', {})
      .then(setStatus)
      .catch((failure: Error) => setError(failure.message));
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>Rapport</h1>
      {error && <p role="alert">{error}</p>}
      {status && <p>{status.exists ? `Vault in ${status.dataDir} (${status.mode})` : 'No vault yet. Create one with rapport init.'}</p>}
    </main>
  );
}
