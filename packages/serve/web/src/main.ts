import type { OrderDetail, PushMessage } from '../../src/panelApi';
import { ApiRefusal, getJson, token } from './api';
import { createCancelDialog } from './cancelDialog';
import { createCreateForm } from './createForm';
import { detailChart } from './detailChart';
import { byId, setText } from './dom';
import { renderEvents } from './eventList';
import { createMarketBar } from './marketBar';
import { createModifyDialog } from './modifyDialog';
import { createOrderChart } from './orderChart';
import { createOrdersTable } from './ordersTable';
import { appendNewer, createPanelState } from './panelState';
import { connectPush } from './pushConnection';
import { createTokenPrompt } from './tokenPrompt';
import './style.css';

const state = createPanelState();
token.takeFromAddress();
const prompt = createTokenPrompt(byId('token'));
token.whenRefused(() => prompt.show());

const current = (orderId: string) => state.orders.get(orderId);
const market = createMarketBar(byId('market'));
const chart = createOrderChart(byId('chart'));
const modify = createModifyDialog(byId<HTMLDialogElement>('modify-dialog'), current);
const cancel = createCancelDialog(byId<HTMLDialogElement>('cancel-dialog'), current);

const loadDetail = (orderId: string) => {
  state.detail = { orderId, events: [], prices: [], loading: { events: [], prices: [] } };
  state.changed('detail');
  getJson<OrderDetail>(`orders/${encodeURIComponent(orderId)}`)
    .then((detail) => {
      const d = state.detail;
      if (d === null || d.orderId !== orderId || d.loading === null) return;
      d.events = [...detail.events];
      d.prices = [...detail.prices];
      appendNewer(d.events, d.loading.events, (e) => e.position);
      appendNewer(d.prices, d.loading.prices, (p) => p.ts);
      d.loading = null;
      state.changed('detail');
    })
    .catch((e: unknown) => {
      if (!(e instanceof ApiRefusal)) throw e;
    });
};

const select = (orderId: string) => {
  state.selected = orderId;
  loadDetail(orderId);
  state.changed('orders');
};

const table = createOrdersTable(
  byId('orders-table').querySelector('tbody') as HTMLTableSectionElement,
  byId('orders-empty'),
  {
    select,
    modify: (id) => modify.open(id),
    cancel: (id) => cancel.open(id),
  },
);
const form = createCreateForm(byId<HTMLFormElement>('create-form'), {
  symbols: () => state.market?.symbols ?? [],
  created: select,
});

const onMessage = (m: PushMessage) => {
  switch (m.type) {
    case 'snapshot':
      state.orders.clear();
      for (const o of m.orders) state.orders.set(o.orderId, o);
      state.position = m.position;
      state.synced = true;
      state.market = m.market;
      state.changed('orders');
      state.changed('market');
      if (state.selected !== null) loadDetail(state.selected);
      return;
    case 'event': {
      state.position = Math.max(state.position, m.event.position);
      const d = state.detail;
      if (d === null || m.event.orderId !== d.orderId) return;
      appendNewer(d.loading?.events ?? d.events, [m.event], (e) => e.position);
      state.changed('detail');
      return;
    }
    case 'order':
      state.orders.set(m.order.orderId, m.order);
      state.changed('orders');
      return;
    case 'market': {
      state.market = m.market;
      state.changed('market');
      const d = state.detail;
      const symbol = d === null ? undefined : state.orders.get(d.orderId)?.symbol;
      const points = symbol === undefined ? undefined : m.prices[symbol];
      if (d !== null && points !== undefined)
        appendNewer(d.loading?.prices ?? d.prices, points, (p) => p.ts);
      if (d !== null) state.changed('detail');
      return;
    }
  }
};

const drawDetail = () => {
  const d = state.detail;
  const title = byId('detail-title');
  if (d === null || d.loading !== null) {
    setText(title, d === null ? 'Select an order' : `${d.orderId} …`);
    return;
  }
  const view = state.orders.get(d.orderId);
  setText(
    title,
    view === undefined
      ? d.orderId
      : `${view.orderId} · ${view.side} ${view.symbol} · ${view.status} · ${view.progress}`,
  );
  const last = view === undefined ? undefined : state.market?.prices[view.symbol];
  const now = state.market?.time ?? null;
  const prices =
    last === undefined || now === null ? d.prices : [...d.prices, { ts: now, price: last }];
  chart.draw(detailChart(d.orderId, d.events, prices, now));
  renderEvents(byId<HTMLOListElement>('events'), d.events);
};

state.onRender((parts) => {
  if (parts.has('orders')) table.render(state.orders, state.selected);
  if (parts.has('market') && state.market !== null) {
    market.update(state.market);
    form.updateSymbols();
  }
  if (parts.has('detail') || parts.has('orders')) drawDetail();
  if (parts.has('connection')) {
    const el = byId('connection');
    setText(
      el,
      state.connection === 'live'
        ? '● live'
        : state.connection === 'connecting'
          ? 'connecting…'
          : 'reconnecting…',
    );
    el.dataset['state'] = state.connection;
  }
});

connectPush(state, onMessage);
