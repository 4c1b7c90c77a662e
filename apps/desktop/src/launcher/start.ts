import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { locateElectronBinary } from './electron-binary';
import { HealthWaitError, waitForHealth } from './health';
import { LauncherConfigError, readLauncherConfig } from './launcher-config';
import { electronUnavailableLine, exitCodeOf, firstProblemLine, readyLines } from './messages';

/** `npm start`: build the workplace if needed, run the server, wait for /health, then open the desktop shell. */

export const HEALTH_TIMEOUT_MS = 90_000;
/** An Electron that dies this soon after launch failed to start (no display, missing libraries, …). */
export const ELECTRON_START_WINDOW_MS = 10_000;

interface Child {
  process: ChildProcess;
  exited: Promise<number>;
  hasExited(): boolean;
}

/**
 * Long-running children (server, Electron) get their own process group on POSIX, so a Ctrl+C in the terminal
 * reaches only the launcher, which forwards it exactly once (the server treats a second signal as "exit now").
 */
function startChild(command: string, args: string[], options: SpawnOptions, ownGroup = false): Child {
  const child = spawn(command, args, { ...options, detached: ownGroup && process.platform !== 'win32' });
  let done = false;
  const exited = new Promise<number>((resolve) => {
    child.once('error', (error) => {
      done = true;
      console.error(`${path.basename(command)}: ${error.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      done = true;
      resolve(exitCodeOf(code, signal));
    });
  });
  return { process: child, exited, hasExited: () => done };
}

function npmCommand(): { command: string; shell: boolean } {
  // On Windows npm is a .cmd script, which Node only spawns through a shell.
  return process.platform === 'win32'
    ? { command: 'npm.cmd', shell: true }
    : { command: 'npm', shell: false };
}

/** Whether something already accepts connections on host:port (another server would answer our /health). */
export function isPortInUse(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (inUse: boolean) => {
      socket.destroy();
      resolve(inUse);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

export interface StartOptions {
  repoRoot: string;
  env: NodeJS.ProcessEnv;
}

/** Runs until the server exits; resolves with the exit code for the launcher process. */
export async function runStart({ repoRoot, env }: StartOptions): Promise<number> {
  let config;
  try {
    config = readLauncherConfig(env, repoRoot);
  } catch (error) {
    if (error instanceof LauncherConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const workplaceUrl = `${config.serverUrl}/`;

  const widgetBuilt = fs.existsSync(path.join(repoRoot, 'apps/widget/dist/widget.js'));
  if (!fs.existsSync(config.workplaceIndex) || !widgetBuilt) {
    if (env['KCC_WORKPLACE_DIR']?.trim() && !fs.existsSync(config.workplaceIndex)) {
      console.error(`KCC_WORKPLACE_DIR bevat geen index.html (${config.workplaceIndex})`);
      return 1;
    }
    console.log('De werkplek en de chatwidget worden nu gebouwd (npm run build).');
    const npm = npmCommand();
    const build = startChild(npm.command, ['run', 'build'], {
      cwd: repoRoot,
      env,
      stdio: 'inherit',
      shell: npm.shell,
    });
    const code = await build.exited;
    if (code !== 0) {
      console.error(`Het bouwen van de werkplek is mislukt (exit code ${code}).`);
      return code;
    }
  }

  if (await isPortInUse(config.host === '0.0.0.0' ? '127.0.0.1' : config.host, config.port)) {
    console.error(
      `Poort ${config.port} op ${config.host} is al in gebruik. Stop het andere proces of kies een andere KCC_PORT.`,
    );
    return 1;
  }

  const server = startChild(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/main.ts'],
    { cwd: repoRoot, env, stdio: ['ignore', 'inherit', 'inherit'] },
    true,
  );
  let electron: Child | undefined;
  let stopping = false;

  const stopAll = (signal: NodeJS.Signals) => {
    for (const child of [electron, server]) {
      if (child !== undefined && !child.hasExited()) child.process.kill(signal);
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    // A second Ctrl+C while shutting down means "now".
    stopAll(stopping ? 'SIGKILL' : signal);
    stopping = true;
  };
  const onSigint = () => onSignal('SIGINT');
  const onSigterm = () => onSignal('SIGTERM');
  const onSighup = () => onSignal('SIGHUP');
  // Children live in their own process group: never leave them behind, even when the launcher dies unexpectedly.
  const onExit = () => stopAll('SIGTERM');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  process.on('SIGHUP', onSighup);
  process.on('exit', onExit);

  try {
    try {
      await waitForHealth(config.serverUrl, {
        timeoutMs: HEALTH_TIMEOUT_MS,
        gaveUp: () => (server.hasExited() ? 'de server is gestopt voordat hij gereed was' : undefined),
      });
    } catch (error) {
      if (!(error instanceof HealthWaitError)) throw error;
      if (!stopping) console.error(`De server is niet gestart: ${error.message}`);
      stopAll('SIGTERM');
      const code = await server.exited;
      return code === 0 ? 1 : code;
    }

    for (const line of readyLines(workplaceUrl, config.demo)) console.log(line);

    if (!config.noDesktop && !stopping) {
      electron = await launchDesktop({ repoRoot, env, serverUrl: config.serverUrl, workplaceUrl });
      void electron?.exited.then((code) => {
        // The agent closed the desktop app: that ends this `npm start` session.
        if (code === 0 && !server.hasExited()) {
          stopping = true;
          server.process.kill('SIGTERM');
        }
      });
    }

    const code = await server.exited;
    if (electron !== undefined && !electron.hasExited()) electron.process.kill('SIGTERM');
    return code;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    process.off('SIGHUP', onSighup);
    process.off('exit', onExit);
  }
}

interface DesktopOptions {
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  serverUrl: string;
  workplaceUrl: string;
}

/**
 * Builds and starts the Electron shell. Every way this can fail ends in exactly one printed line and `undefined`
 * (or an Electron that exits non-zero soon after), while the server keeps serving the browser workplace.
 */
async function launchDesktop(options: DesktopOptions): Promise<Child | undefined> {
  const { repoRoot, env, serverUrl, workplaceUrl } = options;
  const desktopDir = path.join(repoRoot, 'apps/desktop');
  const binary = locateElectronBinary(desktopDir, env);
  if (!binary.ok) {
    console.log(electronUnavailableLine(binary.reason, workplaceUrl));
    return undefined;
  }

  const build = startChild(process.execPath, [path.join(desktopDir, 'build.mjs')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buildOutput = '';
  build.process.stdout?.on('data', (chunk: Buffer) => (buildOutput += chunk.toString()));
  build.process.stderr?.on('data', (chunk: Buffer) => (buildOutput += chunk.toString()));
  if ((await build.exited) !== 0) {
    const problem = firstProblemLine(buildOutput) ?? 'bouwen mislukt';
    console.log(electronUnavailableLine(`desktop bouwen mislukt: ${problem}`, workplaceUrl));
    return undefined;
  }

  const electronEnv: NodeJS.ProcessEnv = { ...env, KCC_SERVER_URL: serverUrl };
  delete electronEnv['ELECTRON_RUN_AS_NODE'];
  const electron = startChild(
    binary.path,
    [desktopDir, `--server-url=${serverUrl}`],
    { cwd: repoRoot, env: electronEnv, stdio: ['ignore', 'pipe', 'pipe'] },
    true,
  );
  // Hold back Electron's output during start-up so a failed start is one line, then pass it through.
  let early = '';
  let passThrough = false;
  const forward = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
    if (passThrough) target.write(chunk);
    else early += chunk.toString();
  };
  electron.process.stdout?.on('data', forward(process.stdout));
  electron.process.stderr?.on('data', forward(process.stderr));
  const started = await Promise.race([
    electron.exited.then((code) => ({ code })),
    new Promise<undefined>((resolve) =>
      setTimeout(() => resolve(undefined), ELECTRON_START_WINDOW_MS).unref(),
    ),
  ]);
  if (started !== undefined && started.code !== 0) {
    const problem = firstProblemLine(early) ?? `exit code ${started.code}`;
    console.log(electronUnavailableLine(`start mislukt: ${problem}`, workplaceUrl));
    return undefined;
  }
  passThrough = true;
  if (early !== '') process.stdout.write(early);
  return electron;
}
