import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** Starts a bench server script with tsx (from `cwd`, a checkout) and waits for the `PORT n …` line it prints. */
export async function startServer(
  script: string,
  args: string[],
  portStream: 'stdout' | 'stderr',
  cwd = process.cwd(),
  env: Record<string, string> = {},
) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', portStream === 'stdout' ? 'pipe' : 'ignore', portStream === 'stderr' ? 'pipe' : 'ignore'],
  });
  const stream = child[portStream]!;
  let buffered = '';
  const line = await new Promise<string>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /PORT [^\n]*\n/.exec(buffered);
      if (match) resolve(match[0].trim());
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  stream.resume();
  const [, port, extra] = line.split(' ');
  return { child, pid: child.pid!, port: Number(port), extra };
}

export async function stop(child: ChildProcess) {
  child.kill('SIGTERM');
  await once(child, 'exit');
}
