import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { connectWebSocketApi } from './transport/websocket-api.js';

// In Electron the preload provides window.rapport; in a browser the headless server does.
if (!(window as Partial<Window>).rapport) {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  window.rapport = connectWebSocketApi(token);
}

createRoot(document.getElementById('root')!).render(<App />);
