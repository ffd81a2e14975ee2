import type { IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { expect } from 'vitest';

/**
 * Test helpers shared by the server suites: raw bytes on a socket (for what node:http or fetch
 * will not send), the one HTTP/1.1 answer read back, and the envelope check.
 */

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Exchange {
  /** Everything the server sent, as latin1. */
  text: string;
  /** Milliseconds from connecting until the server closed the connection. */
  closedAfterMs: number;
}

/** Writes raw bytes and keeps the connection open until the server closes it. */
export function exchange(port: number, bytes: string): Promise<Exchange> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closedAfterMs: performance.now() - started });
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', finish);
    if (bytes !== '') socket.write(bytes, 'latin1');
  });
}

/** Writes raw bytes, reads until the server closes, parses one HTTP/1.1 answer. */
export async function sendRaw(port: number, bytes: string): Promise<Answer> {
  const { text } = await exchange(port, bytes);
  if (text === '') throw new Error('connection closed without an answer');
  return parseRawAnswer(text);
}

export function parseRawAnswer(text: string): Answer {
  const split = text.indexOf('\r\n\r\n');
  const head = split === -1 ? text : text.slice(0, split);
  let body = split === -1 ? '' : text.slice(split + 4);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers: IncomingHttpHeaders = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  if (headers['transfer-encoding'] === 'chunked') {
    let decoded = '';
    let rest = body;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n');
      const size = parseInt(rest.slice(0, lineEnd), 16);
      if (!size) break;
      decoded += rest.slice(lineEnd + 2, lineEnd + 2 + size);
      rest = rest.slice(lineEnd + 2 + size + 2);
    }
    body = decoded;
  } else if (headers['content-length'] !== undefined) {
    body = body.slice(0, Number(headers['content-length']));
  }
  return { status, headers, body: Buffer.from(body, 'latin1').toString('utf8') };
}

/** A JSON Linq error envelope with this status (and code), nothing more, never HTML. */
export function expectEnvelope(answer: Answer, status: number, code?: number): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.body).not.toMatch(/<html|<!doctype/i);
  const parsed = JSON.parse(answer.body) as unknown;
  expect(parsed).toEqual({
    error: { status, code: code ?? expect.any(Number), message: expect.any(String) },
    success: false,
  });
  expect(Object.keys((parsed as { error: object }).error).sort()).toEqual(['code', 'message', 'status']);
}
