import { join } from 'node:path';

/**
 * Runs the built mini program (dist/weapp) inside miniprogram-simulate: WeChat's component framework (exparser,
 * through j-component) renders each page from the templates WeChat's own compiler (wcc) turned into JS, and taps go
 * through its gesture handling (touchstart + touchend → `tap`) to the page's `bindtap`.
 *
 * miniprogram-simulate offers `Component()` only. A mini program page is a component too in WeChat's base library,
 * so this host maps Taro's `Page(options)` onto `Component({ methods: options, lifetimes })` — `attached` plays
 * `onLoad(query)` + `onShow`, `ready` plays `onReady`, `detached` plays `onHide` + `onUnload` — and gives the app
 * `App()`, `getApp()` and `getCurrentPages()`. The pages' own code, templates, styles and JSON are the build's.
 */

/**
 * The part of miniprogram-simulate used here, typed locally: its own typings pull in miniprogram-api-typings, whose
 * globals (`require`, `wx`, `Page`…) would replace Node's in every file the root tsconfig checks.
 */
interface SimulatedNode {
  readonly dom: HTMLElement | undefined;
  querySelector(selector: string): SimulatedNode | undefined;
  querySelectorAll(selector: string): SimulatedNode[];
  dispatchEvent(eventName: string, options?: object): void;
}
interface SimulatedRoot extends SimulatedNode {
  attach(parent: Node): void;
  detach(): void;
}
interface Simulate {
  load(componentPath: string, options: { rootPath: string }): string;
  render(id: string): SimulatedRoot | undefined;
  sleep(ms: number): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate') as Simulate;
/** exparser's event dispatch, which j-component calls for every event it turns a DOM event into. */
interface Exparser {
  Event: { dispatchEvent(target: unknown, event: { type?: string } | undefined, ...rest: unknown[]): unknown };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exparser = require('miniprogram-exparser') as Exparser;

type PageOptions = Record<string, unknown> & { data?: Record<string, unknown> };
type PageThis = Record<string, unknown> & { route?: string; options?: Record<string, string> };
type Lifecycle = (this: PageThis, ...args: unknown[]) => unknown;
type AppOptions = Record<string, Lifecycle | unknown>;

interface Globals {
  App: (options: AppOptions) => void;
  Page: (options: PageOptions) => void;
  Component: (options: Record<string, unknown>) => void;
  getApp: () => AppOptions | undefined;
  getCurrentPages: () => PageThis[];
  wx: Record<string, unknown>;
}

const call = (target: Record<string, unknown>, name: string, ...args: unknown[]) => {
  const fn = target[name];
  if (typeof fn === 'function') (fn as Lifecycle).apply(target, args);
};

/** The class of the one button style (client/src/components/action-button): exparser selects by class or id. */
const BUTTON = '.action__button';

export interface OpenPage {
  root: SimulatedRoot;
  /** The page's text as a viewer reads it. */
  text(): string;
  /** The rendered buttons (`ActionButton`'s `<button>`) whose text contains `label`. */
  buttons(label: string): SimulatedNode[];
  /** A finger on the first button showing `label`: touchstart then touchend, which exparser turns into a tap. */
  tap(label: string): Promise<void>;
  /** Waits (real time) until `predicate` holds, failing with the page's text after `timeoutMs`. */
  waitFor(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): void;
}

export function createMiniProgramHost(weappDir: string) {
  const g = globalThis as unknown as Globals;
  const pages: PageThis[] = [];
  /**
   * True only while exparser dispatches a `tap` (its handlers, the page's included, run inside that call): the one
   * moment WeChat lets a tap-only API run. j-component makes the tap of a touchend in a later microtask, so this
   * wraps exparser's dispatch, the same module instance j-component calls.
   */
  let tapping = false;
  const events = exparser.Event;
  const dispatch = events.dispatchEvent;
  events.dispatchEvent = (target, event, ...rest) => {
    const tap = event?.type === 'tap';
    if (tap) tapping = true;
    try {
      return dispatch.call(events, target, event, ...rest);
    } finally {
      if (tap) tapping = false;
    }
  };
  /** WeChat registers a page once (its js runs once) and makes an instance each time it opens. */
  const registered = new Map<string, string>();
  let app: AppOptions | undefined;
  let opening: { route: string; query: Record<string, string> } | undefined;

  g.App = (options) => {
    app = options;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => [...pages];
  g.Page = (options) => {
    const methods = Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v === 'function'));
    g.Component({
      data: options.data ?? {},
      methods,
      lifetimes: {
        attached(this: PageThis) {
          if (!opening) throw new Error('a page was attached outside openPage()');
          this.route = opening.route;
          this.options = opening.query;
          pages.push(this);
          call(this, 'onLoad', opening.query);
          call(this, 'onShow');
        },
        ready(this: PageThis) {
          call(this, 'onReady');
        },
        detached(this: PageThis) {
          call(this, 'onHide');
          call(this, 'onUnload');
          pages.splice(pages.indexOf(this), 1);
        },
      },
    });
  };

  function register(route: string): string {
    let id = registered.get(route);
    if (id === undefined) {
      id = simulate.load(join(weappDir, route), { rootPath: weappDir });
      registered.set(route, id);
    }
    return id;
  }

  return {
    /** WeChat's `wx` as miniprogram-simulate set it up; stand-ins replace some of its functions. */
    wx: g.wx,
    /**
     * Whether a tap is being handled right now (its handlers run synchronously inside the touchend's dispatch): what
     * WeChat checks before `requestSubscribeMessage` shows its prompt.
     */
    inTap: () => tapping,
    /**
     * Runs app.js (which loads the shared chunks) and the app's launch lifecycle, as WeChat does once: by default
     * from the list of recent mini programs (scene 1001); a URL Link launches with scene 1194 and its query.
     */
    launch(route: string, { scene = 1001, query = {} }: { scene?: number; query?: Record<string, string> } = {}) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(join(weappDir, 'app.js'));
      if (!app) throw new Error('app.js did not call App()');
      const launchOptions = { path: route, query, scene, referrerInfo: {} };
      call(app, 'onLaunch', launchOptions);
      call(app, 'onShow', launchOptions);
    },
    /** Loads `route` (e.g. `pages/live/index`) with its query, renders it and attaches it, as a page opens. */
    openPage(route: string, query: Record<string, string> = {}): OpenPage {
      const root = simulate.render(register(route));
      if (!root) throw new Error(`miniprogram-simulate has no component for ${route}`);
      const host = document.createElement('page-host');
      document.body.appendChild(host);
      opening = { route, query };
      try {
        root.attach(host);
      } finally {
        opening = undefined;
      }

      const text = () => root.dom?.textContent ?? '';
      const buttons = (label: string) =>
        root.querySelectorAll(BUTTON).filter((button) => (button.dom?.textContent ?? '').includes(label));
      const page: OpenPage = {
        root,
        text,
        buttons,
        async tap(label) {
          const [button] = buttons(label);
          if (!button) throw new Error(`no button "${label}" on the page: ${text()}`);
          button.dispatchEvent('touchstart');
          await simulate.sleep(10);
          button.dispatchEvent('touchend');
          await simulate.sleep(50);
        },
        async waitFor(predicate, what, timeoutMs = 3000) {
          const until = Date.now() + timeoutMs;
          while (!predicate()) {
            if (Date.now() > until) throw new Error(`timed out waiting for ${what}; the page shows: ${text()}`);
            await simulate.sleep(20);
          }
        },
        close() {
          root.detach();
          host.remove();
        },
      };
      return page;
    },
  };
}
