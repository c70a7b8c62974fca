import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import type { Config } from '../../common/config';
import type { Logger } from '../../common/logger';
import { ConnectionCounts } from '../connection-counts';
import { clientAddressResolver } from '../upgrade-request';
import type { GuestChat } from './guests';
import { textFrames, writeFrames } from '../websocket-frames';
import { parseInboundFrame, PING_FRAME, type InboundFrame } from './protocol';
import { owncastFramesOf, type ChatEventSource } from './relay';
import { OWNCAST_RATE_LIMIT, TokenBucket, type TokenBucketSettings } from './token-bucket';
import { claimUpgradePath } from './upgrade-route';

/**
 * Owncast 0.0.7's chat WebSocket at /entry (../shared/OWNCAST-CHAT-0.0.7.md):
 * the handshake, keep-alive, rate limit and frames of 0.0.7, over this
 * system's chat. Inbound frames become the streaming subgraph's guest
 * mutations (guests.ts), one at a time per socket so that a socket's
 * messages are stored in the order it sent them. Outbound, one relay of the
 * subgraph's chat events (relay.ts, a member of the gateway's shared
 * fan-out) feeds every socket: each batch of events is framed once and the
 * same bytes are written to all of them, the sender's own echo included, as
 * 0.0.7 broadcasts it. Where 0.0.7 would hurt
 * here (no length or name limits, a type-less frame closing the socket, no
 * connection caps, zombie sockets) the wire stays 0.0.7's and the limits
 * are this gateway's (docs/DECISIONS.md, docs/SECURITY.md).
 */

export interface OwncastChatSettings {
  /** 0.0.7 pings every socket every 30 s. */
  pingIntervalMs: number;
  /** Per socket, every frame before it is parsed. */
  rateLimit: TokenBucketSettings;
  /** Milliseconds, monotonic; the rate limit's clock. */
  now: () => number;
  /** How often the viewers' rows are refreshed; well within the 45 s after which the streaming subgraph considers a chat client gone. */
  refreshIntervalMs: number;
}

export const DEFAULT_OWNCAST_CHAT_SETTINGS: OwncastChatSettings = {
  pingIntervalMs: 30_000,
  rateLimit: OWNCAST_RATE_LIMIT,
  now: () => performance.now(),
  refreshIntervalMs: 15_000,
};

export interface OwncastChatSocketOptions {
  server: Server;
  path: string;
  source: ChatEventSource;
  guests: GuestChat;
  /** The gateway's WebSocket limits (SUBSCRIPTION_*), the same as graphql-ws's. */
  limits: Config['subscriptions'];
  trustProxy: boolean | string;
  /** How long a handshake waits for the relay to be ready before it is refused with 503. */
  readyTimeoutMs: number;
  settings?: Partial<OwncastChatSettings>;
  logger: Logger;
}

export interface OwncastChatSocket {
  /** Open sockets (tests, metrics). */
  connections(): number;
  close(): Promise<void>;
}

/** A client dropped as too slow gets this long to take the close frame before the socket is cut. */
const SLOW_CLIENT_GRACE_MS = 1000;
/** How long shutdown waits for the sockets' last mutations (their disconnects). */
const SHUTDOWN_WAIT_MS = 5000;
/** Frames a socket may have waiting for the streaming subgraph; more are dropped (a slow subgraph must not pile up work). */
const MAX_PENDING_FRAMES = 20;
const CLOSE_TRY_AGAIN_LATER = 1013;
const CLOSE_GOING_AWAY = 1001;

/** One /entry socket. */
interface Guest {
  ws: WebSocket;
  /** For logs and request ids. */
  id: string;
  /** IGNORE_CLIENT: receives everything, may send, but is no viewer. */
  ignored: boolean;
  userAgent: string;
  address: string;
  closed: boolean;
  /** The client id of a viewer's row, once registered (undefined for IGNORE_CLIENT, or when registering failed). */
  clientId: Promise<string | undefined>;
  /** The name the socket last sent (CHAT author, NAME_CHANGE newName, USER_JOINED username). */
  name: string | undefined;
  bucket: TokenBucket;
  /** This socket's mutations, one after another. */
  queue: Promise<void>;
  /** Frames in the queue. */
  pending: number;
  calls: number;
  logger: Logger;
}

/** The Origin rule of 0.0.7 (golang.org/x/net/websocket): present, and an absolute URI or absolute path; never compared with Host. */
export function originAcceptable(origin: string | string[] | undefined): boolean {
  if (typeof origin !== 'string' || origin === '' || origin === 'null') return false;
  if (origin.startsWith('/')) return true;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(origin)) return false;
  try {
    new URL(origin);
    return true;
  } catch {
    return false;
  }
}

