import { useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { del, get, post } from './api.js';
import { usePoll } from './util.js';
import { Confirm } from './confirm.js';

/** The users of one org: add, reset a password, delete. A new password is shown once. */
export function UsersPage({ org, onBack }) {
  const base = `/api/v1/orgs/${encodeURIComponent(org)}/users`;
  const [users, error, reload] = usePoll(() => get(base), 5000, [org]);
  const [name, setName] = useState('');
  const [password, setPassword] = useState(null);
  const [actionError, setActionError] = useState(null);
  const [deleting, setDeleting] = useState(null);
  const act = async (work) => {
    try {
      setPassword(await work());
      setActionError(null);
    } catch (failure) {
      setPassword(null);
      setActionError(failure.toString());
    }
    reload();
  };
  const add = (event) => {
    event.preventDefault();
    act(async () => {
      const answer = await post(base, { name });
      setName('');
      return answer;
    });
  };
  const remove = () => {
    const user = deleting;
    setDeleting(null);
    act(async () => {
      await del(`${base}/${encodeURIComponent(user)}`);
      return null;
    });
  };
  return html`
    <section>
      <h2><button class="back" onClick=${onBack}>← Orgs</button> Users of ${org}</h2>
      ${error && html`<p class="error" role="alert">${error.toString()}</p>`}
      ${actionError && html`<p class="error" role="alert">${actionError}</p>`}
      ${password && html`
        <p class="secret" data-result="password">
          ${`Password of ${password.name}: `}<code>${password.password}</code>
          ${' — shown this once; it is not stored in readable form.'}</p>`}
      <table class="users">
        <thead><tr><th>User</th><th>Created</th><th></th></tr></thead>
        <tbody>
          ${(users || []).map((user) => html`
            <tr data-user=${user.name}>
              <td>${user.name}</td>
              <td>${user.created_at ? new Date(user.created_at).toLocaleString() : ''}</td>
              <td class="actions">
                <button onClick=${() => act(() => post(
                  `${base}/${encodeURIComponent(user.name)}/reset-password`))}>
                  Reset password</button>
                <button class="danger" onClick=${() => setDeleting(user.name)}>Delete</button>
              </td>
            </tr>`)}
        </tbody>
      </table>
      <form class="inline" onSubmit=${add}>
        <label>New user <input name="name" value=${name} required
          onInput=${(e) => setName(e.target.value)} /></label>
        <button type="submit">Add user</button>
      </form>
      ${deleting && html`<${Confirm} question=${`Delete user ${deleting} of ${org}?`}
        action="Delete" onYes=${remove} onNo=${() => setDeleting(null)} />`}
    </section>`;
}
