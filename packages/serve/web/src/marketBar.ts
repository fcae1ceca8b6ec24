import type { MarketStatus, ReplayChange } from '../../src/panelApi';
import { ApiRefusal, postJson } from './api';
import { h, setText } from './dom';
import { num, utcTime } from './format';

const SPEEDS = [1, 2, 5, 10, 30, 60, 120, 300, 600];

/**
 * Where the market stands: exchange, market time, last prices, and for a replay its
 * controls. Built once and then only updated, so a control in use is never replaced.
 */
export const createMarketBar = (container: HTMLElement) => {
  const mode = h('span', { class: 'badge' });
  const time = h('time', { class: 'time' });
  const prices = h('span', { class: 'prices' });
  const play = h('button', { type: 'button', class: 'play' });
  const speed = h('select', { 'aria-label': 'replay speed' });
  const progress = h('span', { class: 'muted' });
  const error = h('span', { class: 'form-error', role: 'alert' });
  const controls = h('span', { class: 'controls' }, play, speed, progress);
  controls.hidden = true;
  container.append(mode, time, prices, controls, error);
  let status: MarketStatus | null = null;

  const send = (change: ReplayChange) => {
    setText(error, '');
    postJson<MarketStatus>('replay', change)
      .then((next) => update(next))
      .catch((e: unknown) => {
        if (e instanceof ApiRefusal) setText(error, e.error.message);
        else throw e;
      });
  };
  play.addEventListener('click', () => send({ paused: !(status?.replay?.paused ?? true) }));
  speed.addEventListener('change', () => send({ speed: Number(speed.value) }));

  const update = (next: MarketStatus) => {
    status = next;
    setText(
      mode,
      next.mode === 'recorded' ? `${next.exchange} · replay` : `${next.exchange} · live`,
    );
    setText(time, next.time === null ? 'before the first tick' : utcTime(next.time));
    setText(
      prices,
      Object.entries(next.prices)
        .map(([s, p]) => `${s} ${num(p)}`)
        .join('   '),
    );
    const replay = next.replay;
    controls.hidden = replay === null;
    if (replay === null) return;
    setText(play, replay.finished ? 'Finished' : replay.paused ? '▶ Play' : '❚❚ Pause');
    play.disabled = replay.finished;
    play.setAttribute('aria-label', replay.paused ? 'play the replay' : 'pause the replay');
    const values = [...new Set([...SPEEDS, replay.speed])].sort((a, b) => a - b);
    if (speed.options.length !== values.length)
      speed.replaceChildren(...values.map((v) => h('option', { value: v }, `${num(v)}×`)));
    if (document.activeElement !== speed) speed.value = String(replay.speed);
    setText(
      progress,
      `${replay.played.toLocaleString('en-US')} / ${replay.total.toLocaleString('en-US')} ticks`,
    );
  };
  return { update };
};
