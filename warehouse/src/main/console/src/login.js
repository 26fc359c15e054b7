import { useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { post } from './api.js';

/** The token is typed here once; the server answers with its HttpOnly cookie. */
export function Login({ message, onLogin }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await post('/console/login', { token });
      setToken('');
      onLogin();
    } catch (failure) {
      setError(failure.toString());
    } finally {
      setBusy(false);
    }
  };
  return html`
    <main class="login">
      <form onSubmit=${submit}>
        <h1>duckgres admin</h1>
        <label for="token">Admin token</label>
        <input id="token" name="token" type="password" autocomplete="current-password"
          value=${token} onInput=${(e) => setToken(e.target.value)} required />
        <p class="hint">The token is in the admin token file (<code>--admin-token-file</code>,
          by default <code>data/admin.token</code>).</p>
        <button type="submit" disabled=${busy}>Log in</button>
        ${(error || message) && html`<p class="error" role="alert">${error || message}</p>`}
      </form>
    </main>`;
}
