import { useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { get, post } from './api.js';
import { duration, usePoll } from './util.js';
import { Confirm } from './confirm.js';

/** Live sessions, refreshed every second, with cancel and terminate. */
export function SessionsPage() {
  const [sessions, error, reload] = usePoll(() => get('/api/v1/sessions'), 1000);
  const [ending, setEnding] = useState(null);
  const [notice, setNotice] = useState(null);
  const signal = async (pid, verb) => {
    try {
      await post(`/api/v1/sessions/${pid}/${verb}`);
      setNotice({ ok: true, text: verb === 'cancel' ? `Cancelled the statement of session ${pid}.`
        : `Terminated session ${pid}.` });
    } catch (failure) {
      setNotice({ ok: false, text: failure.toString() });
    }
    reload();
  };
  const showOrg = sessions && sessions.some((session) => session.org);
  return html`
    <section>
      <h2>Sessions</h2>
      ${error && html`<p class="error" role="alert">${error.toString()}</p>`}
      ${notice && html`<p class=${notice.ok ? 'notice' : 'error'} role="status">${notice.text}</p>`}
      <table class="sessions">
        <thead><tr><th>PID</th><th>User</th>${showOrg && html`<th>Org</th>`}<th>Database</th>
          <th>State</th><th>Statement</th><th>Running for</th><th>Client</th><th></th></tr></thead>
        <tbody>
          ${(sessions || []).map((session) => html`
            <tr data-pid=${session.pid} data-user=${session.user}>
              <td>${session.pid}</td>
              <td>${session.user}</td>
              ${showOrg && html`<td>${session.org || ''}</td>`}
              <td>${session.database}</td>
              <td><span class=${`state state-${session.state.replaceAll(' ', '-')}`}>
                ${session.state}</span></td>
              <td class="query"><code>${session.query}</code></td>
              <td>${duration(session.running_millis)}</td>
              <td>${session.client_address || ''}</td>
              <td class="actions">
                <button disabled=${session.state !== 'active'}
                  onClick=${() => signal(session.pid, 'cancel')}>Cancel</button>
                <button class="danger" onClick=${() => setEnding(session)}>Terminate</button>
              </td>
            </tr>`)}
          ${sessions && sessions.length === 0 && html`
            <tr><td colspan="9" class="empty">No sessions.</td></tr>`}
        </tbody>
      </table>
    </section>
    ${ending && html`<${Confirm}
      question=${`Terminate session ${ending.pid} of ${ending.user}? Its client is disconnected.`}
      action="Terminate" onYes=${() => {
        const pid = ending.pid;
        setEnding(null);
        signal(pid, 'terminate');
      }} onNo=${() => setEnding(null)} />`}`;
}
