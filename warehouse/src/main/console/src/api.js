// Calls to the admin API. The token travels in the HttpOnly cookie the login set, so no script
// here ever holds it. Errors keep the API's HTTP status and its message as it was sent.

export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }

  /** "HTTP 400: <the API's message>", as the page shows it. */
  toString() {
    return `HTTP ${this.status}: ${this.message}`;
  }
}

let unauthorized = () => {};

/** Called when any call answers 401: the cookie is gone or the token changed. */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

export async function call(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (unreachable) {
    throw new HttpError(0, 'the admin API cannot be reached');
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (notJson) {
    data = null;
  }
  if (!response.ok) {
    const error = new HttpError(response.status,
      data && data.error ? data.error : text || response.statusText);
    if (response.status === 401 && !path.startsWith('/console/')) {
      unauthorized(error);
    }
    throw error;
  }
  return data;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const del = (path) => call('DELETE', path);
