import type { Duplex } from 'node:stream';
import WebSocket from 'ws';

/**
 * Pre-framed WebSocket writes for fan-out: a group's events are framed once
 * (RFC 6455 text frames, as the `ws` library frames them) and the same
 * bytes are written to every socket that gets them, in one write per socket.
 * `ws.send` would frame and write each message once per socket.
 *
 * Writing frames past the library's sender is sound only while the sender
 * never holds frames back, i.e. without permessage-deflate (the servers
 * that use this disable it) and without Blob sends (never made here); then
 * the sender writes every frame to the TCP socket at once, so these writes
 * and the library's own (pings, close) stay in order. The bytes count in
 * `bufferedAmount`, so a slow reader is still seen as one.
 */

interface FrameOptions {
  fin: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
  rsv1: boolean;
}

/** `ws`'s own framing (Sender.frame), which its type declarations leave out. */
const { Sender } = WebSocket as unknown as { Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } };
const TEXT: FrameOptions = { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false };

/** Server-to-client text frames, one per message, in one buffer. */
export function textFrames(messages: readonly string[]): Buffer {
  const parts: Buffer[] = [];
  for (const message of messages) parts.push(...Sender.frame(Buffer.from(message), TEXT));
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/** Writes frames made by textFrames to an open socket (a closing one gets nothing more). */
export function writeFrames(socket: WebSocket, frames: Buffer): void {
  if (socket.readyState !== WebSocket.OPEN) return;
  if (socket.extensions !== '') {
    // Cannot happen with the servers' settings; compressed sockets would need the library's sender.
    throw new Error('pre-framed writes need a WebSocket without extensions');
  }
  (socket as unknown as { _socket: Duplex })._socket.write(frames);
}
