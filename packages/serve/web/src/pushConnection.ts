import type { PushMessage } from '../../src/panelApi';
import type { PanelState } from './panelState';

/**
 * The live feed. After a drop it reconnects with the last position it heard, and the server
 * sends exactly what was missed before going live again; a page that never had a snapshot
 * simply starts with one.
 */
export const connectPush = (state: PanelState, onMessage: (m: PushMessage) => void): void => {
  let attempt = 0;
  const open = () => {
    const url = new URL('ws', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (state.synced) url.searchParams.set('after', String(state.position));
    const ws = new WebSocket(url);
    ws.onopen = () => {
      attempt = 0;
      state.connection = 'live';
      state.changed('connection');
    };
    ws.onmessage = (e: MessageEvent<string>) => onMessage(JSON.parse(e.data) as PushMessage);
    ws.onclose = () => {
      state.connection = 'reconnecting';
      state.changed('connection');
      setTimeout(open, Math.min(5_000, 250 * 2 ** attempt++));
    };
  };
  open();
};
