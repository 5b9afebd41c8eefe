// noVNC ships JavaScript without types: these are the parts of its RFB client (docs/API.md) the viewer uses.
declare module '@novnc/novnc' {
  export default class RFB extends EventTarget {
    constructor(target: HTMLElement, urlOrChannel: string | WebSocket);
    scaleViewport: boolean;
    resizeSession: boolean;
    clipViewport: boolean;
    viewOnly: boolean;
    disconnect(): void;
    focus(options?: FocusOptions): void;
  }
}
