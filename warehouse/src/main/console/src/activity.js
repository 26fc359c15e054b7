import { useEffect, useRef } from 'preact/hooks';
import { html } from 'htm/preact';
import uPlot from 'uplot';
import { get } from './api.js';
import { usePoll } from './util.js';

/** Statements per second and their p95 run time, per 10-second window over the last hour. */
export function ActivityPage() {
  const [samples, error] = usePoll(() => get('/api/v1/metrics/statements'), 10000);
  const box = useRef(null);
  const plot = useRef(null);
  useEffect(() => {
    if (!samples || !box.current) {
      return;
    }
    const data = [
      samples.map((sample) => sample.start / 1000),
      samples.map((sample) => sample.per_second),
      samples.map((sample) => (sample.per_second > 0 ? sample.p95_ms : null)),
    ];
    if (plot.current) {
      plot.current.setData(data);
      return;
    }
    plot.current = new uPlot({
      width: Math.max(box.current.clientWidth, 400),
      height: 320,
      scales: { x: { time: true }, rate: { auto: true }, ms: { auto: true } },
      series: [
        {},
        { label: 'statements/s', scale: 'rate', stroke: '#2563eb', width: 2,
          fill: 'rgba(37, 99, 235, 0.12)', value: (u, v) => (v == null ? '' : v.toFixed(1)) },
        { label: 'p95 ms', scale: 'ms', stroke: '#dc2626', width: 2, spanGaps: false,
          points: { show: true, size: 5, fill: '#dc2626' },
          value: (u, v) => (v == null ? '' : v.toFixed(2)) },
      ],
      axes: [
        {},
        { scale: 'rate', label: 'statements per second' },
        { scale: 'ms', side: 1, label: 'p95 (ms)', grid: { show: false } },
      ],
    }, data, box.current);
    return undefined;
  }, [samples]);
  useEffect(() => () => plot.current && plot.current.destroy(), []);
  const total = samples ? samples.reduce((sum, sample) => sum + sample.per_second * 10, 0) : 0;
  return html`
    <section>
      <h2>Statements, last hour</h2>
      ${error && html`<p class="error" role="alert">${error.toString()}</p>`}
      <p class="muted" data-result="statements-total">${Math.round(total)} statements in the
        last hour (10-second windows; p95 within 19%).</p>
      <div class="chart" ref=${box}></div>
    </section>`;
}
