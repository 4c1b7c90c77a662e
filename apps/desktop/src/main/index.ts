import path from 'node:path';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  screen,
  session,
  shell,
  Tray,
  type WebContents,
} from 'electron';
import { buildCsp, withCspHeader } from './csp';
import { handle } from './ipc/handle';
import { createJsonFileStore } from './json-file-store';
import { isServerUnreachable, loadFailurePage, RETRY_SECONDS } from './load-failure';
import { decideWindowOpen, mayNavigate, mayOpenExternally } from './navigation-policy';
import { createOfferNotifier, type NotificationAdapter } from './offer-notifier';
import { desktopOidcLogin } from './oidc-login';
import { mayGrantPermission } from './permission-policy';
import { createPush } from './push';
import { originOf, workplaceUrl } from './server-url';
import { createSettings, type Settings } from './settings';
import { APP_NAME, badgeCount, TRAY_MENU, trayTooltip } from './tray-label';
import { bringToFront } from './window-focus';
import { createWindowStateKeeper, MIN_HEIGHT, MIN_WIDTH } from './window-state';

/**
 * Electron main: only wiring. Every decision (CSP, navigation, permissions, IPC validation, window state,
 * notifications, tray text, settings) lives in an Electron-free module next to this file, with its own tests.
 */

const PROTOCOL = 'kcc-werkplek';
// Playwright and parallel test runs give every app a fresh profile (see e2e/electron-smoke.spec.ts).
if (process.env['KCC_DESKTOP_USER_DATA'])
  app.setPath('userData', path.resolve(process.env['KCC_DESKTOP_USER_DATA']));

const iconPath = (size: number) => path.join(__dirname, 'icons', `${size}x${size}.png`);
const userFile = (name: string) => path.join(app.getPath('userData'), name);

let mainWindow: BrowserWindow | undefined;
let tray: Tray | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function log(message: string): void {
  console.log(`[desktop] ${message}`);
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the workplace; it receives 'second-instance' and comes to the front.
  app.quit();
} else {
  main();
}

