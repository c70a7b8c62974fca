/**
 * A bare WebSocket client for the chat bench's subscriber processes. The
 * load generator runs on the machine it measures, so it must cost little
 * per delivery: the `ws` client reassembles, validates (UTF-8) and emits
 * every message as an event, which for 50,000 deliveries a second is a
 * large share of two cores. This client walks the server's frames in each
 * received chunk (a few bytes of header arithmetic per frame, no copy, no
 * decode) and hands each text frame's bytes to the caller as a slice of the
 * chunk; only control frames (ping, close) are acted on.
 *
 * What it relies on, true of both servers it talks to (graphql-ws and
 * /entry on the gateway, `ws` without permessage-deflate): server frames
 * are unmasked, uncompressed and never fragmented.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

const OPCODE_TEXT = 0x1;
const OPCODE_CLOSE = 0x8;
const OPCODE_PING = 0x9;
const OPCODE_PONG = 0xa;

/** A client-to-server frame: always masked (RFC 6455 §5.3), short payloads only (the bench sends a few small messages). */
function clientFrame(opcode: number, payload: Buffer): Buffer {
  if (payload.length > 0xffff) throw new Error('bench client frames are small');
  const header = payload.length < 126 ? 2 : 4;
  const frame = Buffer.allocUnsafe(header + 4 + payload.length);
  frame[0] = 0x80 | opcode;
  if (header === 2) frame[1] = 0x80 | payload.length;
  else {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(payload.length, 2);
  }
  const mask = randomBytes(4);
  mask.copy(frame, header);
  for (let index = 0; index < payload.length; index += 1) frame[header + 4 + index] = payload[index]! ^ mask[index & 3]!;
  return frame;
}

export interface RawSocketHandlers {
  /** One text frame: its payload is data[start, end) (a view of the received chunk, valid during the call); `at` is when the chunk arrived. */
  text(data: Buffer, start: number, end: number, at: number): void;
  /** The socket is gone (close frame, end or error), once. */
  closed(): void;
}

export interface RawSocket {
  sendText(text: string): void;
  close(): void;
}

/**
 * Opens a WebSocket to `url` (ws://). Resolves once the server answered 101;
 * rejects with the HTTP status (or the error) otherwise.
 */
export function openRawSocket(
  url: string,
  options: { protocol?: string; origin?: string; now: () => number },
  handlers: RawSocketHandlers,
): Promise<RawSocket> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    // The handshake written and read by hand: Node's HTTP client costs more per connection than the whole subscriber.
    const socket = connect({ host: target.hostname, port: Number(target.port) });
    const handshake = [
      `GET ${target.pathname}${target.search} HTTP/1.1`,
      `Host: ${target.host}`,
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      ...(options.protocol ? [`Sec-WebSocket-Protocol: ${options.protocol}`] : []),
      ...(options.origin ? [`Origin: ${options.origin}`] : []),
      '',
      '',
    ].join('\r\n');
    socket.once('connect', () => socket.write(handshake));
    let answer = Buffer.alloc(0);
    const failed = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    const onAnswer = (chunk: Buffer) => {
      answer = Buffer.concat([answer, chunk]);
      const headerEnd = answer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      socket.off('data', onAnswer);
      socket.off('error', failed);
      socket.off('end', onEnd);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer.toString('latin1', 0, Math.min(headerEnd, 64)))?.[1];
      if (status !== '101') {
        failed(new Error(`answered HTTP ${status ?? '(no status)'}`));
        return;
      }
      opened(socket, answer.subarray(headerEnd + 4));
    };
    const onEnd = () => failed(new Error('closed during the handshake'));
    socket.on('data', onAnswer);
    socket.once('error', failed);
    socket.once('end', onEnd);
    const opened = (socket: Socket, head: Buffer) => {
      socket.setNoDelay(true);
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        socket.destroy();
        handlers.closed();
      };
      /** The unread tail of the last chunk: a frame cut by the chunk's end waits for the rest. */
      let pending: Buffer | undefined;
      const onData = (chunk: Buffer) => {
        const at = options.now();
        const data = pending ? Buffer.concat([pending, chunk]) : chunk;
        pending = undefined;
        let offset = 0;
        while (data.length - offset >= 2) {
          const opcode = data[offset]! & 0x0f;
          let length = data[offset + 1]! & 0x7f;
          let header = 2;
          if (length === 126) {
            if (data.length - offset < 4) break;
            length = data.readUInt16BE(offset + 2);
            header = 4;
          } else if (length === 127) {
            if (data.length - offset < 10) break;
            length = Number(data.readBigUInt64BE(offset + 2));
            header = 10;
          }
          if (data.length - offset < header + length) break;
          const start = offset + header;
          offset = start + length;
          if (opcode === OPCODE_TEXT) handlers.text(data, start, offset, at);
          else if (opcode === OPCODE_PING) socket.write(clientFrame(OPCODE_PONG, data.subarray(start, offset)));
          else if (opcode === OPCODE_CLOSE) {
            // The server's close answered with its code; the TCP socket ends once that is written.
            if (!ended) {
              ended = true;
              socket.end(clientFrame(OPCODE_CLOSE, data.subarray(start, Math.min(offset, start + 2))));
              handlers.closed();
            }
            return;
          }
        }
        if (offset < data.length) pending = Buffer.from(data.subarray(offset));
      };
      socket.on('data', onData);
      socket.once('close', end);
      socket.once('error', end);
      // Frames that came with the 101 answer are handled once the caller holds the socket (it may answer them),
      // before the next read: setImmediate runs after the caller's await resumes and before more data.
      if (head.length > 0) setImmediate(() => onData(head));
      resolve({
        sendText: (text) => {
          if (!ended) socket.write(clientFrame(OPCODE_TEXT, Buffer.from(text)));
        },
        close: () => {
          if (ended) return;
          const code = Buffer.alloc(2);
          code.writeUInt16BE(1000);
          socket.end(clientFrame(OPCODE_CLOSE, code));
          ended = true;
        },
      });
    };
  });
}
