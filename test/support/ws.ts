import { createClient, type Client, type ClientOptions, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { WAIT_MS, within } from './wait';

/**
 * The WebSocket layer of the tests. Whatever a socket or a subscription
 * receives goes into a MessageQueue as it arrives; a test takes the next
 * message, or waits until it comes (as graphql-ws's own tests do), so no
 * test polls or sleeps. Every wait is bounded by WAIT_MS and names what it
 * waited for.
 */
export class MessageQueue<T> {
  /** Everything received, taken or not, in order. */
  readonly received: T[] = [];
  private taken = 0;
  private readonly waiters = new Set<() => void>();
  private endReason: string | undefined;

  push(message: T): void {
    this.received.push(message);
    this.wake();
  }

  /** No more messages will come (the socket closed, the subscription ended). */
  end(reason: string): void {
    this.endReason ??= reason;
    this.wake();
  }

  get ended(): boolean {
    return this.endReason !== undefined;
  }

  /** The next message not taken yet, waiting for it if none is queued. */
  async next(what: string, ms = WAIT_MS): Promise<T> {
    while (this.taken >= this.received.length) await this.arrival(what, ms);
    return this.received[this.taken++]!;
  }

  /** The next message that matches; the ones before it are taken and passed over. */
  async nextMatching(what: string, matches: (message: T) => boolean, ms = WAIT_MS): Promise<T> {
    for (;;) {
      const message = await this.next(what, ms);
      if (matches(message)) return message;
    }
  }

  /** The first message ever received that matches, taken or not, waiting for it if none has come. */
  async find(what: string, matches: (message: T) => boolean, ms = WAIT_MS): Promise<T> {
    for (let index = 0; ; index += 1) {
      while (index >= this.received.length) await this.arrival(what, ms);
      if (matches(this.received[index]!)) return this.received[index]!;
    }
  }

  private wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const waiter of waiters) waiter();
  }

  /** Resolves on the next message or the end; fails at once when ended, or after `ms`. */
  private arrival(what: string, ms: number): Promise<void> {
    if (this.endReason !== undefined) return Promise.reject(new Error(`${this.endReason} while waiting for ${what}`));
    return new Promise<void>((resolve, reject) => {
      const waiter = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what}`));
      }, ms);
      this.waiters.add(waiter);
    });
  }
}

export type Frame = Record<string, unknown> & { type: string };

export interface CloseEvent {
  code: number;
  reason: string;
}

/** A raw ws socket whose JSON frames queue as they arrive. */
export interface TestSocket {
  ws: WebSocket;
  /** 'open', or the HTTP status the upgrade was refused with. */
  opened: Promise<'open' | number>;
  closed: Promise<CloseEvent>;
  /** The close code once it closed. */
  closeCode: number | undefined;
  messages: MessageQueue<Frame>;
  /** Sends a frame as JSON, a string as it is. */
  send(frame: unknown): void;
  /** The next frame (of `type`, when given: frames of other types before it are passed over). */
  waitForMessage(what: string, matches?: (frame: Frame) => boolean): Promise<Frame>;
  /** Closes it (if open) and waits for the close. */
  close(): Promise<void>;
}

/** The WebSocket URL of an HTTP base URL's path: wsUrl('http://h:1', '/graphql') is ws://h:1/graphql. */
export function wsUrl(httpBase: string, path = '/graphql'): string {
  return `${httpBase.replace(/^http/, 'ws')}${path}`;
}

/**
 * The sockets and graphql-ws clients one test file opens, so `closeAll()` in
 * afterEach leaves the next test without any.
 */
export class Sockets {
  private readonly sockets: TestSocket[] = [];
  private readonly clients: Client[] = [];

  /** Opens a raw socket; frames that are not JSON are queued as `{ type: 'not-json', text }`. */
  open(url: string, options: { protocols?: string | string[]; headers?: Record<string, string> } = {}): TestSocket {
    const ws = new WebSocket(url, options.protocols, { headers: options.headers });
    const messages = new MessageQueue<Frame>();
    const opened = new Promise<'open' | number>((resolve, reject) => {
      ws.once('open', () => resolve('open'));
      ws.once('unexpected-response', (request, response) => {
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      ws.once('error', reject);
    });
    opened.catch(() => undefined);
    ws.on('error', () => undefined);
    ws.on('message', (data: WebSocket.RawData) => {
      const text = data.toString();
      try {
        messages.push(JSON.parse(text) as Frame);
      } catch {
        messages.push({ type: 'not-json', text });
      }
    });
    const socket: TestSocket = {
      ws,
      opened,
      closed: new Promise<CloseEvent>((resolve) =>
        ws.once('close', (code, reason) => {
          socket.closeCode = code;
          messages.end(`socket closed (${code})`);
          resolve({ code, reason: reason.toString() });
        }),
      ),
      closeCode: undefined,
      messages,
      send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
      waitForMessage: (what, matches = () => true) => messages.nextMatching(what, matches),
      close: async () => {
        if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close();
        if (ws.readyState !== WebSocket.CLOSED) await within(socket.closed, 'the socket to close');
      },
    };
    this.sockets.push(socket);
    return socket;
  }

  /**
   * A graphql-ws client (lazy, no retries) of `url`; `agent` is sent as the
   * upgrade's User-Agent, as a browser does. `closed` resolves with the close
   * event of its first socket.
   */
  graphql(url: string, options: { connectionParams?: Record<string, unknown>; agent?: string } & Partial<ClientOptions> = {}): GraphQLConnection {
    const { connectionParams = {}, agent, ...extra } = options;
    let onClosed: (event: CloseEvent) => void = () => undefined;
    const closed = new Promise<CloseEvent>((resolve) => (onClosed = resolve));
    const client = createClient({
      url,
      webSocketImpl: agent === undefined ? WebSocket : socketWithAgent(agent),
      connectionParams,
      lazy: true,
      retryAttempts: 0,
      on: {
        closed: (event) => {
          const { code, reason } = event as { code: number; reason?: unknown };
          onClosed({ code, reason: String(reason ?? '') });
        },
      },
      ...extra,
    });
    this.clients.push(client);
    return { client, closed };
  }

  /** Disposes of the clients and cuts the raw sockets (no close handshake to wait for), waiting until the open ones are closed. */
  async closeAll(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((client) => client.dispose()));
    const open = this.sockets.splice(0).filter((socket) => socket.ws.readyState !== WebSocket.CLOSED);
    for (const socket of open) socket.ws.terminate();
    await within(Promise.all(open.map((socket) => socket.closed)), 'the sockets to close');
  }
}

export interface GraphQLConnection {
  client: Client;
  /** The close event of its socket. */
  closed: Promise<CloseEvent>;
}

/** A ws WebSocket that sends a User-Agent on its upgrade. */
function socketWithAgent(agent: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { 'user-agent': agent } });
    }
  } as unknown as typeof WebSocket;
}

/** A subscription whose results queue as they arrive. */
export interface Subscription<TData> {
  /** Each result's data, in order. */
  results: MessageQueue<TData>;
  /** The errors results carried, and the error the subscription failed with. */
  errors: unknown[];
  /** Resolves when the subscription has ended (completed, failed or stopped). */
  ended: Promise<void>;
  /** The next result's data. */
  next(what: string): Promise<TData>;
  /** The first result's data ever received that matches (taken or not). */
  find(what: string, matches: (data: TData) => boolean): Promise<TData>;
  stop(): Promise<void>;
}

/**
 * Subscribes; each result's data is queued as `pick` maps it on arrival
 * (so a test can keep the arrival time, or only the root field).
 */
export function subscribe<TData, T = TData>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
  pick: (data: TData) => T = (data) => data as unknown as T,
): Subscription<T> {
  const iterator = client.iterate<TData>({ query, variables });
  const results = new MessageQueue<T>();
  const errors: unknown[] = [];
  const ended = (async () => {
    try {
      for await (const result of iterator as AsyncIterable<FormattedExecutionResult<TData>>) {
        if (result.errors) errors.push(result.errors);
        if (result.data) results.push(pick(result.data));
      }
      results.end('the subscription completed');
    } catch (error) {
      errors.push(error);
    }
    results.end(`the subscription failed: ${JSON.stringify(errors)}`);
  })();
  return {
    results,
    errors,
    ended,
    next: (what) => results.next(what),
    find: (what, matches) => results.find(what, matches),
    stop: async () => {
      await iterator.return?.();
      await ended;
    },
  };
}

/** What a subscription ends with: its first result, or the error the server refused it with. */
export async function firstOutcome(iterator: AsyncIterableIterator<FormattedExecutionResult>): Promise<FormattedExecutionResult | { refused: unknown }> {
  try {
    const result = await within(iterator.next(), 'a subscription result');
    return result.done ? { refused: 'completed without a result' } : result.value;
  } catch (error) {
    return { refused: error };
  }
}
