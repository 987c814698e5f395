// A minimal LSP client over stdio for the benchmark: Content-Length framing, requests with
// ids, notifications, and waiting for a server notification that matches a predicate.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

export class LspClient {
  constructor(command, args, options = {}) {
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = [];
    this.listeners = [];
    this.buffer = Buffer.alloc(0);
    this.stderr = '';
    this.child.stdout.on('data', (chunk) => this.onData(chunk));
    this.child.stderr.on('data', (chunk) => {
      this.stderr += chunk;
    });
  }

  get pid() {
    return this.child.pid;
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: (\d+)/i.exec(header)[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.onMessage(JSON.parse(body), performance.now());
    }
  }

  onMessage(message, at) {
    if (message.id !== undefined && message.method === undefined) {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (pending) pending({ message, at });
      return;
    }
    if (message.id !== undefined) {
      // A request from the server (registrations, configuration…): answer null.
      this.write({ jsonrpc: '2.0', id: message.id, result: null });
      return;
    }
    for (const listener of this.listeners) listener(message, at);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(message)) return true;
      w.resolve({ message, at });
      return false;
    });
  }

  write(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** Sends a request; resolves with { message, at } (at: performance.now() on arrival). */
  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the next server notification for which `match(message)` holds. */
  waitFor(match, timeoutMs = 120000) {
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        if (this.waiters.includes(waiter)) {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`timed out waiting for a server message\n${this.stderr.slice(-2000)}`));
        }
      }, timeoutMs).unref();
    });
  }

  onNotification(listener) {
    this.listeners.push(listener);
  }

  async initialize(rootUri) {
    const response = await this.request('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } }, workspace: {} },
    });
    this.notify('initialized', {});
    return response;
  }

  async stop() {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } catch {
      /* already gone */
    }
    await Promise.race([new Promise((r) => this.child.once('exit', r)), new Promise((r) => setTimeout(r, 2000))]);
    if (this.child.exitCode === null) this.child.kill();
  }
}

/** Peak and current resident set size of a process, from /proc (Linux), in MB. */
export function processMemory(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: NaN, peakRssMb: NaN };
  }
}

/** CPU time (user + system) a process has used so far, from /proc (Linux; 10 ms ticks), in ms. */
export function processCpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}