function refuse(socket: Duplex, status: 400 | 403 | 503, extraHeaders = ''): void {
  const reason = { 400: 'Bad Request', 403: 'Forbidden', 503: 'Service Unavailable' }[status];
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n${extraHeaders}Content-Length: 0\r\n\r\n`);
  socket.destroy();
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

export function attachOwncastChatSocket(options: OwncastChatSocketOptions): OwncastChatSocket {
  const { logger, limits, guests } = options;
  const settings = { ...DEFAULT_OWNCAST_CHAT_SETTINGS, ...options.settings };
  // A frame above maxPayload closes the socket with 1009 before it is buffered whole; 0.0.7 has no compression.
  // No permessage-deflate (0.0.7 has none) also lets events go out pre-framed (gateway/websocket-frames.ts).
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes, perMessageDeflate: false, clientTracking: false });
  const clientAddress = clientAddressResolver(options.trustProxy);
  const open = new Map<WebSocket, Guest>();
  const perAddress = new ConnectionCounts(limits.maxConnectionsPerAddress);
  /** Viewers by client id, refreshed together. */
  const viewers = new Map<string, Guest>();
  let closing = false;

  /** Writes the same pre-framed bytes to every socket; a socket that does not read is dropped, not waited for. */
  const broadcast = (frames: Buffer) => {
    for (const guest of open.values()) {
      if (guest.ws.readyState !== WebSocket.OPEN) continue;
      if (guest.ws.bufferedAmount > limits.maxBufferedBytes) {
        dropSlow(guest);
        continue;
      }
      writeFrames(guest.ws, frames);
    }
  };

  const dropSlow = (guest: Guest) => {
    guest.logger.warn({ buffered: guest.ws.bufferedAmount }, 'owncast chat client too slow: dropped');
    open.delete(guest.ws);
    guest.ws.close(CLOSE_TRY_AGAIN_LATER, 'Too slow: events piled up; reconnect');
    setTimeout(() => {
      if (guest.ws.readyState !== WebSocket.CLOSED) guest.ws.terminate();
    }, SLOW_CLIENT_GRACE_MS).unref();
  };

  // Each batch of events is framed once (and shared with any other /entry server of the batch) and written to every socket in one write.
  const buildFrames = (events: Parameters<typeof owncastFramesOf>[0]) => textFrames(owncastFramesOf(events));
  const unsubscribe = options.source.subscribe((batch) => {
    const frames = batch.framed('owncast-0.0.7', buildFrames);
    if (frames.length > 0) broadcast(frames);
  });
  const pingFrame = textFrames([PING_FRAME]);
  const pingTimer = setInterval(() => broadcast(pingFrame), settings.pingIntervalMs);
  pingTimer.unref();
  /** Makes the socket a viewer (a chat client row); undefined when the streaming subgraph refused or could not be reached. */
  const register = (guest: Guest, requestId: string): Promise<string | undefined> =>
    guests.connect({ userAgent: guest.userAgent, ipAddress: guest.address, name: guest.name }, requestId).then(
      (clientId) => {
        viewers.set(clientId, guest);
        return clientId;
      },
      (error: Error) => {
        guest.logger.warn({ err: { message: error.message } }, 'owncast chat client not registered');
        return undefined;
      },
    );
  /**
   * Keeps the viewers' rows live. A row that expired meanwhile (the streaming
   * subgraph was unreachable for longer than a client's expiry) is registered
   * again, in the socket's queue, so the socket is a viewer again.
   */
  const refresh = async () => {
    const sent = [...viewers.keys()];
    if (sent.length === 0) return;
    let live: Set<string>;
    try {
      live = new Set(await guests.refresh(sent, `entry-refresh-${randomBytes(6).toString('hex')}`));
    } catch (error) {
      logger.warn({ err: { message: (error as Error).message } }, 'owncast chat clients not refreshed');
      return;
    }
    for (const clientId of sent) {
      const guest = viewers.get(clientId);
      if (live.has(clientId) || !guest) continue;
      viewers.delete(clientId);
      guest.queue = guest.queue.then(async () => {
        if (guest.closed) return;
        guest.calls += 1;
        guest.clientId = Promise.resolve(await register(guest, `entry-${guest.id}-${guest.calls}`));
      });
    }
  };
  const refreshTimer = setInterval(() => void refresh(), settings.refreshIntervalMs);
  refreshTimer.unref();

  /** Runs one of the socket's mutations after the ones before it; a refusal is dropped silently, as 0.0.7 sends no errors. */
  const enqueue = (guest: Guest, what: string, step: (clientId: string | undefined, requestId: string) => Promise<void>) => {
    if (guest.pending >= MAX_PENDING_FRAMES) {
      guest.logger.warn({ what }, 'owncast chat frame dropped: too many waiting');
      return;
    }
    guest.pending += 1;
    guest.queue = guest.queue.then(async () => {
      guest.calls += 1;
      const requestId = `entry-${guest.id}-${guest.calls}`;
      try {
        await step(await guest.clientId, requestId);
      } catch (error) {
        guest.logger.info({ what, reason: (error as Error).message, requestId }, 'owncast chat frame not taken');
      } finally {
        guest.pending -= 1;
      }
    });
  };

  const onFrame = (guest: Guest, frame: InboundFrame) => {
    switch (frame.type) {
      case 'CHAT': {
        const { author, body } = frame;
        guest.name = author || guest.name;
        enqueue(guest, 'CHAT', (clientId, requestId) => guests.send({ clientId, author, body }, requestId));
        return;
      }
      case 'NAME_CHANGE': {
        const previousName = guest.name ?? (frame.oldName || undefined);
        const name = frame.newName;
        guest.name = name || guest.name;
        enqueue(guest, 'NAME_CHANGE', (clientId, requestId) => guests.rename({ clientId, previousName, name }, requestId));
        return;
      }
      case 'USER_JOINED': {
        const name = frame.username;
        guest.name = name || guest.name;
        enqueue(guest, 'USER_JOINED', (clientId, requestId) => guests.join({ clientId, name }, requestId));
        return;
      }
    }
  };

  const onConnection = (ws: WebSocket, request: IncomingMessage, address: string) => {
    const id = randomBytes(6).toString('hex');
    const ignored = ws.protocol === 'IGNORE_CLIENT';
    const guestLogger = logger.child({ reqId: `entry-${id}`, transport: 'owncast-chat' });
    const userAgent = typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : '';
    const guest: Guest = {
      ws,
      id,
      ignored,
      userAgent,
      address,
      closed: false,
      clientId: Promise.resolve(undefined),
      name: undefined,
      bucket: new TokenBucket(settings.rateLimit, settings.now),
      queue: Promise.resolve(),
      pending: 0,
      calls: 0,
      logger: guestLogger,
    };
    // A viewer from the moment it connects, as in 0.0.7; its frames wait for the registration.
    if (!ignored) guest.clientId = register(guest, `entry-${id}-0`);
    open.set(ws, guest);
    ws.on('message', (data) => {
      // Every frame spends a token before it is read, PONGs included; excess frames vanish (0.0.7).
      if (!guest.bucket.take()) return;
      const frame = parseInboundFrame(textOf(data));
      if (frame) onFrame(guest, frame);
    });
    // ws reports a bad frame (too big: 1009, malformed: 1002) here and closes the socket itself.
    ws.on('error', (error: Error & { code?: string }) => guestLogger.warn({ code: error.code }, 'owncast chat socket closed: bad frame from client'));
    ws.once('close', () => {
      open.delete(ws);
      guest.closed = true;
      // After the socket's last frames: a message sent just before closing is still stored.
      guest.queue = guest.queue.then(async () => {
        const clientId = await guest.clientId;
        if (!clientId) return;
        viewers.delete(clientId);
        await guests.disconnect(clientId, `entry-${id}-close`).catch((error: Error) => {
          guestLogger.warn({ err: { message: error.message } }, 'owncast chat client not removed; it expires');
        });
      });
    });
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (closing) return refuse(socket, 503);
    // 0.0.7's handshake checks, in its order; ws checks method, Upgrade and key itself (405/400).
    if (request.headers['sec-websocket-version'] !== '13') return refuse(socket, 400, 'Sec-WebSocket-Version: 13\r\n');
    if (!originAcceptable(request.headers.origin)) {
      logger.info({ origin: request.headers.origin }, 'owncast chat socket refused: no usable Origin');
      return refuse(socket, 403);
    }
    const protocols = (request.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((token) => token.trim())
      .filter(Boolean);
    if (protocols.length > 1) return refuse(socket, 400);
    const address = clientAddress(request);
    const release = open.size >= limits.maxConnections ? undefined : perAddress.take(address);
    if (!release) {
      const tooMany = open.size >= limits.maxConnections ? 'Too many connections; try again later' : 'Too many connections from this address; try again later';
      logger.warn({ address, connections: open.size }, 'owncast chat socket refused: too many connections');
      wss.handleUpgrade(request, socket, head, (ws) => ws.close(CLOSE_TRY_AGAIN_LATER, tooMany));
      return;
    }
    socket.once('close', release);
    // The socket opens only once the relay listens, so the client's own echo cannot be missed.
    options.source.ready(options.readyTimeoutMs).then(
      () => {
        if (closing) return refuse(socket, 503);
        wss.handleUpgrade(request, socket, head, (ws) => {
          ws.once('close', release);
          onConnection(ws, request, address);
        });
      },
      () => {
        logger.warn('owncast chat socket refused: chat relay unavailable');
        refuse(socket, 503);
      },
    );
  };
  const release = claimUpgradePath(options.server, options.path, onUpgrade);

  return {
    connections: () => open.size,
    close: async () => {
      closing = true;
      release();
      clearInterval(pingTimer);
      clearInterval(refreshTimer);
      unsubscribe();
      const guestsLeft = [...open.values()];
      for (const guest of guestsLeft) guest.ws.close(CLOSE_GOING_AWAY, 'Server shutting down');
      // Each closed socket removes its viewer row; shutdown waits for that, bounded.
      const closed = Promise.all(
        guestsLeft.map(
          (guest) => new Promise<void>((resolve) => (guest.ws.readyState === WebSocket.CLOSED ? resolve() : guest.ws.once('close', () => resolve()))),
        ),
      );
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        closed.then(() => Promise.all(guestsLeft.map((guest) => guest.queue))),
        new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_WAIT_MS))),
      ]);
      clearTimeout(timer);
      for (const guest of guestsLeft) if (guest.ws.readyState !== WebSocket.CLOSED) guest.ws.terminate();
      await options.source.close();
    },
  };
}
