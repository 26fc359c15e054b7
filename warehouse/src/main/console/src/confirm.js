import { html } from 'htm/preact';

/** A confirmation dialog over the page: nothing destructive happens on one click. */
export function Confirm({ question, action, onYes, onNo }) {
  return html`
    <div class="overlay">
      <div class="dialog" role="dialog" aria-modal="true">
        <p>${question}</p>
        <div class="buttons">
          <button class="danger" data-confirm="yes" onClick=${onYes}>${action}</button>
          <button onClick=${onNo}>Keep it</button>
        </div>
      </div>
    </div>`;
}
