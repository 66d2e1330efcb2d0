import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** Run autocannon and return the figures we report. `requests` rotates through several requests when given. */
export async function measure({ url, connections = 50, duration = 10, method = 'GET', headers = {}, body, requests }) {
  const result = await autocannon({ url, connections, duration, method, headers, body, requests });
  return {
    reqPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

/** Resident set size of a process, in MB, from /proc (Linux). */
export function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

/** Start a child process and resolve once a line of its stdout matches `ready`; returns the match and the child. */
export function startProcess(command, args, { env = {}, ready, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    const onData = (chunk) => {
      buffer += chunk.toString();
      const match = ready.exec(buffer);
      if (match) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ child, match });
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${command} ${args.join(' ')} exited with ${code} before ready:\n${buffer}`)),
    );
  });
}

export function stopProcess(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export function formatRow(cells, widths) {
  return cells.map((c, i) => String(c).padEnd(widths[i] ?? 12)).join(' ');
}
