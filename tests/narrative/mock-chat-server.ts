/**
 * A local stand-in for an OpenAI-compatible chat-completions server on 127.0.0.1 (node:http, port
 * 0): each request is recorded (headers, parsed body) and answered by the test's handler, which may
 * set a status, headers, a raw body, a delay, or hang until the client gives up.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  n: number;
  headers: http.IncomingHttpHeaders;
  body: {
    model: string;
    stream: boolean;
    messages: { role: string; content: string }[];
  };
  /** The JSON the user message carries (the facts we sent). */
  data: { customer?: { id: string; customer: string }; customers?: { id: string }[] };
}

export interface MockReply {
  status?: number;
  headers?: Record<string, string>;
  /** Raw body; absent: `content` wrapped as a chat-completions reply. */
  body?: string;
  content?: string;
  delayMs?: number;
  /** Never answer (the client's timeout or cancel ends it). */
  hang?: boolean;
}

export interface MockServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export const completion = (content: string): string =>
  JSON.stringify({
    id: "chatcmpl-test",
    object: "chat.completion",
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
  });

/** The reply a well-behaved model gives: the fields asked for, about the data it was sent. */
export function politeReply(r: Received): string {
  if (r.data.customer !== undefined) {
    const c = r.data.customer;
    return JSON.stringify({
      id: c.id,
      rationale: `Drafted rationale for ${c.id}.`,
      opportunity: `Drafted opportunity for ${c.id}.`,
      message: `Drafted message for ${c.id}.`,
    });
  }
  return JSON.stringify({ id: "summary", paragraph: "Drafted executive paragraph." });
}

export async function startMockServer(
  handler: (r: Received) => MockReply | Promise<MockReply>,
  port = 0,
): Promise<MockServer> {
  const received: Received[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    // The pane calls from another origin: answer the browser's preflight.
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-origin": "*",
        "access-control-allow-methods": "POST",
        "access-control-allow-headers": "content-type, authorization",
      });
      res.end();
      return;
    }
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    req.on("end", () => {
      void (async () => {
        const body = JSON.parse(text) as Received["body"];
        const user = body.messages.find((m) => m.role === "user");
        const r: Received = {
          n: received.length + 1,
          headers: req.headers,
          body,
          data: JSON.parse(user?.content ?? "{}") as Received["data"],
        };
        received.push(r);
        const reply = await handler(r);
        if (reply.hang) return;
        if (reply.delayMs !== undefined)
          await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
        res.writeHead(reply.status ?? 200, {
          "content-type": "application/json",
          "access-control-allow-origin": "*",
          ...(reply.headers ?? {}),
        });
        res.end(reply.body ?? completion(reply.content ?? politeReply(r)));
      })();
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/v1`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
