import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/grid';

/** The pools of quarkus-realtime-secrets: stock, hit ratio and counters, refreshed every two seconds. */
export class QwcRealtimeSecretsPools extends LitElement {

  jsonRpc = new JsonRpc(this);

  static styles = css`
    :host { display: flex; flex-direction: column; height: 100%; }
    vaadin-grid { height: 100%; }
  `;

  static properties = {
    _pools: { state: true }
  };

  connectedCallback() {
    super.connectedCallback();
    this._refresh();
    this._timer = setInterval(() => this._refresh(), 2000);
  }

  disconnectedCallback() {
    clearInterval(this._timer);
    super.disconnectedCallback();
  }

  _refresh() {
    this.jsonRpc.getPools().then(response => { this._pools = response.result; });
  }

  render() {
    if (!this._pools) {
      return html`<span>Loading pools...</span>`;
    }
    return html`
      <vaadin-grid .items="${this._pools}" theme="no-border row-stripes">
        <vaadin-grid-column path="name" header="Pool" auto-width></vaadin-grid-column>
        <vaadin-grid-column path="endpoint" header="Endpoint" auto-width></vaadin-grid-column>
        <vaadin-grid-column path="ready" header="Warm" auto-width></vaadin-grid-column>
        <vaadin-grid-column path="stock" header="Stock" auto-width></vaadin-grid-column>
        <vaadin-grid-column path="target" header="Target" auto-width></vaadin-grid-column>
        <vaadin-grid-column path="inFlight" header="Minting" auto-width></vaadin-grid-column>
        <vaadin-grid-column path="takes" header="Takes" auto-width></vaadin-grid-column>
        <vaadin-grid-column path="hitRatio" header="Hit ratio" auto-width></vaadin-grid-column>
        <vaadin-grid-column path="minted" header="Minted" auto-width></vaadin-grid-column>
        <vaadin-grid-column path="expiredUnused" header="Expired unused" auto-width></vaadin-grid-column>
        <vaadin-grid-column path="upstreamErrors" header="Upstream errors" auto-width></vaadin-grid-column>
        <vaadin-grid-column path="circuit" header="Circuit" auto-width></vaadin-grid-column>
      </vaadin-grid>`;
  }
}
customElements.define('qwc-realtime-secrets-pools', QwcRealtimeSecretsPools);
