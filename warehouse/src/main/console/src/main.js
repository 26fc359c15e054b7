// The admin console: a login form, then one page per part the server runs (it says which in
// GET /api/v1/console): orgs and their users, workers, sessions, and the statement-rate chart.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { html } from 'htm/preact';
import 'uplot/dist/uPlot.min.css';
import './console.css';
import { get, onUnauthorized, post } from './api.js';
import { Login } from './login.js';
import { OrgsPage } from './orgs.js';
import { UsersPage } from './users.js';
import { WorkersPage } from './workers.js';
import { SessionsPage } from './sessions.js';
import { ActivityPage } from './activity.js';

function App() {
  // null: not known yet; false: logged out; otherwise the server's parts.
  const [parts, setParts] = useState(null);
  const [loginMessage, setLoginMessage] = useState(null);
  const [page, setPage] = useState(null);
  const [org, setOrg] = useState(null);

  const load = async () => {
    try {
      const found = await get('/api/v1/console');
      setParts(found);
      setPage((current) => current || (found.orgs ? 'orgs' : 'sessions'));
    } catch (failure) {
      setParts(false);
      if (failure.status !== 401) {
        setLoginMessage(failure.toString());
      }
    }
  };
  useEffect(() => {
    onUnauthorized((error) => {
      setParts(false);
      setLoginMessage(`${error} — log in again`);
    });
    load();
  }, []);

  if (parts === null) {
    return html`<main class="loading">Loading…</main>`;
  }
  if (parts === false) {
    return html`<${Login} message=${loginMessage} onLogin=${() => {
      setLoginMessage(null);
      load();
    }} />`;
  }
  const tabs = [
    parts.orgs && ['orgs', 'Orgs'],
    parts.workers && ['workers', 'Workers'],
    parts.sessions && ['sessions', 'Sessions'],
    parts.sessions && ['activity', 'Activity'],
  ].filter(Boolean);
  const logout = async () => {
    await post('/console/logout');
    setParts(false);
    setPage(null);
    setLoginMessage('Logged out.');
  };
  const openUsers = (name) => {
    setOrg(name);
    setPage('users');
  };
  return html`
    <header>
      <h1>duckgres admin</h1>
      <nav>
        ${tabs.map(([id, label]) => html`
          <button class=${page === id || (page === 'users' && id === 'orgs') ? 'tab current' : 'tab'}
            data-page=${id} onClick=${() => setPage(id)}>${label}</button>`)}
      </nav>
      <button class="logout" onClick=${logout}>Log out</button>
    </header>
    <main>
      ${page === 'orgs' && html`<${OrgsPage} onUsers=${openUsers} />`}
      ${page === 'users' && html`<${UsersPage} org=${org} onBack=${() => setPage('orgs')} />`}
      ${page === 'workers' && html`<${WorkersPage} />`}
      ${page === 'sessions' && html`<${SessionsPage} />`}
      ${page === 'activity' && html`<${ActivityPage} />`}
    </main>`;
}

render(html`<${App} />`, document.getElementById('app'));