function main(): void {
  let settings: Settings;
  try {
    settings = createSettings(createJsonFileStore(userFile('settings.json')), {
      argv: process.argv,
      env: process.env,
    });
  } catch (error) {
    // Only a malformed --server-url gets here; say so plainly instead of showing a crash dialog.
    console.error(error instanceof Error ? error.message : String(error));
    app.exit(2);
    return;
  }
  const serverUrl = () => settings.serverUrl();
  const serverOrigin = () => originOf(settings.serverUrl());
  const keeper = createWindowStateKeeper({
    store: createJsonFileStore(userFile('window-state.json')),
    screen: {
      workAreas: () => {
        const primary = screen.getPrimaryDisplay();
        const others = screen.getAllDisplays().filter((d) => d.id !== primary.id);
        return [primary, ...others].map((d) => d.workArea);
      },
    },
  });
  const push = createPush(() => mainWindow?.webContents);
  const notificationAdapter: NotificationAdapter = {
    isSupported: () => Notification.isSupported(),
    show({ title, body, onClick }) {
      const notification = new Notification({ title, body, icon: iconPath(256) });
      notification.on('click', onClick);
      notification.show();
      return { close: () => notification.close() };
    },
  };
  const notifier = createOfferNotifier({
    notifications: notificationAdapter,
    window: () => mainWindow,
    push,
  });

  if (process.defaultApp && process.argv[1] !== undefined) {
    app.setAsDefaultProtocolClient(PROTOCOL, process.execPath, [path.resolve(process.argv[1])]);
  } else {
    app.setAsDefaultProtocolClient(PROTOCOL);
  }

  app.on('second-instance', () => bringToFront(mainWindow));
  app.on('open-url', (event) => {
    // macOS deep link: kcc-werkplek://… brings the workplace to the front.
    event.preventDefault();
    bringToFront(mainWindow);
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, serverUrl));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    const ses = session.defaultSession;
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: withCspHeader(details.url, details.responseHeaders, serverUrl()) });
    });
    ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
      callback(mayGrantPermission(permission, details.requestingUrl, serverUrl()));
    });
    ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
      mayGrantPermission(permission, requestingOrigin, serverUrl()),
    );

    handle(
      ipcMain,
      'kcc:config:get',
      () => ({ serverUrl: serverUrl(), version: app.getVersion() }),
      serverOrigin,
    );
    handle(ipcMain, 'kcc:notify:offer', (notice) => notifier.offerArrived(notice), serverOrigin);
    // Login at the identity provider in the system browser (RFC 8252), then back to the front.
    handle(
      ipcMain,
      'kcc:auth:oidc-login',
      async () => {
        const result = await desktopOidcLogin({ serverUrl: serverUrl(), openExternal });
        bringToFront(mainWindow);
        return result;
      },
      serverOrigin,
    );
    handle(
      ipcMain,
      'kcc:tray:set-waiting',
      ({ count }) => {
        tray?.setToolTip(trayTooltip(count));
        app.setBadgeCount(badgeCount(count));
      },
      serverOrigin,
    );

    createWindow();
    createTray();
    log(`workplace from ${serverUrl()} (CSP: ${buildCsp(serverUrl())})`);
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });

  function createWindow(): void {
    const state = keeper.initial();
    const win = new BrowserWindow({
      ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
      width: state.width,
      height: state.height,
      minWidth: MIN_WIDTH,
      minHeight: MIN_HEIGHT,
      title: APP_NAME,
      icon: iconPath(256),
      show: false,
      backgroundColor: '#ffffff',
      webPreferences: {
        preload: path.join(__dirname, 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: true,
      },
    });
    mainWindow = win;
    if (state.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());

    const capture = () =>
      keeper.capture({ normalBounds: () => win.getNormalBounds(), isMaximized: () => win.isMaximized() });
    win.on('resize', capture);
    win.on('move', capture);
    win.on('maximize', capture);
    win.on('unmaximize', capture);
    win.on('close', () => {
      capture();
      keeper.flush();
    });
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = undefined;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
    });
    win.on('focus', () => {
      notifier.windowFocused();
      push('kcc:window:focus-changed', { focused: true });
    });
    win.on('blur', () => push('kcc:window:focus-changed', { focused: false }));

    win.webContents.on('did-fail-load', (_event, errorCode, errorDescription, _url, isMainFrame) => {
      if (!isServerUnreachable(errorCode, isMainFrame)) return;
      log(`cannot load ${serverUrl()}: ${errorDescription}; retrying in ${RETRY_SECONDS} s`);
      void win.loadURL(loadFailurePage(serverUrl(), errorDescription)).catch(() => undefined);
      if (!win.isVisible()) win.show();
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      retryTimer = setTimeout(() => loadWorkplace(), RETRY_SECONDS * 1000);
    });

    loadWorkplace();
  }

  function loadWorkplace(): void {
    if (mainWindow === undefined || mainWindow.isDestroyed()) return;
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = undefined;
    // Failures arrive through 'did-fail-load'; the rejected promise carries nothing extra.
    void mainWindow.loadURL(workplaceUrl(serverUrl())).catch(() => undefined);
  }

  function createTray(): void {
    const image = nativeImage.createFromPath(iconPath(32));
    tray = new Tray(image.isEmpty() ? nativeImage.createEmpty() : image);
    tray.setToolTip(trayTooltip(0));
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: TRAY_MENU.show, click: () => bringToFront(mainWindow) },
        { label: TRAY_MENU.reload, click: () => loadWorkplace() },
        { type: 'separator' },
        { label: TRAY_MENU.quit, click: () => app.quit() },
      ]),
    );
    tray.on('click', () => bringToFront(mainWindow));
  }
}

async function openExternal(url: string): Promise<void> {
  if (!mayOpenExternally(url)) throw new Error('Alleen http- of https-adressen');
  await shell.openExternal(url);
}

/** Checklist #13/#14 for every webContents, including any that might be created later. */
function hardenWebContents(contents: WebContents, serverUrl: () => string): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => {
    if (!mayNavigate(event.url, serverUrl())) {
      event.preventDefault();
      log(`navigation refused: ${event.url}`);
    }
  });
  contents.on('will-redirect', (event) => {
    if (event.isMainFrame && !mayNavigate(event.url, serverUrl())) {
      event.preventDefault();
      log(`redirect refused: ${event.url}`);
    }
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally !== undefined) {
      void openExternal(decision.openExternally).catch((error: unknown) =>
        log(`openExternal failed: ${String(error)}`),
      );
    } else {
      log(`window.open refused: ${url}`);
    }
    return { action: decision.action };
  });
}
