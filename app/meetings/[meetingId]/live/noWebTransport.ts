/**
 * Stands in for engine.io-client's WebTransport transport in the browser bundle (next.config.js aliases it here).
 * The live page connects with ["websocket", "polling"] only (useLiveMeeting.ts) and the server offers no
 * WebTransport, so the real class and the stream codecs it pulls in were dead weight on every phone's first load.
 * Asking for it anyway fails loudly instead of silently connecting some other way.
 */
export class WT {
  constructor() {
    throw new Error("WebTransport is not part of Yishi's browser client: use the websocket or polling transport");
  }
}
