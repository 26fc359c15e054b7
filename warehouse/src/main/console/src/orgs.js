import { useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { get, post } from './api.js';
import { usePoll } from './util.js';
import { Confirm } from './confirm.js';

/** Orgs and their warehouses, refreshed every two seconds; provision and deprovision. */
export function OrgsPage({ onUsers }) {
  const [orgs, error, reload] = usePoll(() => get('/api/v1/orgs'), 2000);
  const [deleting, setDeleting] = useState(null);
  const [actionError, setActionError] = useState(null);
  const deprovision = async () => {
    const org = deleting;
    setDeleting(null);
    try {
      await post(`/api/v1/orgs/${encodeURIComponent(org)}/deprovision`);
      setActionError(null);
    } catch (failure) {
      setActionError(failure.toString());
    }
    reload();
  };
  return html`
    <section>
      <h2>Orgs and warehouses</h2>
      ${error && html`<p class="error" role="alert">${error.toString()}</p>`}
      ${actionError && html`<p class="error" role="alert">${actionError}</p>`}
      <table class="orgs">
        <thead><tr><th>Org</th><th>Database</th><th>State</th><th>Flavor</th>
          <th>Status</th><th></th></tr></thead>
        <tbody>
          ${(orgs || []).map((org) => html`
            <tr data-org=${org.org}>
              <td>${org.org}</td>
              <td>${org.database_name}</td>
              <td><span class=${`state state-${org.state}`}>${org.state || '—'}</span></td>
              <td>${org.flavor || ''}</td>
              <td class="message">${org.status_message || ''}</td>
              <td class="actions">
                <button onClick=${() => onUsers(org.org)}>Users</button>
                <button class="danger" disabled=${org.state === 'deleting'}
                  onClick=${() => setDeleting(org.org)}>Deprovision</button>
              </td>
            </tr>`)}
          ${orgs && orgs.length === 0 && html`<tr><td colspan="6" class="empty">No orgs yet.</td></tr>`}
        </tbody>
      </table>
    </section>
    <${ProvisionForm} onDone=${reload} />
    ${deleting && html`<${Confirm}
      question=${`Deprovision org ${deleting}? Its warehouse, users and data are removed.`}
      action="Deprovision" onYes=${deprovision} onNo=${() => setDeleting(null)} />`}`;
}

const EMPTY = {
  org: '', database: '', metadata: 'internal', host: '', port: '5432', storeDatabase: '',
  storeUser: '', storePassword: '', flavor: 'postgres', user: '', password: '',
};

/** POST /api/v1/orgs/{org}/provision; a refusal is shown as the API sent it. */
function ProvisionForm({ onDone }) {
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState(null);
  const [created, setCreated] = useState(null);
  const field = (name) => ({
    name,
    value: form[name],
    onInput: (event) => setForm({ ...form, [name]: event.target.value }),
  });
  const submit = async (event) => {
    event.preventDefault();
    const metadata = { type: form.metadata };
    if (form.metadata === 'external') {
      metadata.external = {
        host: form.host, port: Number(form.port), database: form.storeDatabase,
        user: form.storeUser, password: form.storePassword, flavor: form.flavor,
      };
    }
    const user = { name: form.user };
    if (form.password) {
      user.password = form.password;
    }
    try {
      const answer = await post(`/api/v1/orgs/${encodeURIComponent(form.org)}/provision`, {
        database_name: form.database, metadata_store: metadata, data_store: { type: 'local' },
        user,
      });
      setError(null);
      setCreated(answer);
      setForm(EMPTY);
      onDone();
    } catch (failure) {
      setCreated(null);
      setError(failure.toString());
    }
  };
  return html`
    <section>
      <h2>Provision an org</h2>
      <form class="provision" onSubmit=${submit}>
        <label>Org id <input ...${field('org')} placeholder="acme" required /></label>
        <label>Database name <input ...${field('database')} placeholder="acme_db" required /></label>
        <label>Metadata store
          <select ...${field('metadata')}>
            <option value="internal">internal (created on the config store's server)</option>
            <option value="external">external</option>
          </select>
        </label>
        ${form.metadata === 'external' && html`
          <label>Host <input ...${field('host')} required /></label>
          <label>Port <input ...${field('port')} type="number" min="1" max="65535" /></label>
          <label>Database <input ...${field('storeDatabase')} required /></label>
          <label>User <input ...${field('storeUser')} required /></label>
          <label>Password <input ...${field('storePassword')} type="password" /></label>
          <label>Flavor
            <input ...${field('flavor')} list="flavors" />
            <datalist id="flavors">
              <option value="postgres" /><option value="cockroachdb" />
            </datalist>
          </label>`}
        <label>First user <input ...${field('user')} placeholder="alice" required /></label>
        <label>Password <input ...${field('password')} type="password"
          placeholder="empty: generate one" /></label>
        <button type="submit">Provision</button>
      </form>
      ${error && html`<p class="error" role="alert" data-result="provision-error">${error}</p>`}
      ${created && html`
        <p class="secret" data-result="provisioned">
          ${`Org ${created.org} is ${created.state}. User ${created.user}, password `}
          <code>${created.password}</code>${' — shown this once.'}</p>`}
    </section>`;
}
