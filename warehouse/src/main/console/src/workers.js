import { html } from 'htm/preact';
import { get } from './api.js';
import { duration, usePoll } from './util.js';

/** The control plane's worker processes, refreshed every two seconds. */
export function WorkersPage() {
  const [workers, error] = usePoll(() => get('/api/v1/workers'), 2000);
  return html`
    <section>
      <h2>Workers</h2>
      ${error && html`<p class="error" role="alert">${error.toString()}</p>`}
      <table class="workers">
        <thead><tr><th>#</th><th>PID</th><th>Org</th><th>Flavor</th><th>Connections</th>
          <th>State</th><th>Uptime</th><th>Restarts</th></tr></thead>
        <tbody>
          ${(workers || []).map((worker) => html`
            <tr data-worker=${worker.id}>
              <td>${worker.id}</td>
              <td>${worker.pid}</td>
              <td>${worker.org || html`<span class="muted">neutral</span>`}</td>
              <td>${worker.flavor || ''}</td>
              <td class="number">${worker.connections}</td>
              <td><span class=${`state state-${worker.state}`}>${worker.state}</span></td>
              <td>${duration(worker.uptime_seconds * 1000)}</td>
              <td class="number">${worker.restarts}</td>
            </tr>`)}
        </tbody>
      </table>
    </section>`;
}
